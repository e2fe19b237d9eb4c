import Crypto
import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules
import SocialAuditState
import SocialAuditSupport

/// What one audit run found and read.
public struct AuditResult: Sendable {
    /// Every finding, in the spec's order.
    public var findings: [Finding]
    /// What was read of each archive, in the order of the archives folder.
    public var readings: [ArchiveReading]
    public var ignored: [String]
    public var matching: ArchiveMatching
    public var tweetsScanned: Int
    public var messagesScanned: Int
    /// Every account audited (with or without an archive), by school, tier and handle.
    public var accounts: [AuditedAccount]
    /// What was read of each archive, for the state to remember (incremental runs).
    public var archivesRead: [CachedArchive] = []
    /// Archives whose content had not changed since the last run, so were not parsed again.
    public var archivesReused = 0
    /// Every archive in the folder, by path: the state forgets the others.
    public var archivesPresent: [String] = []
    /// How a value from an archive is shown at a terminal or in a log: on one line, the roster's students masked.
    public var shown: @Sendable (String) -> String = { DisplayText.singleLine($0) }
    /// The accounts audited whose data could not be read (no archive, or one not read whole), as findings name them.
    public var accountsNotRead: Set<String> = []
    /// What was read of the X API captures.
    public var captures = CaptureSummary()
    /// The capture files read (for the state), and every one in the captures folder.
    public var capturesRead: [CachedCapture] = []
    public var capturesPresent: [String] = []

    /// Whose data the run read, for the findings' lifecycle.
    public var coverage: Lifecycle.Coverage {
        Lifecycle.Coverage(audited: Set(accounts.map(\.handle)), notRead: accountsNotRead)
    }
}

/// One audit of the district: lists the archives, matches each to the inventory, runs each
/// account's rule pass over its archive as it is read (each archive is read once, and what the
/// rules need is kept, not the tweets), then the accounts that have no archive.
public struct DistrictAudit: Sendable {
    public var inputs: DistrictInputs
    public var asOf: Date
    /// Limit the run to these schools (empty: every school). `unassigned` names the findings of no school.
    public var schools: [String]
    /// The state, to reuse what was read of archives whose content has not changed.
    public var state: StateStore?
    /// Parse every archive, whatever the state remembers.
    public var full: Bool
    /// How many archives are read at once (default: the number of cores).
    public var jobs: Int

    public init(inputs: DistrictInputs, asOf: Date, schools: [String] = [], state: StateStore? = nil, full: Bool = false,
                jobs: Int? = nil) {
        self.inputs = inputs
        self.asOf = asOf
        self.schools = schools
        self.state = state
        self.full = full
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// What an archive's cached findings were made with: the rules' declarations and the shipped
    /// lexicon (``RuleCatalog/fingerprint(of:lexicon:)``), and the binary's build.
    static let codeKey = RuleCatalog.fingerprint() + " " + BuildIdentity.current

    /// A hash of everything an archive's content findings depend on besides the archive itself.
    func inputsKey(learnedIds: [String: String]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(Self.codeKey.utf8))
        for url in [inputs.configuration.inventory, inputs.configuration.roster] {
            hasher.update(data: Array(url.path.utf8))
            if let data = FileManager.default.contents(atPath: url.path) { hasher.update(data: data) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let policy = try? encoder.encode(inputs.configuration.policy) { hasher.update(data: policy) }
        for key in learnedIds.keys.sorted() { hasher.update(data: Array("\(key)=\(learnedIds[key]!)\n".utf8)) }
        return hasher.finalize().hexString
    }

    /// What a run knows before it reads any archive's content: the archives, whom each belongs
    /// to, the district's context and the key of the inputs. It needs no state, so a run makes it
    /// while the state is opened.
    public struct Preparation: Sendable {
        let listing: ArchiveDiscovery.Listing
        let identities: [ArchiveReading]
        let matching: ArchiveMatching
        let district: DistrictContext
        let key: String
        /// What ``prepare(remembered:)`` learned of each archive, by index.
        let priors: [Prior]
        let duplicates: DuplicateArchives
        /// What the X API captures hold, by inventory account.
        let captures: MatchedCaptures

        /// How many archives the folder holds.
        public var archiveCount: Int { listing.sources.count }
    }

    /// What a run learns of an archive before its audit, so that the audit does not learn it
    /// again: its files' size and time, what the state remembers of it, and, when the size and
    /// time are those remembered, the remembered audit (its content is taken as unchanged, so
    /// whom it belongs to is the remembered account's: its zip is not opened).
    struct Prior: Sendable {
        let listing: ArchiveContent.Listing?
        /// Whether the state was asked; if so, what it remembers (nil: nothing).
        let asked: Bool
        let cached: CachedArchive?
        let unchanged: CachedAudit?
    }

    /// `opened` gives the state to ask what it remembers of each archive (a run opens its state
    /// while the archives are listed, and passes it so; nil: none to ask yet, and each archive's
    /// audit asks ``state`` itself); by default, ``state``.
    public func prepare(opened: (@Sendable () async -> StateStore?)? = nil) async throws -> Preparation {
        let state = self.state
        let stateNow: @Sendable () async -> StateStore?
        if full {
            stateNow = { nil }
        } else {
            stateNow = opened ?? { state }
        }
        let listing: ArchiveDiscovery.Listing
        do {
            listing = try ArchiveDiscovery.list(inputs.configuration.archives)
        } catch {
            throw RunError.archivesFolder(error.localizedDescription)
        }
        let inventory = inputs.inventory.inventory
        let policy = inputs.configuration.policy
        // The district's context (the lexicon's and the roster's name matchers) is made while
        // the archives are identified.
        let (students, asOf) = (inputs.roster.students, self.asOf)
        async let pendingDistrict = DistrictContext(inventory: inventory, students: students, policy: policy,
                                                    lexicon: .configured(policy.lexicon), asOf: asOf)
        let (identities, priors) = await identify(listing.sources, state: stateNow)
        let archiveIdentities = zip(identities, priors).map { reading, prior in
            ArchiveIdentity(accountId: reading.account?.accountId, username: reading.account?.username,
                            made: reading.generationDate ?? prior.listing.map { Date(timeIntervalSince1970: $0.modified) })
        }
        let matching = ArchiveMatching.match(archiveIdentities, to: inventory)
        // Inventory accounts that give no id are organizations by the id their archive shows.
        var learnedIds: [String: String] = [:]
        for match in matching.matches where inventory.accounts[match.account].accountId == nil {
            if let id = identities[match.archive].account?.accountId { learnedIds[inventory.accounts[match.account].handle] = id }
        }
        var district = await pendingDistrict
        district.learnOrganizationIds(learnedIds)
        let key = inputsKey(learnedIds: learnedIds)
        let captures = MatchedCaptures(folder: inputs.configuration.captures, district: district, learnedIds: learnedIds,
                                       key: key, store: await stateNow())
        return Preparation(listing: listing, identities: identities, matching: matching, district: district,
                           key: key, priors: priors,
                           duplicates: DuplicateArchives(matching, sources: listing.sources, identities: archiveIdentities),
                           captures: captures)
    }

    /// Who each archive belongs to (manifest and account only), to know its tier before its
    /// tweets: what the state remembers of an archive unchanged since, else its own files.
    private func identify(_ sources: [ArchiveSource], state stateNow: @escaping @Sendable () async -> StateStore?) async
        -> (identities: [ArchiveReading], priors: [Prior]) {
        let identified = await InOrder.map(sources.count) { index -> (identity: ArchiveReading, prior: Prior) in
            let source = sources[index]
            let listing = ArchiveContent.listing(source)
            let store = listing == nil ? nil : await stateNow()
            let cached = (try? store?.cachedArchive(path: source.url.path)) ?? nil
            let asked = store != nil
            if let listing, let cached, cached.size == listing.size, cached.modified == listing.modified,
               let audit = store?.cachedAudit(path: source.url.path) {
                var identity = ArchiveReading(source: source)
                identity.manifest = audit.reading.manifest
                identity.account = audit.reading.account
                identity.profile = audit.reading.profile
                return (identity, Prior(listing: listing, asked: asked, cached: cached, unchanged: audit))
            }
            return (ArchiveReader(source: source).identify(), Prior(listing: listing, asked: asked, cached: cached, unchanged: nil))
        }
        return (identified.map(\.identity), identified.map(\.prior))
    }

    /// The audit; `preparation` is ``prepare()``'s, made here when not given.
    public func run(_ preparation: Preparation? = nil, progress: (@Sendable (String) -> Void)? = nil) async throws -> AuditResult {
        let prepared: Preparation
        if let preparation {
            prepared = preparation
        } else {
            prepared = try await prepare()
        }
        let outcomes = await auditArchives(prepared, progress: progress)
        let inventory = inputs.inventory.inventory
        let (listing, matching, district) = (prepared.listing, prepared.matching, prepared.district)
        let sources = listing.sources
        var findings: [Finding] = []
        var readings: [ArchiveReading] = []
        var tweets = 0, messages = 0
        var accounts: [AuditedAccount] = []
        var cacheOut: [CachedArchive] = []
        var reused = 0
        var notRead: Set<String> = []
        for outcome in outcomes {
            findings += outcome.findings
            // Its problems reach run.json: masked as the findings are.
            var reading = outcome.reading
            reading.problems = reading.problems.map(district.masked)
            readings.append(reading)
            if let audited = outcome.audited {
                accounts.append(audited)
                if !outcome.complete { notRead.insert(audited.handle) }
            }
            tweets += outcome.tweets
            messages += outcome.messages
            if let cache = outcome.cache { cacheOut.append(cache) }
            if outcome.reused { reused += 1 }
        }
        // Accounts with no archive in the run: their inventory entries are still audited.
        let matched = Set(matching.matches.map(\.account))
        for (index, entry) in inventory.accounts.enumerated() where !matched.contains(index) {
            guard wanted(entry.school, district: district) else { continue }
            var pass = RulePass(subject: AccountSubject(tier: entry.tier, inventory: entry, hasArchive: false), district: district)
            // Its findings stay open when gone: a capture holds the latest tweets, not all of them.
            if let captured = prepared.captures.byAccount[index] {
                pass.add(captured: captured.findings, source: captured.source)
                tweets += pass.tweetsScanned
            }
            findings += pass.finish()
            accounts.append(pass.audited)
            notRead.insert(pass.audited.handle)
        }
        if let days = inputs.configuration.policy.lookbackDays {
            // After the cache: what an archive's tweets give does not change with the run's date, this cut does.
            let since = asOf.addingTimeInterval(-Double(days) * 86_400)
            findings.removeAll { $0.evidence.kind == .tweet && ($0.evidence.time.map { $0 < since } ?? false) }
        }
        var captures = prepared.captures.summary
        captures.problems = captures.problems.map(district.masked)
        return AuditResult(findings: Finding.sorted(findings), readings: readings, ignored: listing.ignored,
                           matching: matching, tweetsScanned: tweets, messagesScanned: messages,
                           accounts: accounts.sorted { ($0.schoolId, $0.tier, $0.handle) < ($1.schoolId, $1.tier, $1.handle) },
                           archivesRead: cacheOut, archivesReused: reused, archivesPresent: sources.map(\.url.path),
                           shown: { DisplayText.singleLine(district.masked($0)) }, accountsNotRead: notRead,
                           captures: captures, capturesRead: prepared.captures.read,
                           capturesPresent: prepared.captures.present)
    }

    /// Each archive audited on its own (one rule pass, one read); archives run in parallel,
    /// `jobs` at a time, and their outcomes are kept in the archives' order, so the output does
    /// not depend on which finished first.
    private func auditArchives(_ prepared: Preparation, progress: (@Sendable (String) -> Void)?) async -> [ArchiveOutcome] {
        await InOrder.map(prepared.listing.sources.count, atOnce: jobs) { index in
            await auditArchive(index, prepared, progress: progress)
        }
    }

    /// The archive at `index` of the folder: audited, or left out (a duplicate, or of a school
    /// the run does not audit) as identified.
    private func auditArchive(_ index: Int, _ prepared: Preparation, progress: (@Sendable (String) -> Void)?) async -> ArchiveOutcome {
        let sources = prepared.listing.sources
        if let leftOut = prepared.duplicates.leftOut[index] {
            var identity = prepared.identities[index]
            identity.problems.append(leftOut)
            return ArchiveOutcome(reading: identity)
        }
        let match = prepared.matching.match(forArchive: index)
        let entry = match.map { inputs.inventory.inventory.accounts[$0.account] }
        if !wanted(entry?.school, district: prepared.district) {
            // As identified from its own files, whatever the state remembers.
            let identity = prepared.priors[index].unchanged == nil ? prepared.identities[index] : ArchiveReader(source: sources[index]).identify()
            return ArchiveOutcome(reading: identity)
        }
        progress?("reading \(sources[index].name) (\(index + 1) of \(sources.count))")
        // Each archive may read its part files at once on as many threads as there are jobs: the
        // system shares the cores between all of them, so when only the last archives are left
        // (or one large one), their parts still use every core.
        return await audit(sources[index], entry: entry, byId: match?.basis == .accountId, district: prepared.district, key: prepared.key,
                           partWorkers: jobs, prior: prepared.priors[index], notes: prepared.duplicates.kept[index] ?? [],
                           captured: match.flatMap { prepared.captures.byAccount[$0.account] })
    }

    /// Whether an account of `school` is in the run's schools.
    private func wanted(_ school: String?, district: DistrictContext) -> Bool {
        guard !schools.isEmpty else { return true }
        let id = district.definesSchool(school) ? school! : Finding.unassigned
        return schools.contains(id)
    }
}
