import ArgumentParser
import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditReport
import SocialAuditRules
import SocialAuditRun
import SocialAuditState
import SocialAuditMail

struct Mail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Send the e-mail summaries of the last run.",
        discussion: """
            Sends OUT/mail/*.eml, written by the last `run`, through the configured transport: \
            mail.smtp when it is given, else the mail.sendmail command (default /usr/sbin/sendmail -t -oi). \
            A temporary failure is retried with back-off; a refused message or recipient is reported and \
            the others still go. --dry-run shows what would be sent to whom and sends nothing.

            Exit status: 0 every summary was delivered (or had no recipients), 2 no summaries to send \
            or an unusable configuration, 5 some summary did not reach a recipient (each one named on \
            standard error and in run.json's failedRecipients).
            """)

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: ./socialaudit.json when it exists).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The reports folder of the run.", valueName: "dir"))
    var out: String?

    @Flag(name: .customLong("dry-run"), help: "Show what would be sent to whom, and send nothing.")
    var dryRun = false

    func run() throws {
        // The same rule as the other commands: --config, else ./socialaudit.json when it exists.
        let options = try InputOptions.parse(config.map { ["--config", $0] } ?? [])
        let configuration: Configuration
        do {
            configuration = try ConfigurationReader.load(try options.configurationURL(), overrides: ConfigurationOverrides(out: out))
        } catch let error as InputError {
            Console.inputProblems(error.problems)
            throw ExitCode(2)
        }
        let folder = configuration.out.appendingPathComponent("mail")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        guard !names.isEmpty else {
            Console.error("no e-mail summaries in \(folder.path): run `socialaudit run` first")
            throw ExitCode(2)
        }
        let transport = MailSettings.transport(configuration.mail)
        let delivery = MailDelivery(transport: transport)
        var outcomes: [MailOutcome] = []
        var unreadable = 0
        for name in names {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path), let message = EML.parse(Array(data), report: String(name.dropLast(4))) else {
                Console.error("\(url.path): not an e-mail message; it was not sent")
                unreadable += 1
                continue
            }
            if dryRun {
                print("\(name): would send to \(message.recipients.isEmpty ? "(no recipients)" : message.recipients.joined(separator: ", ")) through \(transport.description)")
                print("    Subject: \(message.subject)")
                continue
            }
            let outcome = delivery.deliver(message)
            outcomes.append(outcome)
            print("\(name): \(outcome.outcome.rawValue): \(outcome.detail)")
            if outcome.isFailure {
                Console.error(outcome.failureLine)
            } else if outcome.outcome == .notSent {
                Console.warning("mail '\(message.report)': \(outcome.detail)")
            }
        }
        guard !dryRun else { return }
        RunJSON.replaceMail(outcomes, in: configuration.out.appendingPathComponent("run.json"))
        if let store = try? StateStore(url: configuration.state) {
            try? store.recordMail(outcomes)
        }
        let failed = outcomes.filter(\.isFailure).count + unreadable
        if failed > 0 {
            Console.error("\(failed) of \(names.count) e-mail summar\(names.count == 1 ? "y" : "ies") not delivered; exit \(RunExit.mailNotDelivered)")
            throw ExitCode(RunExit.mailNotDelivered)
        }
    }
}
