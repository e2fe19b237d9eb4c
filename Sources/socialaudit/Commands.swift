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

/// Options that say where the district's inputs are.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file (default: ./socialaudit.json when it exists).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The account inventory, JSON or XML.", valueName: "file"))
    var inventory: String?

    @Option(name: .long, help: ArgumentHelp("The student roster, CSV or JSON.", valueName: "file"))
    var roster: String?

    /// The configuration file to read: `--config`, else `./socialaudit.json` when it exists.
    func configurationURL() throws -> URL? {
        if let config {
            let url = URL(fileURLWithPath: config)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ValidationError("\(config): the configuration file does not exist")
            }
            return url
        }
        let local = URL(fileURLWithPath: ConfigurationReader.defaultFileName)
        return FileManager.default.fileExists(atPath: local.path) ? local : nil
    }

    /// Reads the configuration, inventory and roster; on any problem, says every one of them on
    /// standard error and exits 2 before anything is written.
    /// The configuration and the inputs it names. `configured` is called with the configuration
    /// before the inventory and roster are read (to start work that needs only the configuration).
    func load(_ overrides: ConfigurationOverrides, configured: (Configuration) -> Void = { _ in }) throws -> DistrictInputs {
        var overrides = overrides
        overrides.inventory = inventory
        overrides.roster = roster
        do {
            let configuration = try ConfigurationReader.load(try configurationURL(), overrides: overrides)
            try configuration.checkOutput()
            configured(configuration)
            let rosterGiven = roster != nil || configuration.file.map(Self.namesRoster) == true
            return try DistrictInputs.load(configuration, rosterGiven: rosterGiven)
        } catch let error as InputError {
            Console.inputProblems(error.problems)
            throw ExitCode(2)
        }
    }

    /// Whether the configuration file names a roster (then a missing roster file is an error).
    static func namesRoster(_ url: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["roster"] != nil
    }
}

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

            Nightly, from cron:  socialaudit run --config /srv/socialaudit/socialaudit.json --quiet --mail
            """)

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("The folder of archives, one .zip or folder per account.", valueName: "dir"))
    var archives: String?

    @Option(help: ArgumentHelp("Where the reports go: a new or empty folder, or one an earlier run wrote.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("The state file (SQLite) that remembers earlier runs.", valueName: "file"))
    var state: String?

    @Option(help: ArgumentHelp("The review file of reviewed findings.", valueName: "file"))
    var reviews: String?

    @Option(help: ArgumentHelp("A folder of Mustache templates to use instead of the shipped ones.", valueName: "dir"))
    var templates: String?

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
        Console.bootstrapLogging(verbose: verbose)
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
        let district = try inputs.load(ConfigurationOverrides(
            archives: archives, out: out, state: state, reviews: reviews, templates: templates)) { configuration in
            pendingTemplates = Background { Result { try Self.templates(configuration) } }
            pendingState = Background { OpenedState.openAhead(configuration.state, out: configuration.out, trendRuns: Self.trendRuns) }
        }
        for warning in district.warnings { Console.warning(warning) }
        let configuration = district.configuration
        let knownSchools = Set(district.inventory.inventory.schools.map(\.id) + [Finding.unassigned])
        for id in school where !knownSchools.contains(id) {
            Console.error("--school \(id): the inventory defines no such school (it has \(knownSchools.sorted().joined(separator: ", ")))")
            throw ExitCode(2)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configuration.archives.path, isDirectory: &isFolder), isFolder.boolValue else {
            Console.error("\(configuration.archives.path): the archives folder does not exist; nothing was written")
            throw ExitCode(2)
        }
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
            reviewList = try ReviewsReader.load(configuration.reviews, required: reviews != nil)
        } catch {
            Console.inputProblems(error.problems)
            throw ExitCode(2)
        }
        // The templates are needed from here on; a fault in them stops the run before the state is
        // made or any archive is read.
        let templates: ReportTemplates
        do {
            templates = try (pendingTemplates?.value ?? Result { try Self.templates(configuration) }).get()
        } catch {
            Console.error(error.localizedDescription + "; nothing was written.")
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
        let result: AuditResult
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
        let lifecycle = Lifecycle.statuses(current: result.findings, known: known, reviews: reviewList, asOf: day, schools: school)
        let inventory = district.inventory.inventory
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
        let outcome = RunOutcome(asOf: day, startedAt: startedAt, finishedAt: finishedAt, findings: result.findings,
                                 statuses: lifecycle.statuses, resolved: lifecycle.resolved, schools: school,
                                 archives: result.archivesRead, known: known, token: token,
                                 presentArchives: result.archivesPresent)
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
                if outcome.outcome != .delivered {
                    Console.error("mail '\(message.report)' to \(message.recipients.joined(separator: ", ")): \(outcome.outcome.rawValue): \(outcome.detail)")
                }
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
            print(ReadingSummary.render(result.readings, ignored: result.ignored), terminator: "")
            print("")
            print(MatchingReport.render(result.matching, readings: result.readings, inventory: district.inventory.inventory))
        }
        if !quiet {
            print(RunSummary.render(result, statuses: lifecycle.statuses, resolved: lifecycle.resolved.count,
                                    asOf: day, out: configuration.out), terminator: "")
        }
        let failed = failOn.map { failOn in
            result.findings.contains(where: { $0.severity.isAtLeast(failOn) && lifecycle.statuses[$0.fingerprint] != "suppressed" })
        } ?? false
        // The run is done: the reports are written, the state committed, the previous reports
        // removed. The process ends here, with the lock given up, rather than after releasing
        // every finding, view and page of the run one by one (a millisecond of a nightly run:
        // the system takes the memory back at once).
        _ = previousRemoved?.value
        opened.lock.release()
        fflush(nil)  // standard output, whatever it is (a pipe under cron)
        Foundation.exit(failed ? 1 : 0)
    }

    /// The templates: `--templates` or the configuration's (which must hold every template), else
    /// a `templates` folder beside the configuration, else the shipped ones.
    private static func templates(_ configuration: Configuration) throws -> ReportTemplates {
        var folder = configuration.templates
        if !configuration.templatesGiven, !FileManager.default.fileExists(atPath: folder.path),
           let executable = executableFile, let shipped = ReportTemplates.shippedFolder(executable: executable) {
            folder = shipped
        }
        return try ReportTemplates(folder: folder)
    }

    /// This program's file, its links resolved: what Linux says of `/proc/self/exe`, else
    /// Foundation's answer (Bundle.main, and the path resolved link by link through NSString:
    /// half a millisecond of every run that uses the shipped templates).
    private static var executableFile: URL? {
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &path, path.count - 1)
        if count > 0 {
            return URL(fileURLWithPath: String(decoding: path[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
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

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read archives and print what each holds, without auditing.",
        discussion: """
            A quick look at archives as they come from staff: the account, the archive's date, how many \
            tweets, conversations, connected apps and logins were read, and any file that could not be \
            read, with the place of the fault. Give archives or folders of archives.
            """)

    @Argument(help: ArgumentHelp("Archives (.zip or folder), or folders of archives.", valueName: "path"))
    var paths: [String]

    func run() throws {
        var readings: [ArchiveReading] = []
        var ignored: [String] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                Console.error("\(path): no such file or folder")
                throw ExitCode(2)
            }
            let isArchiveFolder = isDirectory.boolValue
                && FileManager.default.fileExists(atPath: url.appendingPathComponent("data").path)
            if isDirectory.boolValue && !isArchiveFolder {
                let listing = try ArchiveDiscovery.list(url)
                ignored += listing.ignored
                readings += listing.sources.map { ArchiveReader(source: $0).summarize() }
            } else {
                readings.append(ArchiveReader(url: url).summarize())
            }
        }
        print(ReadingSummary.render(readings, ignored: ignored), terminator: "")
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the configuration, inventory and roster, and say what is wrong and where.",
        discussion: """
            Reads the configuration (--config, else ./socialaudit.json when it exists), the inventory \
            (JSON or XML, checked against its schema) and the student roster, and prints a short summary: \
            schools, people by role, accounts by tier, students, and how the archives match the inventory. \
            Every problem is listed with its file and place (line and column, or JSON path).

            Exit status: 0 when the inputs are usable (problems that become findings are listed, not \
            fatal), 2 when they are not. Nothing is written.
            """)

    @OptionGroup var inputs: InputOptions

    func run() throws {
        let district = try inputs.load(ConfigurationOverrides())
        var archives: ArchivesSummary?
        let folder = district.configuration.archives
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue,
           let listing = try? ArchiveDiscovery.list(folder) {
            let identities = listing.sources.map { source in
                let reading = ArchiveReader(source: source).identify()
                return ArchiveIdentity(accountId: reading.account?.accountId, username: reading.account?.username,
                                       made: reading.generationDate)
            }
            let matching = ArchiveMatching.match(identities, to: district.inventory.inventory)
            archives = ArchivesSummary(folder: folder.path, matching: matching, total: identities.count,
                                       inventory: district.inventory.inventory)
        }
        print(InputSummary.render(district, archives: archives), terminator: "")
        print("\nThe inputs are usable.")
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules: id, tiers, severities and the policy behind each.",
        discussion: """
            The rule ids are an interface: reports, review files and the configuration's `severity` and \
            `disabledRules` key on them. --format markdown prints the reference kept in docs/rules.md; \
            --format json suits other tools.
            """)

    @Option(help: "text, markdown or json.")
    var format: RuleReference.Format = .text

    func run() throws {
        print(RuleReference.render(format: format), terminator: "")
    }
}

extension RuleReference.Format: ExpressibleByArgument {}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: what fires it, the policy sentence, examples.")

    @Argument(help: ArgumentHelp("A rule id, such as student.dm (socialaudit rules lists them).", valueName: "rule-id"))
    var ruleId: String

    func run() throws {
        guard let rule = RuleCatalog.rule(ruleId) else {
            var message = "no rule '\(ruleId)'"
            let near = RuleIds.all.filter { $0.contains(ruleId) || ruleId.contains($0.split(separator: ".").last.map(String.init) ?? "") }
            if !near.isEmpty { message += "; did you mean \(near.joined(separator: ", "))?" }
            Console.error(message + " (socialaudit rules lists them)")
            throw ExitCode(2)
        }
        print(RuleReference.explain(rule), terminator: "")
    }
}

struct Mail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Send the e-mail summaries of the last run.",
        discussion: """
            Sends OUT/mail/*.eml, written by the last `run`, through the configured transport: \
            mail.smtp when it is given, else the mail.sendmail command (default /usr/sbin/sendmail -t -oi). \
            A temporary failure is retried with back-off; a refused message or recipient is reported and \
            the others still go. --dry-run shows what would be sent to whom and sends nothing.
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
        for name in names {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path), let message = EML.parse(Array(data), report: String(name.dropLast(4))) else {
                Console.error("\(url.path): not an e-mail message")
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
            if outcome.outcome != .delivered {
                Console.error("mail '\(message.report)' to \(message.recipients.joined(separator: ", ")): \(outcome.outcome.rawValue): \(outcome.detail)")
            }
        }
        guard !dryRun else { return }
        RunJSON.replaceMail(outcomes, in: configuration.out.appendingPathComponent("run.json"))
        if let store = try? StateStore(url: configuration.state) {
            try? store.recordMail(outcomes)
        }
    }
}
