import Foundation
import SocialAuditCore

/// Where a rule belongs, in the catalog's words.
public enum RuleConcern: String, Sendable, CaseIterable {
    case accountSetup = "Account set-up"
    case content = "Content"
    case coverage = "Inventory and archive coverage"
}

/// Who acts on a finding: the person a reviewer turns to.
public enum RuleActor: String, Sendable, CaseIterable {
    case accountManager = "account manager"
    case principal
    case districtCommunications = "district communications"
    case hr = "HR"
}

/// A rule's declaration: what the catalog (spec/rules.md) says of it, the policy sentence it
/// enforces, and examples that must and must not trigger it. `socialaudit rules` and `explain`
/// print from it; one generic test runs every example.
public struct RuleDescription: Sendable {
    public var id: String
    public var name: String
    /// One line: what fires the rule.
    public var summary: String
    public var concern: RuleConcern
    /// The tiers the rule applies to, each with its severity, in the catalog's order.
    public var severities: [(tier: Tier, severity: Severity)]
    /// The policy sentences it enforces, word for word; or "board policy" / "district practice"
    /// where the rule goes beyond the policy's text.
    public var policy: [String]
    /// What to do about a finding, in one or two plain sentences, and who does it.
    public var remedy: String
    public var actor: RuleActor
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]

    public init(id: String, name: String, summary: String, concern: RuleConcern,
                severities: [(Tier, Severity)], policy: [String], remedy: String, actor: RuleActor,
                triggering: [RuleExample], nonTriggering: [RuleExample]) {
        self.remedy = remedy
        self.actor = actor
        self.id = id
        self.name = name
        self.summary = summary
        self.concern = concern
        self.severities = severities.map { (tier: $0.0, severity: $0.1) }
        self.policy = policy
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }

    public func severity(for tier: Tier) -> Severity? {
        severities.first { $0.tier == tier }?.severity
    }
}

/// A rule: a declaration and the checks it makes. A rule never reads files: the rule pass hands
/// it the account's data, one tweet and one conversation at a time, and it reports what it finds.
public protocol Rule: Sendable {
    var description: RuleDescription { get }
    /// Whether the rule finds something in a tweet only where its text holds a word of the
    /// district's lists (opted-out students' names, the lexicon): the rule pass then matches the
    /// lists once per tweet, and calls ``check(tweet:listed:of:in:report:)`` only where they found something.
    var looksOnlyForListedWords: Bool { get }
    /// Once per account, after its archive has been read (the set-up and coverage rules).
    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter)
    /// For every tweet of the account, as the archive is streamed.
    func check(tweet: Tweet, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter)
    /// For every tweet in which the district's lists found something (the rules that look only for them).
    func check(tweet: Tweet, listed: ListedWords, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter)
    /// For every direct-message conversation of the account.
    func check(conversation: Conversation, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter)
}

public extension Rule {
    var looksOnlyForListedWords: Bool { false }
    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {}
    func check(tweet: Tweet, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {}
    func check(tweet: Tweet, listed: ListedWords, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {}
    func check(conversation: Conversation, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {}
}

/// What the district's word lists found in one tweet, its text folded once for all of them.
public struct ListedWords: Sendable {
    /// The opted-out students named, by student id.
    public var optedOutNamed: Set<String> = []
    /// The lexicon's categories matched (sorted), each with the words as written, lower-cased.
    public var lexicon: [(category: String, words: [String])] = []

    public var isEmpty: Bool { optedOutNamed.isEmpty && lexicon.isEmpty }

    /// The lists a rule pass looks for in every tweet, held once (a tweet's look-up copies nothing).
    final class Lists: Sendable {
        let optedOutNames: TextMatcher
        let lexicon: TextMatcher

        init(_ district: DistrictContext) {
            optedOutNames = district.students.optedOutNames
            lexicon = district.lexicon.matcher
        }

        func find(in text: String) -> ListedWords {
            let folded = FoldedText(text)
            let names = optedOutNames.matches(in: folded)
            let words = lexicon.matches(in: folded)
            guard !names.isEmpty || !words.isEmpty else { return ListedWords() }
            return ListedWords(optedOutNamed: Set(names.map(\.tag)), lexicon: Lexicon.categories(words, in: folded))
        }
    }
}

/// What a rule reports: the evidence, the students concerned and one line for people.
public struct FindingDraft: Sendable {
    public var evidence: Evidence
    public var students: [StudentRef]
    public var summary: String
    /// A severity of its own, for a finding that is a signal to review rather than the rule's case.
    public var severity: Severity?
}

/// Collects a rule's drafts during a pass.
public struct FindingReporter: Sendable {
    var drafts: [FindingDraft] = []

    public mutating func report(_ evidence: Evidence, students: [StudentRef] = [], severity: Severity? = nil, _ summary: String) {
        drafts.append(FindingDraft(evidence: evidence, students: students.sorted(), summary: summary, severity: severity))
    }
}
