import Foundation
import GRDB
import SocialAuditCore

/// What the audit of one capture file gave, kept so that an unchanged file is not read again:
/// for each author in it, the ids of its tweets, the newest one's time and their content findings.
public struct CaptureFileAudit: Sendable, Codable {
    public struct Author: Sendable, Codable {
        public var accountId: String
        public var username: String?
        public var tweetIds: [String]
        public var newest: Date?
        /// The id → handle pairs its lines show of students the roster knows by handle alone.
        public var studentHandles: [String: String]
        /// The content findings of its tweets, made for the inventory account it matched (none for another author).
        public var findings: [Finding]

        public init(accountId: String, username: String?, tweetIds: [String], newest: Date?,
                    studentHandles: [String: String], findings: [Finding]) {
            self.studentHandles = studentHandles
            self.accountId = accountId
            self.username = username
            self.tweetIds = tweetIds
            self.newest = newest
            self.findings = findings
        }
    }

    public var lines: Int
    public var problems: [ArchiveProblem]
    public var authors: [Author]

    public init(lines: Int, problems: [ArchiveProblem], authors: [Author]) {
        self.lines = lines
        self.problems = problems
        self.authors = authors
    }
}

/// A capture file as the state remembers it: its size and time when it was audited, the inputs'
/// key, and its audit.
public struct CachedCapture: Sendable {
    public var path: String
    public var size: Int64
    public var modified: Double
    public var inputsKey: String
    public var audit: CaptureFileAudit

    public init(path: String, size: Int64, modified: Double, inputsKey: String, audit: CaptureFileAudit) {
        self.path = path
        self.size = size
        self.modified = modified
        self.inputsKey = inputsKey
        self.audit = audit
    }
}

/// A `captureFile` row.
struct CaptureRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "captureFile"
    var path: String
    var size: Int64
    var modified: Double
    var inputsKey: String
    var audit: CaptureFileAudit
    var lastRun: Int64

    static func databaseJSONEncoder(for column: String) -> JSONEncoder { StateStore.jsonEncoder }
    static func databaseJSONDecoder(for column: String) -> JSONDecoder { StateStore.jsonDecoder }
}

extension StateStore {
    /// v7: the capture files audited.
    static func registerCaptures(_ db: Database) throws {
        try db.create(table: "captureFile") { t in
            t.primaryKey("path", .text)
            t.column("size", .integer).notNull()
            t.column("modified", .double).notNull()
            t.column("inputsKey", .text).notNull()
            t.column("audit", .jsonText).notNull()
            t.column("lastRun", .integer).notNull()
        }
    }

    /// The remembered audit of the capture file at `path`; nil when there is none or it cannot be
    /// read (damaged, or of another version): the file is then read again.
    public func cachedCapture(path: String) -> CachedCapture? {
        try? queue.read { db in
            try CaptureRow.fetchOne(db, key: Self.archiveKey(path)).map {
                CachedCapture(path: path, size: $0.size, modified: $0.modified, inputsKey: $0.inputsKey, audit: $0.audit)
            }
        }
    }

    /// Remembers the capture files a run audited, and forgets those no longer in the folder.
    static func recordCaptures(_ captures: [CachedCapture], present: [String]?, run: Int64, _ db: Database) throws {
        for capture in captures {
            try CaptureRow(path: archiveKey(capture.path), size: capture.size, modified: capture.modified,
                           inputsKey: capture.inputsKey, audit: capture.audit, lastRun: run).upsert(db)
        }
        guard let present else { return }
        let keep = Set(present.map(archiveKey))
        for path in try String.fetchAll(db, sql: "SELECT path FROM captureFile") where !keep.contains(path) {
            try db.execute(sql: "DELETE FROM captureFile WHERE path = ?", arguments: [path])
        }
    }
}
