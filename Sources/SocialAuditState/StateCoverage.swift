import Foundation
import GRDB
import SocialAuditCore
import SocialAuditSupport

extension StateStore {
    /// v5: each finding's whole record, to show it while its account's data cannot be read; the
    /// accounts whose data a run could not read, with the day it was last read; and how many
    /// archives each run had, for the next run to notice a folder that shrank.
    static func registerCoverage(_ db: Database) throws {
        try db.alter(table: "finding") { t in t.add(column: "record", .blob) }
        try db.alter(table: "undoFinding") { t in t.add(column: "record", .blob) }
        try db.alter(table: "run") { t in t.add(column: "archives", .integer) }
        try db.create(table: "notRead") { t in
            t.primaryKey("account", .text)
            t.column("since", .text).notNull()
        }
    }

    /// The accounts whose data the last runs could not read, with the as-of day it was last read.
    public func notReadSince() throws -> [String: String] {
        try queue.read { db in
            var since: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT account, since FROM notRead") { since[row[0]] = row[1] }
            return since
        }
    }

    /// How many archives the last completed run of the state at `url` had in its folder; nil when
    /// there is no state or no run yet. Read without writing (no file, lock or migration is made),
    /// before the run takes the state: a run that stops here leaves it as it was. A state from
    /// before v5 counts the archives it remembers.
    public static func previousArchiveCount(at url: URL) throws -> Int? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: url.path, configuration: configuration)
        return try queue.read { db in
            guard try db.tableExists("run") else { return nil }
            let counted = try db.columns(in: "run").contains { $0.name == "archives" }
            guard let row = try Row.fetchOne(db, sql: "SELECT \(counted ? "archives" : "NULL") FROM run WHERE outcome = 'completed' ORDER BY id DESC LIMIT 1")
            else { return nil }
            if let count: Int = row[0] { return count }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM archive") ?? 0
        }
    }

    /// Records whose data the run read (no longer marked) and whose it could not (marked from
    /// the day given, unless already marked from earlier).
    static func recordCoverage(_ outcome: RunOutcome, _ db: Database) throws {
        let read = Set(outcome.accountsRead)
        for account in try String.fetchAll(db, sql: "SELECT account FROM notRead") where read.contains(account) {
            try db.cachedStatement(sql: "DELETE FROM notRead WHERE account = ?").execute(arguments: [account])
        }
        for (account, since) in outcome.accountsNotRead.sorted(by: { $0.key < $1.key }) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO notRead (account, since) VALUES (?, ?)").execute(arguments: [account, since])
        }
    }
}
