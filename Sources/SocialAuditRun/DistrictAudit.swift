import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules

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
}

/// One audit of the district: lists the archives, matches each to the inventory, runs each
/// account's rule pass over its archive as it is read (each archive is read once, and what the
/// rules need is kept, not the tweets), then the accounts that have no archive.
public struct DistrictAudit: Sendable {
    public var inputs: DistrictInputs
    public var asOf: Date
    /// Limit the run to these schools (empty: every school). `unassigned` names the findings of no school.
    public var schools: [String]

    public init(inputs: DistrictInputs, asOf: Date, schools: [String] = []) {
        self.inputs = inputs
        self.asOf = asOf
        self.schools = schools
    }

    public enum Failure: Error, LocalizedError {
        case archivesFolder(String)
        public var errorDescription: String? {
            switch self {
            case let .archivesFolder(message): message
            }
        }
    }

    public func run(progress: ((String) -> Void)? = nil) throws -> AuditResult {
        let listing: ArchiveDiscovery.Listing
        do {
            listing = try ArchiveDiscovery.list(inputs.configuration.archives)
        } catch {
            throw Failure.archivesFolder(error.localizedDescription)
        }
        let inventory = inputs.inventory.inventory
        // Who each archive belongs to (manifest and account only), to know its tier before its tweets.
        let identities = listing.sources.map { ArchiveReader(source: $0).identify() }
        let matching = ArchiveMatching.match(
            identities.map { ArchiveIdentity(accountId: $0.account?.accountId, username: $0.account?.username) },
            to: inventory)
        // Inventory accounts that give no id are organizations by the id their archive shows.
        var learnedIds: [String: String] = [:]
        for match in matching.matches where inventory.accounts[match.account].accountId == nil {
            if let id = identities[match.archive].account?.accountId { learnedIds[inventory.accounts[match.account].handle] = id }
        }
        let policy = inputs.configuration.policy
        let district = DistrictContext(inventory: inventory, students: inputs.roster.students, policy: policy,
                                       lexicon: .configured(policy.lexicon), asOf: asOf, extraAccountIds: learnedIds)

        var findings: [Finding] = []
        var readings: [ArchiveReading] = []
        var tweets = 0, messages = 0
        var accounts: [AuditedAccount] = []
        for (index, source) in listing.sources.enumerated() {
            let match = matching.match(forArchive: index)
            let entry = match.map { inventory.accounts[$0.account] }
            if !wanted(entry?.school, district: district) {
                readings.append(identities[index])
                continue
            }
            progress?("reading \(source.name) (\(index + 1) of \(listing.sources.count))")
            let subject = AccountSubject(
                tier: entry?.tier ?? .unregistered, inventory: entry, hasArchive: true, archiveName: source.name,
                matchedByAccountId: match?.basis == .accountId)
            var pass = RulePass(subject: subject, district: district)
            let reading = ArchiveReader(source: source).read { record in pass.add(record) }
            pass.add(problems: reading.problems)
            findings += pass.finish()
            accounts.append(pass.audited)
            tweets += pass.tweetsScanned
            messages += pass.messagesScanned
            readings.append(reading)
        }
        // Accounts with no archive in the run: their inventory entries are still audited.
        let matched = Set(matching.matches.map(\.account))
        for (index, entry) in inventory.accounts.enumerated() where !matched.contains(index) {
            guard wanted(entry.school, district: district) else { continue }
            var pass = RulePass(subject: AccountSubject(tier: entry.tier, inventory: entry, hasArchive: false), district: district)
            findings += pass.finish()
            accounts.append(pass.audited)
        }
        return AuditResult(findings: findings.sorted(by: Finding.ordered), readings: readings, ignored: listing.ignored,
                           matching: matching, tweetsScanned: tweets, messagesScanned: messages,
                           accounts: accounts.sorted { ($0.schoolId, $0.tier, $0.handle) < ($1.schoolId, $1.tier, $1.handle) })
    }

    /// Whether an account of `school` is in the run's schools.
    private func wanted(_ school: String?, district: DistrictContext) -> Bool {
        guard !schools.isEmpty else { return true }
        let id = district.definesSchool(school) ? school! : Finding.unassigned
        return schools.contains(id)
    }
}
