import Foundation

/// What a finding's evidence is: a tweet, a direct-message conversation, the profile, the
/// account's settings, the inventory, or the archive itself.
public enum EvidenceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case tweet, dm, profile, account, inventory, archive
}

/// The evidence behind a finding. Text is stored with every roster student's full name masked
/// as `[student <id>]`; it never carries a student's name.
public struct Evidence: Sendable, Hashable, Codable {
    public var kind: EvidenceKind
    /// The tweet's id or the conversation's id; nil for other kinds.
    public var id: String?
    /// The tweet's time, the conversation's last message, the archive's date, …
    public var time: Date?
    /// `https://x.com/<handle>/status/<id>` for a tweet.
    public var url: String?
    /// The tweet's text, names masked.
    public var text: String?
    /// For a conversation: its kind, how many messages, the first and last message times and
    /// how many participants.
    public var messageCount: Int?
    public var firstMessageAt: Date?
    public var lastMessageAt: Date?
    public var participantCount: Int?
    /// For account, profile, inventory and archive findings: the values compared, in order
    /// (`inventory registeredEmail` → `pisgahhigh.social@…`, `archive e-mail` → `…@gmail.com`).
    public var compared: [ComparedValue]
    /// What distinguishes two findings of one rule on one account when there is no id
    /// (the application's name, the data file); part of the fingerprint.
    public var key: String?

    public init(kind: EvidenceKind, id: String? = nil, time: Date? = nil, url: String? = nil, text: String? = nil,
                messageCount: Int? = nil, firstMessageAt: Date? = nil, lastMessageAt: Date? = nil,
                participantCount: Int? = nil, compared: [ComparedValue] = [], key: String? = nil) {
        self.kind = kind
        self.id = id
        self.time = time
        self.url = url
        self.text = text
        self.messageCount = messageCount
        self.firstMessageAt = firstMessageAt
        self.lastMessageAt = lastMessageAt
        self.participantCount = participantCount
        self.compared = compared
        self.key = key
    }
}

/// One value of a comparison shown as evidence.
public struct ComparedValue: Sendable, Hashable, Codable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// A student a finding concerns, by roster id and handle — never by name.
public struct StudentRef: Sendable, Hashable, Codable, Comparable {
    public var studentId: String
    public var handle: String?

    public init(studentId: String, handle: String?) {
        self.studentId = studentId
        self.handle = handle
    }

    /// `@jamie_hoops7 (S10293)`, or `S10293` when the roster gives no handle.
    public var label: String { handle.map { "@\($0) (\(studentId))" } ?? studentId }

    public static func < (a: StudentRef, b: StudentRef) -> Bool { a.studentId < b.studentId }
}

/// One finding of the audit: a rule that fired on an account, with its evidence.
public struct Finding: Sendable, Hashable, Codable {
    public var rule: String
    public var severity: Severity
    public var tier: Tier
    /// The school's id, or `unassigned`.
    public var schoolId: String
    public var schoolName: String
    /// The account's handle without `@` (the inventory's; for an unregistered archive, the archive's).
    public var account: String
    public var accountId: String?
    public var evidence: Evidence
    /// The students concerned, sorted by roster id.
    public var students: [StudentRef]
    /// One line for people: what happened, naming students by handle and roster id only.
    public var summary: String
    /// Stable across runs and machines (rule, account, evidence, students).
    public var fingerprint: String

    public static let unassigned = "unassigned"

    public init(rule: String, severity: Severity, tier: Tier, schoolId: String, schoolName: String, account: String,
                accountId: String?, evidence: Evidence, students: [StudentRef], summary: String, fingerprint: String) {
        self.rule = rule
        self.severity = severity
        self.tier = tier
        self.schoolId = schoolId
        self.schoolName = schoolName
        self.account = account
        self.accountId = accountId
        self.evidence = evidence
        self.students = students
        self.summary = summary
        self.fingerprint = fingerprint
    }

    /// The spec's order: school, account, rule, evidence time, evidence id (then fingerprint, so
    /// that the order is total and the output byte-identical).
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.schoolId != b.schoolId { return a.schoolId < b.schoolId }
        if a.account != b.account { return a.account < b.account }
        if a.rule != b.rule { return a.rule < b.rule }
        // By the second, as the reports show it; no time first.
        let ta = a.evidence.time.map { Int($0.timeIntervalSince1970.rounded(.down)) } ?? .min
        let tb = b.evidence.time.map { Int($0.timeIntervalSince1970.rounded(.down)) } ?? .min
        if ta != tb { return ta < tb }
        return (a.evidence.id ?? "", a.fingerprint) < (b.evidence.id ?? "", b.fingerprint)
    }

    /// `findings` in the spec's order: as given when they already are (the audit gives them so,
    /// and a report sorts thousands more than once), sorted otherwise.
    public static func inOrder(_ findings: [Finding]) -> [Finding] {
        // By index: pairs from `zip` were copies of both findings.
        findings.indices.dropFirst().allSatisfy { !ordered(findings[$0], findings[$0 - 1]) } ? findings : sorted(findings)
    }

    /// `findings` sorted in the spec's order (``ordered(_:_:)``). By their places, then each
    /// moved once: sorting the findings themselves copied each of them (some twenty strings'
    /// retains and releases) at every step of the sort.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.indices.sorted { ordered(findings[$0], findings[$1]) }.map { findings[$0] }
    }
}

/// An account as the run audited it: what was read of its archive, for the reports' account tables.
public struct AuditedAccount: Sendable, Hashable, Codable {
    public var handle: String
    public var tier: Tier
    /// The school's id, or `unassigned`.
    public var schoolId: String
    /// The archive's file or folder name; nil when there was none in the run.
    public var archiveName: String?
    public var archiveDate: Date?
    public var tweets: Int
    public var conversations: Int
    public var messages: Int
    /// Whether part of the archive could not be read.
    public var unreadable: Bool
    /// What the X API captures gave of the account, if they hold any of its tweets.
    public var captured: CaptureSource?
    /// Who answers for the account, by name from the inventory's people (staff only): a staff
    /// account's owner, a school account's managers; nil for an account the inventory does not know.
    public var runBy: String?

    public init(handle: String, tier: Tier, schoolId: String, archiveName: String?, archiveDate: Date?,
                tweets: Int, conversations: Int, messages: Int, unreadable: Bool, captured: CaptureSource? = nil,
                runBy: String? = nil) {
        self.handle = handle
        self.tier = tier
        self.schoolId = schoolId
        self.archiveName = archiveName
        self.archiveDate = archiveDate
        self.tweets = tweets
        self.conversations = conversations
        self.messages = messages
        self.unreadable = unreadable
        self.captured = captured
        self.runBy = runBy
    }
}

/// What the X API captures of a run hold of one account.
public struct CaptureSource: Sendable, Hashable, Codable {
    /// The account's id and handle as the captures give them (the tweets' author).
    public var accountId: String
    public var username: String?
    /// The capture files with its tweets, by name.
    public var files: [String]
    public var tweets: Int
    /// When its newest captured tweet was posted.
    public var newest: Date?

    public init(accountId: String, username: String?, files: [String], tweets: Int, newest: Date?) {
        self.accountId = accountId
        self.username = username
        self.files = files
        self.tweets = tweets
        self.newest = newest
    }
}

/// A finding of the previous run that is gone in this one.
public struct ResolvedFinding: Sendable, Hashable, Codable {
    public var fingerprint: String
    public var rule: String
    public var account: String
    public var schoolId: String
    /// Why it is resolved when its account's data was not read again ("account no longer in the
    /// inventory"); nil when the account's data was read and the finding is gone.
    public var reason: String?

    public init(fingerprint: String, rule: String, account: String, schoolId: String, reason: String? = nil) {
        self.fingerprint = fingerprint
        self.rule = rule
        self.account = account
        self.schoolId = schoolId
        self.reason = reason
    }
}


/// Counts of one run, for the trend: per school, and `*` for the whole district.
public struct TrendPoint: Sendable, Hashable, Codable {
    public var runId: Int64
    public var asOf: String
    public var schoolId: String
    public var new: Int
    public var open: Int
    public var suppressed: Int
    public var resolved: Int

    public init(runId: Int64, asOf: String, schoolId: String, new: Int, open: Int, suppressed: Int, resolved: Int) {
        self.runId = runId
        self.asOf = asOf
        self.schoolId = schoolId
        self.new = new
        self.open = open
        self.suppressed = suppressed
        self.resolved = resolved
    }
}


/// The review file's entries (spec/outputs.md): reviewed findings by fingerprint.
public struct Review: Sendable, Hashable, Codable {
    public var fingerprint: String
    public var reviewer: String?
    public var date: String?
    public var note: String?
    /// YYYY-MM-DD; after this day the entry no longer suppresses.
    public var expires: String?

    public init(fingerprint: String, reviewer: String? = nil, date: String? = nil, note: String? = nil, expires: String? = nil) {
        self.fingerprint = fingerprint
        self.reviewer = reviewer
        self.date = date
        self.note = note
        self.expires = expires
    }
}


/// A finding's status in a run (findings.csv's `status`). A finding that is gone is resolved:
/// ``ResolvedFinding``, not a status of a current finding.
public enum FindingStatus: String, Sendable, Codable, CaseIterable {
    /// Found for the first time.
    case new
    /// Found before, and found again (or carried, its archive not read this run).
    case open
    /// Found again, and a review says it is acceptable.
    case suppressed
}

extension TrendPoint {
    /// This run's counts, per school and for the district (`*`), before the state records them.
    /// `statuses`: each finding's, by position (a run's report has them).
    public static func current(_ findings: [Finding], statuses: [FindingStatus], resolved: [ResolvedFinding], asOf: String) -> [TrendPoint] {
        precondition(statuses.count == findings.count, "a status for each finding")
        // Counted in a small table per school (new, open, suppressed, resolved): a dictionary of
        // dictionaries hashed each finding's school and status twice over.
        var counts: [String: [Int]] = ["*": [0, 0, 0, 0]]
        func add(_ school: String, _ column: Int) {
            counts[school, default: [0, 0, 0, 0]][column] += 1
            counts["*"]![column] += 1
        }
        for index in findings.indices {
            let school = findings[index].schoolId
            switch statuses[index] {
            case .new: add(school, 0)
            case .open: add(school, 1)
            case .suppressed: add(school, 2)
            }
        }
        for item in resolved { add(item.schoolId, 3) }
        return counts.keys.sorted().map { school in
            let c = counts[school]!
            return TrendPoint(runId: Int64.max, asOf: asOf, schoolId: school, new: c[0], open: c[1], suppressed: c[2], resolved: c[3])
        }
    }
}

/// How one message fared.
public struct MailOutcome: Sendable, Hashable, Codable {
    public enum Result: String, Sendable, Codable {
        case delivered, partial, failed
        case notSent = "not sent"
    }

    public var message: String
    public var recipients: [String]
    public var outcome: Result
    public var detail: String
    /// The recipients it did not reach (all of them when it failed), for the operator to follow up.
    public var failedRecipients: [String]

    /// `failedRecipients` defaults to every recipient of a failed message and none of another.
    public init(message: String, recipients: [String], outcome: Result, detail: String, failedRecipients: [String]? = nil) {
        self.message = message
        self.recipients = recipients
        self.outcome = outcome
        self.detail = detail
        self.failedRecipients = failedRecipients ?? (outcome == .failed ? recipients : [])
    }

    /// Sent to some recipient who did not get it: `partial` or `failed`.
    public var isFailure: Bool { outcome == .partial || outcome == .failed }
}

