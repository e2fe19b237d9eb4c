import Foundation
import Logging
import SocialAuditCore
import SocialAuditInventory
import SocialAuditMail
import SocialAuditState

/// `socialaudit mail`: the summaries the last run wrote (`OUT/mail/*.eml`), sent through the
/// configured transport, the outcomes recorded in run.json and the state.
public enum MailResend {
    /// What was done with each message (one line each, for standard output) and the exit status:
    /// 0, or ``RunExit/mailNotDelivered`` when some summary did not reach a recipient.
    public struct Outcome: Sendable {
        public var lines: [String] = []
        public var exitCode: Int32 = 0
    }

    /// `dryRun`: say what would be sent to whom, and send nothing.
    public static func send(_ configuration: Configuration, dryRun: Bool, log: Logger) throws(RunError) -> Outcome {
        let folder = configuration.out.appendingPathComponent("mail")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        guard !names.isEmpty else {
            throw .stopped("no e-mail summaries in \(folder.path): run `socialaudit run` first")
        }
        let transport = MailSettings.transport(configuration.mail)
        let delivery = MailDelivery(transport: transport)
        var result = Outcome()
        var outcomes: [MailOutcome] = []
        var unreadable = 0
        for name in names {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path), let message = EML.parse(Array(data), report: String(name.dropLast(4))) else {
                log.error("\(url.path): not an e-mail message; it was not sent")
                unreadable += 1
                continue
            }
            if dryRun {
                result.lines.append("\(name): would send to \(message.recipients.isEmpty ? "(no recipients)" : message.recipients.joined(separator: ", ")) through \(transport.description)")
                result.lines.append("    Subject: \(message.subject)")
                continue
            }
            let outcome = delivery.deliver(message)
            outcomes.append(outcome)
            result.lines.append("\(name): \(outcome.outcome.rawValue): \(outcome.detail)")
            if outcome.isFailure {
                log.error("\(outcome.failureLine)")
            } else if outcome.outcome == .notSent {
                log.warning("mail '\(message.report)': \(outcome.detail)")
            }
        }
        guard !dryRun else { return result }
        RunJSON.replaceMail(outcomes, in: configuration.out.appendingPathComponent("run.json"))
        if let store = try? StateStore(url: configuration.state) {
            try? store.recordMail(outcomes)
        }
        let failed = outcomes.filter(\.isFailure).count + unreadable
        if failed > 0 {
            log.error("\(failed) of \(names.count) e-mail summar\(names.count == 1 ? "y" : "ies") not delivered; exit \(RunExit.mailNotDelivered)")
            result.exitCode = RunExit.mailNotDelivered
        }
        return result
    }
}
