import Crypto
import Foundation
import SocialAuditCore
import SocialAuditSupport

/// One account's rule pass: the rules of its tier (those enabled), fed the account's tweets and
/// conversations once, as the archive is streamed, then its set-up and coverage checks.
/// It keeps no tweets: only the findings, the connected applications and the login records.
public struct RulePass: Sendable {
    public private(set) var subject: AccountSubject
    public private(set) var district: DistrictContext
    private let rules: [any Rule]
    private var findings: [Finding] = []
    /// The findings of tweets and conversations (kept for incremental runs: they depend on the
    /// archive's content and the inputs, not on the run's date).
    public private(set) var contentFindings: [Finding] = []
    public private(set) var tweetsScanned = 0
    public private(set) var messagesScanned = 0
    public private(set) var conversationsScanned = 0

    public init(subject: AccountSubject, district: DistrictContext, catalog: [any Rule] = RuleCatalog.all) {
        self.subject = subject
        self.district = district
        let disabled = Set(district.policy.disabledRules)
        rules = catalog.filter { !disabled.contains($0.description.id) && $0.description.severity(for: subject.tier) != nil }
        // Only content rules look at tweets and conversations: the per-tweet loop skips the rest.
        contentRules = rules.filter { $0.description.concern == .content }.map(ContentRule.init)
        wantsListedWords = contentRules.contains(where: \.looksOnlyForListedWords)
            && !(district.students.optedOutNames.isEmpty && district.lexicon.categories.values.allSatisfy(\.isEmpty))
    }

    /// Makes what reading content needs, on the first tweet or conversation: the lexicon's
    /// matcher and the first words of the word lists. A pass restored from the state reads no
    /// content and needs neither.
    private mutating func prepareForContent() {
        guard !preparedForContent else { return }
        preparedForContent = true
        district.lexicon.resolve()
        if wantsListedWords { listedWords = ListedWords.Lists(district) }
    }

    /// The content rules, each in a box of its own: the per-tweet loop then borrows a rule where
    /// iterating `[any Rule]` copies each one (its description's strings and arrays retained and
    /// released again, for every tweet).
    private final class ContentRule: Sendable {
        let rule: any Rule
        let looksOnlyForListedWords: Bool
        init(_ rule: any Rule) {
            self.rule = rule
            looksOnlyForListedWords = rule.looksOnlyForListedWords
        }
    }

    private let contentRules: [ContentRule]
    /// Whether a rule looks only for the district's word lists, and there are lists to look for.
    private let wantsListedWords: Bool
    private var listedWords: ListedWords.Lists?
    private var preparedForContent = false

    /// The rules that run for this account, by id.
    public var ruleIds: [String] { rules.map(\.description.id) }

    public mutating func add(_ record: ArchiveRecord) {
        switch record {
        case let .manifest(manifest): subject.manifest = manifest
        case let .account(account): subject.archiveAccount = account
        case let .profile(profile): subject.profile = profile
        case let .tweet(tweet): add(tweet)
        case let .conversation(conversation): add(conversation)
        case let .application(application): subject.applications.append(application)
        case let .login(login): subject.logins.append(login)
        }
    }

    public mutating func add(_ tweet: Tweet) {
        prepareForContent()
        tweetsScanned += 1
        // The text is folded and matched once for all the word lists, rather than once per rule.
        let listed = listedWords?.find(in: tweet.text)
        if district.students.hasHandleOnlyStudents { subject.learnedHandles.learn(from: tweet, in: district.students) }
        // Read once for every rule: handed from `self` (which the loop changes), each was copied
        // for each rule, every one of their strings and sets retained and released.
        let (subject, district) = (self.subject, self.district)
        for content in contentRules {
            var reporter = FindingReporter()
            if content.looksOnlyForListedWords {
                guard let listed, !listed.isEmpty else { continue }
                content.rule.check(tweet: tweet, listed: listed, of: subject, in: district, report: &reporter)
            } else {
                content.rule.check(tweet: tweet, of: subject, in: district, report: &reporter)
            }
            // At most one finding per rule per tweet.
            if let draft = reporter.drafts.first { contentFindings.append(record(draft, of: content.rule)) }
        }
    }

    public mutating func add(_ conversation: Conversation) {
        prepareForContent()
        messagesScanned += conversation.messages.count
        conversationsScanned += 1
        for content in contentRules {
            var reporter = FindingReporter()
            content.rule.check(conversation: conversation, of: subject, in: district, report: &reporter)
            if let draft = reporter.drafts.first { contentFindings.append(record(draft, of: content.rule)) }
        }
    }

    /// A pass for more of the same account's tweets on another thread: this pass as it is, with
    /// nothing found or counted yet. Its findings come back with ``merge(_:)``.
    public func shard() -> RulePass {
        var copy = self
        copy.prepareForContent()
        copy.findings = []
        copy.contentFindings = []
        copy.subject.learnedHandles = LearnedHandles()
        copy.tweetsScanned = 0
        copy.messagesScanned = 0
        copy.conversationsScanned = 0
        return copy
    }

    /// Takes up what the shards found and counted. The content findings are kept in one order
    /// (``Finding/ordered(_:_:)``) whichever thread found them.
    public mutating func merge(_ shards: [RulePass]) {
        learnHandles(from: shards)
        for shard in shards {
            findings += shard.findings
            contentFindings += shard.contentFindings
            tweetsScanned += shard.tweetsScanned
            messagesScanned += shard.messagesScanned
            conversationsScanned += shard.conversationsScanned
        }
        findings = Finding.sorted(findings)
        contentFindings = Finding.sorted(contentFindings)
    }

    /// Takes up the handles the shards' tweets paired with ids: the conversations, read after every
    /// tweet but before the shards are merged, need them.
    public mutating func learnHandles(from shards: [RulePass]) {
        for shard in shards { subject.learnedHandles.merge(shard.subject.learnedHandles) }
    }

    /// The content findings of the account's tweets in the X API captures, after its archive (if
    /// any). A tweet the archive also holds gives the same findings: each is reported once, by rule and tweet.
    public mutating func add(captured found: [Finding], source: CaptureSource) {
        subject.captured = source
        let known = Set(contentFindings.map { [$0.rule, $0.evidence.id ?? ""] })
        let new = found.filter { !known.contains([$0.rule, $0.evidence.id ?? ""]) }
        findings = Finding.sorted(findings + new)
        contentFindings = Finding.sorted(contentFindings + new)
        if !subject.hasArchive { tweetsScanned += source.tweets }
    }

    /// Takes up id → handle pairs from outside the archive (the account's X API captures), for its conversations.
    public mutating func learnHandles(pairs: [String: String]) {
        for id in pairs.keys.sorted() { subject.learnedHandles.learn(userId: id, screenName: pairs[id], in: district.students) }
    }

    /// Records what the archive reader could not read (the `archive.unreadable` rule reads them).
    public mutating func add(problems: [ArchiveProblem]) {
        subject.problems += problems
    }

    /// Takes up what an earlier run read of an unchanged archive: the account's data and the
    /// findings of its tweets and conversations. `finish()` then runs the account checks as usual.
    public mutating func restore(subject cached: AccountSubject, contentFindings cachedFindings: [Finding],
                                 tweets: Int, conversations: Int, messages: Int) {
        subject.archiveAccount = cached.archiveAccount
        subject.profile = cached.profile
        subject.manifest = cached.manifest
        subject.applications = cached.applications
        subject.logins = cached.logins
        subject.problems = cached.problems
        contentFindings = cachedFindings
        findings = cachedFindings
        tweetsScanned = tweets
        conversationsScanned = conversations
        messagesScanned = messages
    }

    /// Runs the account checks and returns every finding of the pass.
    public mutating func finish() -> [Finding] {
        for rule in rules {
            var reporter = FindingReporter()
            rule.check(account: subject, in: district, report: &reporter)
            for draft in reporter.drafts { record(draft, of: rule) }
        }
        return findings
    }

    /// The account's school id as the reports file it: the inventory's when it is defined, else `unassigned`.
    public var schoolId: String {
        district.definesSchool(subject.schoolId) ? subject.schoolId! : Finding.unassigned
    }

    /// What the pass read, for the reports' account tables.
    public var audited: AuditedAccount {
        district.masked(AuditedAccount(handle: subject.handle, tier: subject.tier, schoolId: schoolId,
                       archiveName: subject.hasArchive ? subject.archiveName : nil,
                       archiveDate: subject.manifest?.generationDate, tweets: tweetsScanned,
                       conversations: conversationsScanned, messages: messagesScanned,
                       unreadable: !subject.problems.isEmpty, captured: subject.captured, runBy: runBy))
    }

    /// The account's owner (staff tiers) or managers (school tiers), by their names in the inventory's people.
    private var runBy: String? {
        guard let entry = subject.inventory else { return nil }
        let emails = [.professional, .personal].contains(entry.tier) ? [entry.owner].compactMap { $0 } : entry.managers
        guard !emails.isEmpty else { return nil }
        return emails.map { district.person($0)?.name ?? $0 }.joined(separator: ", ")
    }

    @discardableResult
    private mutating func record(_ draft: FindingDraft, of rule: any Rule) -> Finding {
        let description = rule.description
        let severity = draft.severity ?? district.policy.severity[description.id] ?? description.severity(for: subject.tier) ?? .low
        let school = district.definesSchool(subject.schoolId)
            ? district.inventory.schools.first { $0.id == subject.schoolId }
            : nil
        // Masked here, where every finding is made, for every output and the state alike; the
        // fingerprint is of what was found, so it does not change with the roster.
        let finding = Finding(
            rule: description.id, severity: severity, tier: subject.tier,
            schoolId: school?.id ?? Finding.unassigned, schoolName: school?.name ?? "Unassigned",
            account: district.masked(subject.handle), accountId: subject.accountId, evidence: district.masked(draft.evidence),
            students: draft.students.map(district.masked), summary: district.masked(draft.summary),
            fingerprint: Fingerprint.of(rule: description.id, account: subject, evidence: draft.evidence, students: draft.students))
        findings.append(finding)
        return finding
    }
}

/// A finding's fingerprint: the same finding has the same fingerprint in every run and on every
/// machine. It is derived from the rule, the account (its id, else its handle), the evidence's id
/// (or, for findings without one, what tells them apart) and the students involved — never from
/// the run's time, the order of reading or the archive's file name.
public enum Fingerprint {
    public static func of(rule: String, account: AccountSubject, evidence: Evidence, students: [StudentRef]) -> String {
        let accountKey = account.accountId.map { "id:\($0)" } ?? "handle:\(Handle.normalized(account.handle))"
        let evidenceKey = evidence.id ?? evidence.key ?? ""
        let text = ["socialaudit-finding-1", rule, accountKey, evidence.kind.rawValue, evidenceKey,
                    students.map(\.studentId).sorted().joined(separator: ",")].joined(separator: "\n")
        return String(SHA256.hash(data: Array(text.utf8)).hexString.prefix(20))
    }
}

extension Evidence {
    /// A tweet as evidence: id, time, link and text (masked when the finding is recorded).
    static func tweet(_ tweet: Tweet, of account: AccountSubject, in district: DistrictContext) -> Evidence {
        Evidence(kind: .tweet, id: tweet.id, time: tweet.createdAt,
                 url: XIdentifiers.tweetURL(id: tweet.id, username: account.linkHandle), text: tweet.text)
    }

    /// A conversation as evidence: id, message count, first and last message times (no text).
    static func conversation(_ conversation: Conversation) -> Evidence {
        Evidence(kind: .dm, id: conversation.id, time: conversation.lastMessageAt,
                 messageCount: conversation.messages.count, firstMessageAt: conversation.firstMessageAt,
                 lastMessageAt: conversation.lastMessageAt, participantCount: conversation.participantIds.count)
    }
}
