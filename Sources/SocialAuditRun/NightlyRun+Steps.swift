import Foundation
import SocialAuditCore
import SocialAuditInventory
import SocialAuditMail
import SocialAuditReport
import SocialAuditRules
import SocialAuditState

/// The steps of ``NightlyRun/run(_:ahead:)``, in their order.
extension NightlyRun {
    /// What the run knows once its inputs are known to be usable, before it takes the state.
    struct Checked {
        let district: DistrictInputs
        let day: String
        let startedAt: Date
        let audit: DistrictAudit
        let preparation: DistrictAudit.Preparation
        let reviews: [Review]
        let templates: ReportTemplates
    }

    /// The audit, its findings' statuses, and what the reports and the state are to hold.
    struct Audited {
        let result: AuditResult
        let lifecycle: Lifecycle.Result
        let report: RunReport
        let record: RunOutcome
        /// The run's token: the new report tree's and the pending run's in the state.
        let token: String
    }

    /// Everything that stops a run before it writes: unknown schools, the review file, the
    /// templates, an archives folder that is missing or shrank. Whom each archive belongs to is
    /// learned meanwhile (an archive the state remembers at its size and time is not opened: the
    /// state, once open, says).
    func check(_ district: DistrictInputs, _ ahead: Ahead) async throws(RunError) -> Checked {
        for warning in district.warnings { log.warning("\(warning)") }
        let configuration = district.configuration
        let knownSchools = Set(district.inventory.inventory.schools.map(\.id) + [Finding.unassigned])
        for id in options.schools where !knownSchools.contains(id) {
            throw .stopped("--school \(id): the inventory defines no such school (it has \(knownSchools.sorted().joined(separator: ", ")))")
        }
        var isFolder: ObjCBool = false
        let folderMissing = !FileManager.default.fileExists(atPath: configuration.archives.path, isDirectory: &isFolder) || !isFolder.boolValue
        let day = options.asOf ?? RunDate.today(in: configuration.timeZone)
        let startedAt = Date()
        let audit = DistrictAudit(inputs: district, asOf: RunDate.start(of: day, in: configuration.timeZone),
                                  schools: options.schools, full: options.full, jobs: options.jobs)
        let stateAhead = ahead.state
        async let preparation = audit.prepare(opened: {
            guard case let .success(state)? = await stateAhead.value else { return nil }
            return state.store
        })
        let reviews: [Review]
        do {
            reviews = try ReviewsReader.load(configuration.reviews, required: options.reviewsRequired)
        } catch {
            throw .inputs(error.problems.map(\.description))
        }
        let templates: ReportTemplates
        do {
            templates = try await ahead.templates.value.get()
        } catch {
            throw .stopped(error.localizedDescription + "; nothing was written.")
        }
        if folderMissing {
            try checkShrink(nil, configuration)
            throw .stopped("\(configuration.archives.path): the archives folder does not exist; nothing was written")
        }
        let prepared: DistrictAudit.Preparation
        do {
            prepared = try await preparation
        } catch let error as RunError {
            throw error
        } catch {
            throw .stopped(error.localizedDescription + "; nothing was written")
        }
        try checkShrink(prepared.archiveCount, configuration)
        return Checked(district: district, day: day, startedAt: startedAt, audit: audit, preparation: prepared,
                       reviews: reviews, templates: templates)
    }

    /// A folder that is missing (`present` nil) or holds far fewer archives than the last run
    /// read stops the run before it takes the state, unless `--accept-shrink`.
    private func checkShrink(_ present: Int?, _ configuration: Configuration) throws(RunError) {
        // A state that cannot be read is reported when the run opens it.
        let previous = try? StateStore.previousArchiveCount(at: configuration.state)
        let folder = configuration.archives.path
        guard let shrank = ShrinkGuard.check(present: present, previous: previous, share: configuration.policy.minArchiveShare, folder: folder) else {
            return
        }
        if !options.acceptShrink {
            throw .shrank(shrank + "; nothing was written and the state and reports are as they were (a share that did not "
                          + "mount?); if the archives are really gone, run again with --accept-shrink; exit \(RunExit.inputsShrank)")
        }
        if present != nil { log.warning("\(shrank); audited anyway (--accept-shrink)") }
    }

    /// The state, one run at a time per state file, and what it knows of earlier runs.
    func takeState(_ ahead: Ahead) async throws(RunError) -> (OpenedState, OpenedState.Past) {
        let configuration = ahead.configuration
        let opened: OpenedState
        switch await ahead.state.value ?? OpenedState.open(configuration.state, out: configuration.out, trendRuns: Self.trendRuns) {
        case let .success(state):
            opened = state
        case let .failure(.lock(error)):
            if case .held = error { throw .locked(error.localizedDescription) }
            throw .stopped(error.localizedDescription)
        case let .failure(.store(error as StateError)):
            throw .stopped(error.localizedDescription)
        case let .failure(.store(error)):
            throw .stopped("the state file \(configuration.state.path) cannot be used: \(error.localizedDescription)")
        }
        if let settled = opened.settled { log.warning("\(settled)") }
        do {
            return (opened, try await opened.past.value.get())
        } catch {
            throw .stopped(error.localizedDescription)
        }
    }

    /// Every archive audited, and the findings' statuses: new, open or suppressed against what the
    /// state knows, with the findings of accounts not read this time carried as they were.
    func audit(_ checked: Checked, _ store: StateStore, _ past: OpenedState.Past) async throws(RunError) -> Audited {
        var result: AuditResult
        do {
            var audit = checked.audit
            audit.state = store
            result = try await audit.run(checked.preparation, progress: { progress($0) })
        } catch {
            progress(nil)
            throw .stopped(error.localizedDescription)
        }
        progress(nil)
        let day = checked.day, schools = options.schools
        let lifecycle = Lifecycle.statuses(current: result.findings, known: past.known, reviews: checked.reviews, asOf: day,
                                           schools: schools, coverage: result.coverage)
        let inventory = checked.district.inventory.inventory
        let carried: CarriedFindings
        do {
            carried = CarriedFindings(lifecycle.carried, records: try store.findingRecords(lifecycle.carried.map(\.fingerprint)),
                                      since: try store.notReadSince(), schools: inventory.schools)
        } catch {
            throw .stopped(error.localizedDescription)
        }
        result.findings = Finding.sorted(result.findings + carried.findings)
        let finishedAt = Date(), token = UUID().uuidString
        var report = RunReport(
            district: inventory.district, schools: inventory.schools.filter { schools.isEmpty || schools.contains($0.id) },
            asOf: day, startedAt: checked.startedAt, finishedAt: finishedAt, findings: result.findings,
            statuses: lifecycle.statuses, resolved: lifecycle.resolved, trend: past.trend,
            accounts: result.accounts, archivesRead: result.readings.count,
            tweetsScanned: result.tweetsScanned, messagesScanned: result.messagesScanned,
            errors: result.readings.flatMap { $0.problems.map(\.description) }
                + result.captures.problems.map { "capture " + $0.description })
        report.notRecheckedSince = carried.notRecheckedSince
        if let days = checked.district.configuration.policy.lookbackDays, let asOf = TwitterDate.parse(day) {
            report.lookback = (days, TwitterDate.day(asOf.addingTimeInterval(-Double(days) * 86_400)))
        }
        report.trend += TrendPoint.current(report.findings, statuses: report.findingStatuses, resolved: lifecycle.resolved, asOf: day)
        var record = RunOutcome(asOf: day, startedAt: checked.startedAt, finishedAt: finishedAt, findings: result.findings,
                                statuses: lifecycle.statuses, resolved: lifecycle.resolved, schools: schools,
                                archives: result.archivesRead, known: past.known, token: token,
                                presentArchives: result.archivesPresent)
        record.captures = result.capturesRead
        record.presentCaptures = result.capturesPresent
        record.accountsRead = result.accounts.map(\.handle).filter { !result.accountsNotRead.contains($0) }
        record.accountsNotRead = carried.accountsNotRead
        record.carried = Set(carried.notRecheckedSince.keys)
        return Audited(result: result, lifecycle: lifecycle, report: report, record: record, token: token)
    }
}
