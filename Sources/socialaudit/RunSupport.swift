import ArgumentParser
import Foundation
import SocialAuditCore
import SocialAuditRun
import SocialAuditMail
import SocialAuditInventory
import SocialAuditState
import SocialAuditReport

/// The run's date: `--as-of`, else today in the district's time zone.
enum RunDate {
    static func today(in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// Midnight UTC of the day: staleness counts whole days, the same on every machine.
    static func start(of day: String, in zone: TimeZone) -> Date {
        TwitterDate.parse(day)!
    }
}

/// The few lines `run` prints when it is done.
enum RunSummary {
    static func render(_ result: AuditResult, statuses: [String: FindingStatus], resolved: Int, asOf: String, out: URL) -> String {
        let findings = result.findings
        let bySeverity = Severity.allCases.map { severity in "\(findings.filter { $0.severity == severity }.count) \(severity.rawValue)" }
        let byStatus = FindingStatus.allCases.map { status in "\(statuses.values.filter { $0 == status }.count) \(status.rawValue)" }
        var lines = [
            "Audit as of \(asOf): \(result.readings.count) archive\(result.readings.count == 1 ? "" : "s") (\(result.archivesReused) unchanged since the last run), \(result.tweetsScanned) tweets and \(result.messagesScanned) direct messages.",
            "\(findings.count) finding\(findings.count == 1 ? "" : "s"): " + bySeverity.joined(separator: ", ") + "; " + byStatus.joined(separator: ", ") + "; \(resolved) resolved since the last run.",
        ]
        var bySchool: [String: Int] = [:]
        for finding in findings { bySchool[finding.schoolId, default: 0] += 1 }
        for school in bySchool.keys.sorted() {
            lines.append("  \(school): \(bySchool[school]!)")
        }
        lines.append("Reports: \(out.appendingPathComponent("index.html").path) (open it in a browser); findings.csv and schools/ beside it.")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RunSummary {
    /// The run in one line, for the log: what was read, what was found, the exit code.
    static func logLine(_ result: AuditResult, statuses: [String: FindingStatus], resolved: Int, asOf: String, exit: Int32) -> String {
        let count = { (status: FindingStatus) in statuses.values.filter { $0 == status }.count }
        return "run as of \(asOf) done: \(result.readings.count) archive\(result.readings.count == 1 ? "" : "s") read "
            + "(\(result.archivesReused) unchanged), \(result.findings.count) finding\(result.findings.count == 1 ? "" : "s"): "
            + "\(count(.new)) new, \(count(.open)) open, \(count(.suppressed)) suppressed, \(resolved) resolved; exit \(exit)"
    }
}

extension MailSettings {
    /// SMTP when `mail.smtp` is given, else the sendmail command; the defaults are the input
    /// reference's, so that docs/inputs.md says what is used.
    static func transport(_ settings: MailSettings) -> MailTransport {
        if let host = settings.smtpHost { return .smtp(host: host, port: settings.smtpPort ?? MailSettings.defaultSMTPPort) }
        return .sendmail(command: settings.sendmail ?? MailSettings.defaultSendmail)
    }
}

extension MailOutcome {
    /// The line that names a message that did not reach everyone, for standard error (the cron log).
    var failureLine: String {
        "mail '\(message)' not delivered to \(failedRecipients.joined(separator: ", ")): \(outcome.rawValue): \(detail)"
    }
}

/// The exit codes of a run beyond usage (2) and the lock (3), as the spec numbers them.
enum RunExit {
    static let failOnMatched: Int32 = 1
    static let inputsShrank: Int32 = 4
    static let mailNotDelivered: Int32 = 5
}

/// Rewrites the `mail` key of an existing run.json (after `socialaudit mail`), atomically.
enum RunJSON {
    static func replaceMail(_ outcomes: [MailOutcome], in url: URL) {
        guard let data = FileManager.default.contents(atPath: url.path),
              var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        object["mail"] = outcomes.map {
            ["message": $0.message, "recipients": $0.recipients, "outcome": $0.outcome.rawValue, "detail": $0.detail,
             "failedRecipients": $0.failedRecipients]
        }
        guard let output = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".run.json.new")
        guard FileManager.default.createFile(atPath: temporary.path, contents: output + Data("\n".utf8), attributes: [.posixPermissions: 0o640]) else { return }
        _ = rename(temporary.path, url.path)
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

/// The state a run reads before its audit: the lock, the store, the findings it knows and the
/// trend of the last runs. A nightly run opens it while its inventory, roster and reviews are
/// read, rather than after them; its faults are still reported where a run reports them,
/// after those inputs' own.
struct OpenedState {
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
    /// Read on a thread of its own once the store is open: the archives' remembered audits are
    /// read from the store meanwhile, rather than waiting for it.
    let past: Background<Result<Past, any Error>>
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
        let past = Background {
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

/// The end of a run, in the order that makes reports and state one outcome: the new tree whole
/// beside the old, the state committed with the run pending, the tree swapped in, the run
/// marked done. Each failure says what was left, and exits 2.
struct Publication {
    let out: URL
    let state: URL
    let store: StateStore
    /// Given once the tree is whole (or cannot be): the state's transaction waits for it to commit.
    let written: Verdict

    /// The previous tree's removal, running: wait for it before the process ends.
    func publish(pages: Result<OutputFolder.Staging, any Error>, closing: Result<[String: [UInt8]], any Error>,
                 recorded: () -> Result<Int64, any Error>, mail: [MailOutcome]?) throws -> Background<Void>? {
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

    private func fail(_ message: String) throws -> Background<Void>? {
        Console.error(message)
        throw ExitCode(2)
    }
}
