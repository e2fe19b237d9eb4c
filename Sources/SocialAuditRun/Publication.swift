import Foundation
import SocialAuditCore
import SocialAuditMail
import SocialAuditReport
import SocialAuditState
import SocialAuditSupport

/// The end of a run, in the order that makes reports and state one outcome: the new tree whole
/// beside the old, the state committed with the run pending, the tree swapped in, the run
/// marked done. Each failure says what was left (``RunError/stopped(_:)``).
struct Publication {
    let out: URL
    let state: URL
    let store: StateStore
    /// Given once the tree is whole (or cannot be): the state's transaction waits for it to commit.
    let written: Verdict

    /// The previous tree's removal, running: wait for it before the process ends.
    func publish(pages: Result<OutputFolder.Staging, any Error>, closing: Result<[String: [UInt8]], any Error>,
                 recorded: () -> Result<Int64, any Error>, mail: [MailOutcome]?) throws(RunError) -> Background<Void>? {
        let staging: OutputFolder.Staging
        do {
            staging = try pages.get()
            do {
                for (path, bytes) in try closing.get().sorted(by: { $0.key < $1.key }) { try staging.write(path, bytes) }
            } catch {
                staging.abandon()
                throw error
            }
        } catch {
            written.give(false)
            _ = recorded()
            return try fail("cannot write the reports to \(out.path): \(error.localizedDescription); the previous reports and the state are as they were")
        }
        written.give(true)
        let runId: Int64
        do {
            runId = try recorded().get()
        } catch {
            staging.abandon()
            return try fail("the state file \(state.path) could not be updated: \(error.localizedDescription); "
                            + "the previous reports and the state are as they were")
        }
        let previousRemoved: Background<Void>?
        do {
            previousRemoved = try staging.commit()
        } catch {
            staging.abandon()
            let undone = (try? store.rollBack(runId)) != nil
            return try fail("cannot put the reports in place in \(out.path): \(error.localizedDescription); "
                            + (undone ? "the run was undone: the previous reports and the state are as they were"
                                      : "the state holds the run as pending, and the next run will roll it back"))
        }
        do {
            try store.complete(runId)
            if let mail { try store.recordMail(mail, runId: runId) }
        } catch {
            _ = previousRemoved?.value
            return try fail("the reports and the state were written, but the state file \(state.path) could not mark the run done: "
                            + "\(error.localizedDescription); the next run will finish it")
        }
        return previousRemoved
    }

    private func fail(_ message: String) throws(RunError) -> Background<Void>? {
        throw .stopped(message)
    }
}

/// A yes or no that one thread gives and another waits for (whether the reports were written,
/// for the state's transaction waiting to commit).
final class Verdict: @unchecked Sendable {
    private let condition = NSCondition()
    private var verdict: Bool?

    /// The first verdict stands.
    func give(_ value: Bool) {
        condition.lock()
        if verdict == nil { verdict = value }
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while verdict == nil { condition.wait() }
        return verdict!
    }
}
