import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditRules
import SocialAuditState

/// The X API captures audited, file by file, and what they hold of each inventory account.
/// Each file's content findings are made for the accounts whose tweets it holds and remembered
/// in the state by size and time, as an archive's are: an unchanged file is not read again.
struct MatchedCaptures: Sendable {
    /// What the captures hold of one inventory account: its findings (each once) and its source.
    struct Account: Sendable {
        var findings: [Finding]
        var source: CaptureSource
        /// The id → handle pairs the captures show of students the roster knows by handle alone:
        /// the account's conversations in its archive are read with them.
        var studentHandles: [String: String] = [:]

        /// What the pairs add to the key of the archive's remembered audit (its DM findings depend on them).
        var keyPart: String {
            studentHandles.keys.sorted().map { "\($0)=\(studentHandles[$0]!)" }.joined(separator: ",")
        }
    }

    /// Inventory account index → what the captures hold of it.
    var byAccount: [Int: Account] = [:]
    var summary = CaptureSummary()
    /// The files this run read (for the state), and every file in the folder.
    var read: [CachedCapture] = []
    var present: [String] = []

    init() {}

    init(folder: URL?, district: DistrictContext, learnedIds: [String: String], key: String, store: StateStore?) {
        guard let folder else { return }
        let files: [URL]
        do {
            files = try CaptureReader.files(in: folder)
        } catch {
            summary.problems.append(ArchiveProblem(archive: folder.lastPathComponent,
                                                   message: "the captures folder cannot be read (\(error.localizedDescription))"))
            return
        }
        let matcher = AuthorMatcher(district.inventory, learnedIds: learnedIds)
        var audits: [(name: String, audit: CaptureFileAudit)] = []
        for file in files {
            present.append(file.path)
            let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            if let cached = store?.cachedCapture(path: file.path), cached.size == size, cached.modified == modified,
               cached.inputsKey == key {
                summary.reused += 1
                audits.append((file.lastPathComponent, cached.audit))
                continue
            }
            let audit = Self.audit(CaptureReader.read(file: file), name: file.lastPathComponent, matcher, district)
            read.append(CachedCapture(path: file.path, size: size, modified: modified, inputsKey: key, audit: audit))
            audits.append((file.lastPathComponent, audit))
        }
        gather(audits, matcher)
    }

    /// One file's authors: the content findings of each inventory account's tweets.
    static func audit(_ reading: CaptureFileReading, name: String, _ matcher: AuthorMatcher, _ district: DistrictContext) -> CaptureFileAudit {
        let authors = reading.accounts.keys.sorted().map { id -> CaptureFileAudit.Author in
            let captured = reading.accounts[id]!
            var findings: [Finding] = []
            if let index = matcher.account(id, captured.username) {
                let entry = district.inventory.accounts[index]
                var subject = AccountSubject(tier: entry.tier, inventory: entry, hasArchive: false)
                subject.captured = CaptureSource(accountId: id, username: captured.username, files: [name],
                                                 tweets: captured.tweets.count, newest: captured.newest)
                var pass = RulePass(subject: subject, district: district)
                for tweet in captured.tweets { pass.add(tweet) }
                findings = pass.contentFindings
            }
            let students = captured.handles.filter {
                district.students.handleOnlyStudent(normalizedHandle: Handle.normalized($0.value)) != nil
            }
            return CaptureFileAudit.Author(accountId: id, username: captured.username, tweetIds: captured.tweets.map(\.id),
                                           newest: captured.newest, studentHandles: students, findings: findings)
        }
        return CaptureFileAudit(lines: reading.lines, problems: reading.problems, authors: authors)
    }

    /// One account's part of every file, as it is gathered.
    private struct Gathered {
        var author: String
        var username: String?
        var findings: [Finding] = []
        /// (rule, tweet id) of each finding taken, so that a tweet in two files is reported once.
        var keys = Set<[String]>()
        var ids = Set<String>()
        var newest: Date?
        var files: [String] = []
        var handles: [String: String] = [:]
    }

    /// The files' audits by account: findings and tweets each once, however many files hold them.
    private mutating func gather(_ audits: [(name: String, audit: CaptureFileAudit)], _ matcher: AuthorMatcher) {
        var found: [Int: Gathered] = [:]
        var others = Set<String>()
        for (name, audit) in audits {
            summary.files += 1
            summary.lines += audit.lines
            summary.problems += audit.problems
            for author in audit.authors {
                guard let index = matcher.account(author.accountId, author.username) else {
                    others.insert(author.accountId)
                    continue
                }
                var entry = found[index] ?? Gathered(author: author.accountId)
                entry.handles.merge(author.studentHandles) { _, new in new }
                for finding in author.findings where entry.keys.insert([finding.rule, finding.evidence.id ?? ""]).inserted {
                    entry.findings.append(finding)
                }
                entry.ids.formUnion(author.tweetIds)
                entry.newest = [entry.newest, author.newest].compactMap { $0 }.max()
                entry.files.append(name)
                entry.username = author.username ?? entry.username
                found[index] = entry
            }
        }
        for (index, entry) in found {
            byAccount[index] = Account(findings: Finding.sorted(entry.findings),
                                       source: CaptureSource(accountId: entry.author, username: entry.username, files: entry.files,
                                                             tweets: entry.ids.count, newest: entry.newest),
                                       studentHandles: entry.handles)
        }
        summary.tweets = found.values.reduce(0) { $0 + $1.ids.count }
        summary.accounts = found.count
        summary.otherAuthors = others.count
    }
}

/// Whose a captured author is: the inventory account with its id (the inventory's, else the one
/// its archive showed), else with its handle. A search captures anyone's tweets: others are none.
struct AuthorMatcher: Sendable {
    private var byId: [String: Int] = [:]
    private var byHandle: [String: Int] = [:]

    init(_ inventory: Inventory, learnedIds: [String: String]) {
        for (index, account) in inventory.accounts.enumerated() {
            if let id = account.accountId ?? learnedIds[account.handle] { byId[id] = index }
            byHandle[Handle.normalized(account.handle)] = index
        }
    }

    func account(_ id: String, _ username: String?) -> Int? {
        byId[id] ?? username.flatMap { byHandle[Handle.normalized($0)] }
    }
}

/// What a run read of the X API captures, for its log and `run.json`.
public struct CaptureSummary: Sendable, Codable, Equatable {
    public var files = 0
    /// Files unchanged since the last run, whose audit came from the state.
    public var reused = 0
    public var lines = 0
    /// The captured tweets of inventory accounts, and how many accounts they are of.
    public var tweets = 0
    public var accounts = 0
    /// Authors of captured tweets the inventory does not know.
    public var otherAuthors = 0
    public var problems: [ArchiveProblem] = []

    public init() {}
}
