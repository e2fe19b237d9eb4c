import ArgumentParser
import Foundation
import Logging
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory

@main
struct SocialAudit: ParsableCommand {
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

            Exit status: 0 done, 1 --fail-on matched, 2 bad usage or unusable input, 3 another run \
            holds the lock.
            """,
        version: "0.1.0",
        subcommands: [Run.self, Validate.self, Init.self, Inputs.self, Rules.self, Explain.self, Mail.self, Scan.self],
        defaultSubcommand: nil
    )

    /// Runs the command, with the spec's exit codes: bad usage is 2 (not ArgumentParser's 64),
    /// and every error that reaches here is said in one line on standard error.
    static func main() {
        // A run must stop when it is told to (cron's timeouts, systemd, an operator's kill):
        // undo a blocked or ignored SIGTERM, SIGINT or SIGHUP inherited from whoever started us.
        // Outputs and state are replaced whole, so stopping anywhere leaves the previous ones.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            sigaddset(&signals, signal)
            Foundation.signal(signal, SIG_DFL)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)  // --help, --version
            }
            let message = fullMessage(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            Foundation.exit(2)
        }
    }
}

/// Standard error, for messages and logs; standard output carries the results.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("socialaudit: " + message + "\n").utf8))
    }

    /// A progress line on standard error, only when it is a terminal (never under cron);
    /// nil clears it.
    static func progress(_ message: String?) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let text = message.map { "\r\u{1B}[K" + $0 } ?? "\r\u{1B}[K"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data(("socialaudit: warning: " + message + "\n").utf8))
    }

    /// Every problem of an unusable input, one per line, then what that means.
    static func inputProblems(_ problems: [InputProblem]) {
        var text = problems.map { "socialaudit: error: " + $0.description }.joined(separator: "\n")
        text += "\nsocialaudit: \(problems.count) problem\(problems.count == 1 ? "" : "s") in the inputs; nothing was written.\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func bootstrapLogging(verbose: Bool) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .notice
            return handler
        }
    }
}

/// A command that is part of the interface but whose work is not built yet: it says so and exits 2.
protocol NotBuiltYet {
    static var comesWith: String { get }
}

extension NotBuiltYet {
    func refuse(_ name: String) throws -> Never {
        Console.error("'socialaudit \(name)' is not built yet; it comes with \(Self.comesWith). Nothing was done.")
        throw ExitCode(2)
    }
}
