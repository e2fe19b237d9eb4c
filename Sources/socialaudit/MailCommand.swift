import ArgumentParser
import Foundation
import SocialAuditInventory
import SocialAuditRun

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
            throw RunError.inputs(error.problems.map(\.description))
        }
        let outcome = try MailResend.send(configuration, dryRun: dryRun, log: Console.logger)
        for line in outcome.lines { print(line) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
