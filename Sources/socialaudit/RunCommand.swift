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

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Audit every archive and write the reports.",
        discussion: """
            Reads each archive in the archives folder (a .zip from Twitter/X or the folder it extracts to), \
            matches it to the inventory, runs the rule pass of its tier and writes the reports under --out.

            Writes OUT/index.html (the district), OUT/schools/<id>/index.html (each school), \
            findings.csv, findings.json, run.json and OUT/mail/*.eml (sent with --mail), and prints a \
            short summary. The state file remembers earlier runs: findings are new, open, suppressed \
            (by the review file) or resolved, and archives unchanged since the last run are not \
            parsed again (--full parses them all).

            Inputs that cannot be used stop the run with exit 2 before anything is written. Outputs \
            are replaced whole: a failed or killed run leaves the previous run's files and state as \
            they were, or the new ones together. OUT must be new, empty or a tree socialaudit wrote \
            (it holds .socialaudit-output), and apart from the archives, the templates, the state and \
            the configuration; else the run exits 2. Another run on the same state file (by any path) \
            makes this one exit 3.

            A finding is resolved only when its account's data was read again and the finding is \
            gone: an account whose archive is missing or unreadable keeps its findings open, marked \
            "not re-checked since" the day it was last read. An archives folder that is missing, \
            empty or holds fewer than policy.minArchiveShare (default 0.5) of the archives the last \
            run had stops the run with exit 4, nothing written (--accept-shrink audits it anyway).

            With --mail, a summary that does not reach one of its recipients makes the run exit 5 \
            (the reports and state are written; `socialaudit mail` sends again); a --fail-on that \
            matches makes it exit 1. Under --quiet the run ends with one line saying what it read, \
            what it found and its exit code.

            Nightly, from cron:  socialaudit run --config /srv/socialaudit/socialaudit.json --quiet --mail
            """)

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

    func run() throws {
        var options = NightlyRun.Options()
        (options.asOf, options.schools, options.jobs, options.mail) = (asOf, school, jobs, mail)
        (options.failOn, options.full, options.acceptShrink, options.reviewsRequired) = (failOn, full, acceptShrink, paths.reviews != nil)
        let nightly = NightlyRun(options: options, log: Console.logger, progress: { Console.progress($0) })
        // The templates are parsed and the state opened while the inventory and roster are read.
        var ahead: NightlyRun.Ahead?
        let district: DistrictInputs
        do {
            district = try inputs.load(paths.overrides) { ahead = NightlyRun.Ahead($0) }
        } catch {
            ahead?.abandon()
            throw error
        }
        let outcome: NightlyRun.Outcome
        outcome = try nightly.run(district, ahead: ahead)
        let result = outcome.result
        if verbose {
            print(ReadingSummary.render(result.readings, ignored: result.ignored, shown: result.shown), terminator: "")
            print("")
            print(MatchingReport.render(result.matching, readings: result.readings, inventory: district.inventory.inventory,
                                        shown: result.shown))
        }
        if !quiet {
            print(RunSummary.render(result, statuses: outcome.statuses, resolved: outcome.resolved, asOf: outcome.asOf, out: outcome.out),
                  terminator: "")
        }
        if quiet || !Console.isTerminal {
            Console.notice(RunSummary.logLine(result, statuses: outcome.statuses, resolved: outcome.resolved, asOf: outcome.asOf,
                                              exit: outcome.exitCode))
        }
        // The process ends here rather than after releasing every finding, view and page of the
        // run one by one (the system takes the memory back at once).
        fflush(nil)  // standard output, whatever it is (a pipe under cron)
        Foundation.exit(outcome.exitCode)
    }
}

/// `--fail-on`'s values, named by their raw values directly: the protocol's defaults write each
/// through string interpolation, whose first use on a type looks through every conformance of
/// the binary (a quarter of a millisecond, for every run).
extension Severity: ExpressibleByArgument {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

