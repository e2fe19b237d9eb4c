import Foundation
import SocialAuditCore
import SocialAuditMail
import SocialAuditReport
import SocialAuditState

/// The state a run reads before its audit: the lock, the store, the findings it knows and the
/// trend of the last runs. A nightly run opens it while its inventory, roster and reviews are
/// read, rather than after them; its faults are still reported where a run reports them,
/// after those inputs' own.
struct OpenedState: Sendable {
    enum Failure: Error {
        case lock(StateLock.Failure)
        case store(any Error)
    }

    /// What the run needs of earlier runs.
    struct Past {
        let known: [String: KnownFinding]
        let trend: [TrendPoint]
    }

    let lock: StateLock
    let store: StateStore
    /// Read in a task of its own once the store is open: the archives' remembered audits are
    /// read from the store meanwhile, rather than waiting for it.
    let past: Task<Result<Past, any Error>, Never>
    /// What became of a run found pending (interrupted between its state and its reports), if any.
    let settled: String?

    /// ``openAhead(_:out:trendRuns:)`` opens it before the inputs are known to be usable, so only if
    /// that writes nothing (a run whose inputs are unusable writes nothing, not even a new state
    /// file, a lock file or a migration), and gives nil when it would.
    static func open(_ state: URL, out: URL, trendRuns: Int) -> Result<OpenedState, Failure> {
        open(state, out: out, trendRuns: trendRuns, ahead: false)!
    }

    static func openAhead(_ state: URL, out: URL, trendRuns: Int) -> Result<OpenedState, Failure>? {
        guard FileManager.default.fileExists(atPath: state.path + ".lock"), FileManager.default.fileExists(atPath: state.path) else {
            return nil
        }
        return open(state, out: out, trendRuns: trendRuns, ahead: true)
    }

    private static func open(_ state: URL, out: URL, trendRuns: Int, ahead: Bool) -> Result<OpenedState, Failure>? {
        let lock: StateLock
        do {
            // Before anything is swapped, the run must be able to record itself.
            try StateStore.checkWritable(state)
            lock = try StateLock(state: state)
        } catch let error as StateLock.Failure {
            return .failure(.lock(error))
        } catch {
            return .failure(.lock(.cannotOpen(path: state.path + ".lock", reason: error.localizedDescription)))
        }
        let store: StateStore
        var settled: String?
        do {
            store = ahead ? try StateStore(existing: state) : try StateStore(url: state)
            if let pending = try store.pendingRun() {
                // Settling writes: only once the inputs are known to be usable.
                if ahead { return nil }
                settled = try settle(pending, store, out: out)
            }
        } catch is StateStore.NotCurrent {
            return nil
        } catch {
            return .failure(.store(error))
        }
        let past = Task {
            Result<Past, any Error> { Past(known: try store.knownFindings(unresolvedOnly: true), trend: try store.trend(limit: trendRuns)) }
        }
        return .success(OpenedState(lock: lock, store: store, past: past, settled: settled))
    }

    /// A run recorded pending and then interrupted: finished when its reports reached their
    /// place (or its whole tree is still beside it), else undone. Says which.
    private static func settle(_ pending: PendingRun, _ store: StateStore, out: URL) throws -> String {
        let run = "the run of \(pending.asOf) was interrupted after recording its state"
        if !pending.token.isEmpty, OutputFolder.token(of: out) == pending.token {
            try store.complete(pending.id)
            return run + "; its reports were in place, so it is finished"
        }
        if !pending.token.isEmpty, OutputFolder.finishInterrupted(out, token: pending.token) {
            try store.complete(pending.id)
            return run + "; its reports have now been put in place, so it is finished"
        }
        try store.rollBack(pending.id)
        return run + "; its reports never replaced the previous ones, so its state was rolled back"
    }
}
