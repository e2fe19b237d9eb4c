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

    /// Runs shown in the reports' trend: the last nine and this one.
    static let trendRuns = 9

    func run() throws {
        // The templates are parsed while the inventory, roster, reviews and state are read; a
        // fault in them is reported after those inputs' own, before any archive is read.
        // So is the state, when it exists already.
        var pendingTemplates: Background<Result<ReportTemplates, any Error>>?
        var pendingState: Background<Result<OpenedState, OpenedState.Failure>?>?
        // A run stopped by its inputs leaves the lock file as it found it.
        var stateTaken = false
        defer {
            if !stateTaken, case let .success(early)? = pendingState?.value {
                _ = early.past.value  // its reading done before another run may take the lock
                early.lock.release()
            }
        }
        let district = try inputs.load(paths.overrides) { configuration in
            pendingTemplates = Background { Result { try configuration.reportTemplates() } }
            pendingState = Background { OpenedState.openAhead(configuration.state, out: configuration.out, trendRuns: Self.trendRuns) }
        }
        for warning in district.warnings { Console.warning(warning) }
        let configuration = district.configuration
        let knownSchools = Set(district.inventory.inventory.schools.map(\.id) + [Finding.unassigned])
        for id in school where !knownSchools.contains(id) {
            Console.error("--school \(id): the inventory defines no such school (it has \(knownSchools.sorted().joined(separator: ", ")))")
            throw ExitCode(2)
        }
        // A missing folder is the shrink check's (below); one that cannot be listed stops the run there too.
        var isFolder: ObjCBool = false
        let folderMissing = !FileManager.default.fileExists(atPath: configuration.archives.path, isDirectory: &isFolder) || !isFolder.boolValue
        // What the audit knows before it reads any archive's content (whom each archive belongs
        // to, the district's context) is made while the reviews and the state are read.
        let day = asOf ?? RunDate.today(in: configuration.timeZone)
        let startedAt = Date()
        let unstated = DistrictAudit(inputs: district, asOf: RunDate.start(of: day, in: configuration.timeZone),
                                     schools: school, full: full, jobs: jobs)
        // An archive the state remembers at its present size and time is not opened to learn
        // whom it belongs to: the state, once open, says.
        let stateAhead = pendingState
        let preparation = Background {
            Result {
                try unstated.prepare(remembered: { path in
                    guard case let .success(state)? = stateAhead?.value else { return .notAsked }
                    return .answer((try? state.store.cachedArchive(path: path)) ?? nil)
                })
            }
        }
        let reviewList: [Review]
        do {
            reviewList = try ReviewsReader.load(configuration.reviews, required: paths.reviews != nil)
        } catch {
            Console.inputProblems(error.problems)
            throw ExitCode(2)
        }
        // The templates are needed from here on; a fault in them stops the run before the state is
        // made or any archive is read.
        let templates: ReportTemplates
        do {
            templates = try (pendingTemplates?.value ?? Result { try configuration.reportTemplates() }).get()
        } catch {
            Console.error(error.localizedDescription + "; nothing was written.")
            throw ExitCode(2)
        }
        // A folder that is missing, cannot be listed or shrank stops the run before it takes the
        // state: its listing is the preparation's, made once.
        switch (folderMissing, preparation.value) {
        case (true, _): try Self.checkShrink(nil, configuration: configuration, accept: acceptShrink)
        case let (false, .success(prepared)): try Self.checkShrink(prepared.archiveCount, configuration: configuration, accept: acceptShrink)
        case let (false, .failure(error)):
            Console.error(error.localizedDescription + "; nothing was written")
            throw ExitCode(2)
        }
        // One run at a time per state file; a second one exits 3 at once.
        let opened: OpenedState
        switch pendingState?.value ?? OpenedState.open(configuration.state, out: configuration.out, trendRuns: Self.trendRuns) {
        case let .success(state):
            opened = state
        case let .failure(.lock(error)):
            Console.error(error.localizedDescription)
            if case .held = error { throw ExitCode(3) }
            throw ExitCode(2)
        case let .failure(.store(error as StateError)):
            Console.error(error.localizedDescription)
            throw ExitCode(2)
        case let .failure(.store(error)):
            Console.error("the state file \(configuration.state.path) cannot be used: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        if let settled = opened.settled { Console.warning(settled) }
        let past: OpenedState.Past
        do {
            past = try opened.past.value.get()
        } catch {
            Console.error(error.localizedDescription)
            throw ExitCode(2)
        }
        stateTaken = true
        defer { withExtendedLifetime(opened.lock) {} }
        let store = opened.store
        let known = past.known
        let previousTrend = past.trend
        var result: AuditResult
        do {
            var audit = unstated
            audit.state = store
            result = try audit.run(preparation.value.get(), progress: Console.progress)
        } catch {
            Console.progress(nil)
            Console.error(error.localizedDescription)
            throw ExitCode(2)
        }
        Console.progress(nil)
        let lifecycle = Lifecycle.statuses(current: result.findings, known: known, reviews: reviewList, asOf: day, schools: school,
                                           coverage: result.coverage)
        let inventory = district.inventory.inventory
        let carried: CarriedFindings
        do {
            carried = CarriedFindings(lifecycle.carried, records: try store.findingRecords(lifecycle.carried.map(\.fingerprint)),
                                      since: try store.notReadSince(), schools: inventory.schools)
        } catch {
            Console.error(error.localizedDescription)
            throw ExitCode(2)
        }
        result.findings = (result.findings + carried.findings).sorted(by: Finding.ordered)
        let finishedAt = Date()
        var drafted = RunReport(
            district: inventory.district,
            schools: inventory.schools.filter { school.isEmpty || self.school.contains($0.id) },
            asOf: day, startedAt: startedAt, finishedAt: finishedAt, findings: result.findings,
            statuses: lifecycle.statuses, resolved: lifecycle.resolved,
            trend: previousTrend,
            accounts: result.accounts, archivesRead: result.readings.count,
            tweetsScanned: result.tweetsScanned, messagesScanned: result.messagesScanned,
            errors: result.readings.flatMap { $0.problems.map(\.description) })
        drafted.notRecheckedSince = carried.notRecheckedSince
        // This run's point of the trend, counted from the report's statuses (by position).
        drafted.trend += TrendPoint.current(drafted.findings, statuses: drafted.findingStatuses, resolved: lifecycle.resolved, asOf: day)
        let report = drafted
        // The pages are rendered while the e-mail summaries are composed (and sent, with --mail),
        // and the run is recorded in the state meanwhile. Reports and state are one outcome: the
        // state commits, marked pending, once the new tree is whole; the tree then takes the old
        // one's place and the run is marked done. A run interrupted between is settled by the next.
        let token = UUID().uuidString
        let writer = ReportWriter(templates: templates)
        // Each page is written into a new tree beside the reports as soon as it is rendered.
        let out = configuration.out
        let pages = Background {
            Result { () throws -> OutputFolder.Staging in
                let staging = try OutputFolder.Staging(out, token: token)
                do {
                    try writer.writePages(for: report, into: staging)
                } catch {
                    staging.abandon()
                    throw error
                }
                return staging
            }
        }
        let written = Verdict()
        var drafting = RunOutcome(asOf: day, startedAt: startedAt, finishedAt: finishedAt, findings: result.findings,
                                 statuses: lifecycle.statuses, resolved: lifecycle.resolved, schools: school,
                                 archives: result.archivesRead, known: known, token: token,
                                 presentArchives: result.archivesPresent)
        drafting.accountsRead = result.accounts.map(\.handle).filter { !result.accountsNotRead.contains($0) }
        drafting.accountsNotRead = carried.accountsNotRead
        drafting.carried = Set(carried.notRecheckedSince.keys)
        let outcome = drafting
        let recorded = Background { Result { try store.record(outcome, commitIf: { written.wait() }) } }
        // The e-mail summaries: written as .eml either way, sent with --mail.
        var mailReport = report
        let composer = MailComposer(templates: templates, from: configuration.mail.from, reportBaseURL: configuration.mail.reportBaseURL,
                                    reportPath: configuration.out.path, district: inventory.district)
        let messages = composer.messages(for: report)
        mailReport.mailFiles = Dictionary(uniqueKeysWithValues: messages.map { ($0.report, $0.bytes) })
        if mail {
            let delivery = MailDelivery(transport: MailSettings.transport(configuration.mail))
            mailReport.mail = messages.map { message in
                let outcome = delivery.deliver(message)
                if outcome.isFailure { Console.error(outcome.failureLine) }
                return outcome
            }
        } else {
            mailReport.mail = messages.map {
                MailOutcome(message: $0.report, recipients: $0.recipients, outcome: .notSent, detail: "written to mail/\($0.report).eml; run with --mail, or socialaudit mail, to send")
            }
        }
        // run.json and the .eml files while the pages render (this thread would only wait).
        let closingFiles = Result { try writer.closingFiles(for: mailReport) }
        var previousRemoved: Background<Void>?
        defer { _ = previousRemoved?.value }
        previousRemoved = try Publication(out: configuration.out, state: configuration.state, store: store, written: written)
            .publish(pages: pages.value, closing: closingFiles, recorded: { recorded.value }, mail: mail ? mailReport.mail : nil)
        if verbose {
            print(ReadingSummary.render(result.readings, ignored: result.ignored, shown: result.shown), terminator: "")
            print("")
            print(MatchingReport.render(result.matching, readings: result.readings, inventory: district.inventory.inventory,
                                        shown: result.shown))
        }
        if !quiet {
            print(RunSummary.render(result, statuses: lifecycle.statuses, resolved: lifecycle.resolved.count,
                                    asOf: day, out: configuration.out), terminator: "")
        }
        let code = Self.exitCode(result, lifecycle: lifecycle, failOn: failOn, mail: mail ? mailReport.mail : [])
        if quiet || !Console.isTerminal {
            Console.notice(RunSummary.logLine(result, statuses: lifecycle.statuses, resolved: lifecycle.resolved.count,
                                              asOf: day, exit: code))
        }
        // The run is done: the reports are written, the state committed, the previous reports
        // removed. The process ends here, with the lock given up, rather than after releasing
        // every finding, view and page of the run one by one (the system takes the memory back at once).
        _ = previousRemoved?.value
        opened.lock.release()
        fflush(nil)  // standard output, whatever it is (a pipe under cron)
        Foundation.exit(code)
    }

    /// 5 when some summary did not reach a recipient (an operator must act), else 1 when
    /// `--fail-on` matched, else 0; each said in the log.
    /// Stops the run, before it writes anything, when the archives folder is missing or shrank
    /// since the last run: exit 4 (2 for a missing folder on the first run or with --accept-shrink).
    private static func checkShrink(_ present: Int?, configuration: Configuration, accept: Bool) throws {
        // A state that cannot be read is reported when the run opens it.
        let previous = try? StateStore.previousArchiveCount(at: configuration.state)
        let folder = configuration.archives.path
        if let shrank = ShrinkGuard.check(present: present, previous: previous, share: configuration.policy.minArchiveShare, folder: folder) {
            if !accept {
                Console.error(shrank + "; nothing was written and the state and reports are as they were (a share that did not "
                              + "mount?); if the archives are really gone, run again with --accept-shrink; exit \(RunExit.inputsShrank)")
                throw ExitCode(RunExit.inputsShrank)
            }
            if present != nil { Console.warning(shrank + "; audited anyway (--accept-shrink)") }
        }
        if present == nil {
            Console.error("\(folder): the archives folder does not exist; nothing was written")
            throw ExitCode(2)
        }
    }

    private static func exitCode(_ result: AuditResult, lifecycle: Lifecycle.Result,
                                 failOn: Severity?, mail: [MailOutcome]) -> Int32 {
        var code: Int32 = 0
        if let failOn {
            let matched = result.findings.filter { $0.severity.isAtLeast(failOn) && lifecycle.statuses[$0.fingerprint] != .suppressed }
            if !matched.isEmpty {
                let new = matched.filter { lifecycle.statuses[$0.fingerprint] == .new }.count
                Console.notice("--fail-on \(failOn.rawValue): \(matched.count) unsuppressed finding\(matched.count == 1 ? "" : "s") "
                               + "of \(failOn.rawValue) severity or higher (\(new) new); exit \(RunExit.failOnMatched)")
                code = RunExit.failOnMatched
            }
        }
        let undelivered = mail.filter(\.isFailure)
        if !undelivered.isEmpty {
            let people = Set(undelivered.flatMap(\.failedRecipients)).count
            Console.error("\(undelivered.count) of \(mail.count) e-mail summar\(mail.count == 1 ? "y" : "ies") not delivered "
                          + "to \(people) recipient\(people == 1 ? "" : "s"); the reports were written; exit \(RunExit.mailNotDelivered)")
            code = RunExit.mailNotDelivered
        }
        return code
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

