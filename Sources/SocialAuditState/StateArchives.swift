import Crypto
import Foundation
import GRDB
import SocialAuditArchive
import SocialAuditCore
import SocialAuditRules

/// What the state remembers of one archive read in an earlier run, to skip reading it again
/// when its content is unchanged.
public struct CachedArchive: Sendable {
    public var path: String
    public var size: Int64
    public var modified: Double
    /// SHA-256 of the content, made only once the archive was seen copied again at its size
    /// (see `DistrictAudit`); nil before (stored as empty text).
    public var contentHash: String?
    /// Hash of everything else the audit of this archive depends on (inventory, roster, policy, tool).
    public var inputsKey: String
    /// What its audit gave, for an archive this run read; nil for one it restored from the state,
    /// whose remembered audit stays as it is (only the size, time and hash above are written).
    public var audit: CachedAudit?

    public init(path: String, size: Int64, modified: Double, contentHash: String?, inputsKey: String, audit: CachedAudit?) {
        self.path = path
        self.size = size
        self.modified = modified
        self.contentHash = contentHash
        self.inputsKey = inputsKey
        self.audit = audit
    }
}

/// What an incremental run keeps of one archive's audit: the account's data and the findings of
/// its content, which do not depend on the run's date, and what was read of it.
public struct CachedAudit: Sendable {
    public var subject: AccountSubject
    public var contentFindings: [Finding]
    public var tweets: Int
    public var conversations: Int
    public var messages: Int
    public var reading: ArchiveReading

    public init(subject: AccountSubject, contentFindings: [Finding], tweets: Int, conversations: Int, messages: Int,
                reading: ArchiveReading) {
        self.subject = subject
        self.contentFindings = contentFindings
        self.tweets = tweets
        self.conversations = conversations
        self.messages = messages
        self.reading = reading
    }
}

/// An `archive` row: the archive's size, time and hash when it was read, and the inputs' key.
struct ArchiveRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "archive"
    /// ``StateStore/archiveKey(_:)`` of the archive's path.
    var path: String
    var size: Int64
    var modified: Double
    var contentHash: String
    var inputsKey: String
    var lastRun: Int64
}

/// An `archiveAudit` row: the counts as columns, the account and the reading as JSON.
struct AuditRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "archiveAudit"
    var archive: String
    var tweets: Int
    var conversations: Int
    var messages: Int
    var subject: AccountSubject
    var reading: ArchiveReading

    static func databaseJSONEncoder(for column: String) -> JSONEncoder { StateStore.jsonEncoder }
    static func databaseJSONDecoder(for column: String) -> JSONDecoder { StateStore.jsonDecoder }
}

/// The statement that writes an `archiveFinding` row: one finding of an archive's content, at its
/// place in the archive's list, its columns' values by place.
private let insertArchiveFinding = """
    INSERT INTO archiveFinding (archive, position, \(FindingRow.columns.joined(separator: ", ")))
    VALUES (?, ?, \(FindingRow.columns.map { _ in "?" }.joined(separator: ", ")))
    """

extension StateStore {
    /// The key the state files an archive under: a hash of its path, not the path, whose file or
    /// folder name may be a student's ("Hollis, Jamie"). A state from before keys by path: those
    /// rows are no archive's now, and go as archives no longer present.
    static func archiveKey(_ path: String) -> String {
        "sha256:" + SHA256.hash(data: Data(path.utf8)).hexString
    }

    /// v6: an archive's audit as rows (`archiveAudit`, and its findings in `archiveFinding`) in
    /// place of the bytes of a format of this tool's making. Those bytes are not read: every
    /// archive is read again once. The last run's archive count, which a state from before v5
    /// takes from these rows, is kept for the next run's shrink check.
    static func registerArchiveAudits(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE run SET archives = (SELECT count(*) FROM archive)
            WHERE archives IS NULL AND id = (SELECT max(id) FROM run WHERE outcome = 'completed')
            """)
        try db.execute(sql: "DELETE FROM archive")
        try db.execute(sql: "ALTER TABLE archive DROP COLUMN payload")
        try db.create(table: "archiveAudit") { t in
            t.primaryKey("archive", .text).references("archive", onDelete: .cascade)
            t.column("tweets", .integer).notNull()
            t.column("conversations", .integer).notNull()
            t.column("messages", .integer).notNull()
            t.column("subject", .jsonText).notNull()
            t.column("reading", .jsonText).notNull()
        }
        try db.create(table: "archiveFinding") { t in
            t.column("archive", .text).notNull().references("archive", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("fingerprint", .text).notNull()
            t.column("rule", .text).notNull()
            t.column("severity", .text).notNull()
            t.column("schoolId", .text).notNull()
            t.column("account", .text).notNull()
            for (name, type) in recordColumns { t.column(name, type) }
            t.primaryKey(["archive", "position"])
        }
    }

    /// What the state remembers of the archive at `path`: its size, time, hash and inputs' key
    /// (its audit is ``cachedAudit(path:)``'s).
    public func cachedArchive(path: String) throws -> CachedArchive? {
        try queue.read { db in
            try ArchiveRow.fetchOne(db, key: Self.archiveKey(path)).map {
                CachedArchive(path: path, size: $0.size, modified: $0.modified, contentHash: $0.contentHash.isEmpty ? nil : $0.contentHash,
                              inputsKey: $0.inputsKey, audit: nil)
            }
        }
    }

    /// The remembered audit of the archive at `path`; nil when there is none or its rows cannot be
    /// read (damaged, or of another version): the archive is then read again.
    public func cachedAudit(path: String) -> CachedAudit? {
        let key = Self.archiveKey(path)
        return try? queue.read { db -> CachedAudit? in
            guard let audit = try AuditRow.fetchOne(db, key: key) else { return nil }
            let findings = try FindingRow.fetchAll(db, sql: "SELECT * FROM archiveFinding WHERE archive = ? ORDER BY position",
                                                   arguments: [key])
            return CachedAudit(subject: audit.subject, contentFindings: findings.map(\.finding), tweets: audit.tweets,
                               conversations: audit.conversations, messages: audit.messages, reading: audit.reading)
        }
    }

    /// Remembers the archives a run audited: each one's size, time and hash, and the audit of
    /// each it read (one it restored keeps the audit it had).
    static func recordArchives(_ archives: [CachedArchive], run: Int64, _ db: Database) throws {
        for archive in archives {
            let key = archiveKey(archive.path)
            try ArchiveRow(path: key, size: archive.size, modified: archive.modified, contentHash: archive.contentHash ?? "",
                           inputsKey: archive.inputsKey, lastRun: run).upsert(db)
            guard let audit = archive.audit else { continue }
            try db.execute(sql: "DELETE FROM archiveFinding WHERE archive = ?", arguments: [key])
            try AuditRow(archive: key, tweets: audit.tweets, conversations: audit.conversations, messages: audit.messages,
                         subject: audit.subject, reading: audit.reading).upsert(db)
            let insert = try db.cachedStatement(sql: insertArchiveFinding)
            for (position, finding) in audit.contentFindings.enumerated() {
                let values: [(any DatabaseValueConvertible)?] = [key, position] + (try FindingRow(finding).databaseValues())
                try insert.execute(arguments: StatementArguments(values))
            }
        }
    }

    /// Forgets the archives no longer in the archives folder: what was read of them is theirs
    /// (their audits' rows go with them).
    static func dropArchives(notIn present: [String], _ db: Database) throws {
        let keep = Set(present.map(archiveKey))
        for path in try String.fetchAll(db, sql: "SELECT path FROM archive") where !keep.contains(path) {
            try db.execute(sql: "DELETE FROM archive WHERE path = ?", arguments: [path])
        }
    }
}
