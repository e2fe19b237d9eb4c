import Foundation
import SocialAuditCore
import SocialAuditMail
import SocialAuditReport
import SocialAuditState

/// The end of a run, in the order that makes reports and state one outcome: the new tree whole
/// beside the old, the state committed with the run pending, the tree swapped in, the run
/// marked done. Each failure says what was left (``RunError/stopped(_:)``).
struct Publication {
    let out: URL
    let state: URL
    let store: StateStore

    /// `recorded`: the run's statements, made while the tree was written, committed here only
    /// once the tree is whole. Returns once the previous tree is removed.
    func publish(pages: Result<OutputFolder.Staging, any Error>, closing: Result<[String: [UInt8]], any Error>,
                 recorded: Result<StateStore.UncommittedRun, any Error>, mail: [MailOutcome]?) async throws(RunError) {
        let staging: OutputFolder.Staging
        do {
            staging = try pages.get()
            do {
                for (path, bytes) in try closing.get().sorted(by: { $0.key < $1.key }) { try await staging.write(path, bytes) }
            } catch {
                staging.abandon()
                throw error
            }
        } catch {
            if case let .success(run) = recorded { store.discard(run) }
            throw .stopped("cannot write the reports to \(out.path): \(error.localizedDescription); the previous reports and the state are as they were")
        }
        let runId: Int64
        do {
            runId = try store.commit(recorded.get())
        } catch {
            staging.abandon()
            throw .stopped("the state file \(state.path) could not be updated: \(error.localizedDescription); "
                           + "the previous reports and the state are as they were")
        }
        let previous: URL?
        do {
            previous = try staging.commit()
        } catch {
            staging.abandon()
            let undone = (try? store.rollBack(runId)) != nil
            throw .stopped("cannot put the reports in place in \(out.path): \(error.localizedDescription); "
                           + (undone ? "the run was undone: the previous reports and the state are as they were"
                                     : "the state holds the run as pending, and the next run will roll it back"))
        }
        // The previous tree is removed while the run is marked done.
        async let previousRemoved: Void = OutputFolder.removePrevious(previous)
        do {
            try store.complete(runId)
            if let mail { try store.recordMail(mail, runId: runId) }
        } catch {
            await previousRemoved
            throw .stopped("the reports and the state were written, but the state file \(state.path) could not mark the run done: "
                           + "\(error.localizedDescription); the next run will finish it")
        }
        await previousRemoved
    }
}
