import ArgumentParser
import Foundation
import SocialAuditCore
import SocialAuditRun

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Audit every archive and write the reports.",
        discussion: CommandHelp.run)

    @OptionGroup var inputs: InputOptions

    @OptionGroup var paths: RunPaths

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The run's date, YYYY-MM-DD (default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Audit only this school (repeatable).", valueName: "id"))
    var school: [String] = []

    @Option(help: ArgumentHelp("How many archives to read at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Send the e-mail summaries after the reports are written.")
    var mail = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when an unsuppressed finding has this severity or higher.", valueName: "severity"))
    var failOn: Severity?

    @Flag(help: "Parse every archive again, even those whose content has not changed since the last run.")
    var full = false

    @Flag(name: .customLong("accept-shrink"),
          help: "Audit even when the archives folder is empty or holds far fewer archives than the last run had (else exit 4).")
    var acceptShrink = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors (for cron).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Say more: what was read from each archive and how it matched.")
    var verbose = false

    func validate() throws {
        if let asOf, TwitterDate.parse(asOf) == nil || asOf.count != 10 {
            throw ValidationError("--as-of '\(asOf)' is not a date: expected YYYY-MM-DD, a day the calendar has")
        }
        if let jobs, jobs < 1 {
            throw ValidationError("--jobs must be 1 or more")
        }
    }

    func run() async throws {
        var options = NightlyRun.Options()
        (options.asOf, options.schools, options.jobs, options.mail) = (asOf, school, jobs, mail)
        (options.failOn, options.full, options.acceptShrink, options.reviewsRequired) = (failOn, full, acceptShrink, paths.reviews != nil)
        let nightly = NightlyRun(options: options, log: Console.logger, progress: { Console.progress($0) })
        let outcome = try await nightly.run(inputs.location, paths.overrides)
        if !quiet {
            print(outcome.printed(verbose: verbose), terminator: "")
        }
        if quiet || !Console.isTerminal {
            Console.notice(outcome.logLine)
        }
        // The process ends here rather than after releasing every finding, view and page of the
        // run one by one (the system takes the memory back at once).
        fflush(nil)  // standard output, whatever it is (a pipe under cron)
        Foundation.exit(outcome.exitCode)
    }
}

/// `--fail-on`'s values are the severities' raw values.
extension Severity: ExpressibleByArgument {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

