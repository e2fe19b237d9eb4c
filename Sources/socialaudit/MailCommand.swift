import ArgumentParser
import Foundation
import SocialAuditInventory
import SocialAuditRun

struct Mail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Send the e-mail summaries of the last run.",
        discussion: CommandHelp.mail)

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: ./socialaudit.json when it exists).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The reports folder of the run.", valueName: "dir"))
    var out: String?

    @Flag(name: .customLong("dry-run"), help: "Show what would be sent to whom, and send nothing.")
    var dryRun = false

    func run() throws {
        let configuration = try InputLocation(config: config).configuration(ConfigurationOverrides(out: out))
        let outcome = try MailResend.send(configuration, dryRun: dryRun, log: Console.logger)
        for line in outcome.lines { print(line) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
