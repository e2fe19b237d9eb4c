import ArgumentParser
import Foundation
import SocialAuditRun

@main
struct SocialAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socialaudit",
        abstract: "Audit a school district's Twitter/X accounts against its social media policy.",
        discussion: """
            Reads the archives that schools and staff export, the district's account inventory and a \
            student roster, runs one rule pass per account tier, and writes HTML and CSV reports per \
            school, a district roll-up and e-mail summaries.

            A new district (then fill in its inventory and roster):  socialaudit init /srv/socialaudit

            Check the inputs:  socialaudit validate --config /srv/socialaudit/socialaudit.json

            Audit, nightly from cron:  socialaudit run --config /srv/socialaudit/socialaudit.json --quiet --mail

            Exit status: 0 done, 1 --fail-on matched, 2 bad usage or unusable input (nothing written), \
            3 another run holds the lock, 4 the archives shrank since the last run (nothing written), \
            5 the reports were written but some e-mail was not delivered.

            Messages go to standard error, one line each with its level; when that is not a terminal \
            (cron's log), each line starts with the time (UTC), and `run` ends with one line saying \
            what it read and found and its exit code.
            """,
        version: "0.1.0",
        subcommands: [Run.self, Validate.self, Init.self, Inputs.self, Rules.self, Explain.self, Mail.self, Scan.self],
        defaultSubcommand: nil
    )

    /// Runs the command, with the spec's exit codes: bad usage is 2 (not ArgumentParser's 64), a
    /// ``RunError`` its own (its lines said on standard error), and every other error that
    /// reaches here is said in one line on standard error.
    static func main() async {
        ProcessSignals.prepareForRun()
        do {
            var command = try await asyncParseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as RunError {
            for line in error.lines { Console.error(line) }
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)  // --help, --version
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { Console.error(message) }
            Foundation.exit(2)
        }
    }
}
