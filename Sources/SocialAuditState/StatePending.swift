import Foundation
import GRDB
import SocialAuditCore

/// A run recorded as pending: committed to the state before its reports were put in place,
/// and marked done after. Until then it can be undone, from what its statements replaced.
public struct PendingRun: Sendable, Hashable {
    public var id: Int64
    public var asOf: String
    /// The token the run's report tree carries in its marker.
    public var token: String
}

extension StateStore {
    /// v4: a run's token and, while it is pending, the rows it changed as they were before.
    static func registerPending(_ db: Database) throws {
        try db.alter(table: "run") { t in t.add(column: "token", .text) }
        try db.create(table: "undoFinding") { t in
            t.column("run", .integer).notNull()
            t.column("fingerprint", .text).notNull()
            t.column("rule", .text).notNull()
            t.column("account", .text).notNull()
            t.column("schoolId", .text).notNull()
            t.column("severity", .text).notNull()
            t.column("firstSeenRun", .integer).notNull()
            t.column("firstSeenAsOf", .text).notNull()
            t.column("lastSeenRun", .integer).notNull()
            t.column("lastSeenAsOf", .text).notNull()
            t.column("resolvedRun", .integer)
            t.column("resolvedAsOf", .text)
            t.primaryKey(["run", "fingerprint"])
        }
        try db.create(table: "undoSeen") { t in
            t.column("run", .integer).notNull()
            t.column("scope", .text).notNull()
            t.column("priorRun", .integer)
            t.column("priorAsOf", .text)
            t.primaryKey(["run", "scope"])
        }
    }

    /// Every column of a `finding` row (and of its copy in `undoFinding`): its record and its lifecycle.
    static let findingColumns = (FindingRow.columns
        + ["firstSeenRun", "firstSeenAsOf", "lastSeenRun", "lastSeenAsOf", "resolvedRun", "resolvedAsOf"]).joined(separator: ", ")

    /// Keeps a finding's row as it was before a pending run changes it (once per run).
    static func keepFinding(_ fingerprint: String, run: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO undoFinding (run, \(findingColumns)) SELECT ?, \(findingColumns) FROM finding WHERE fingerprint = ?
            """).execute(arguments: [run, fingerprint])
    }

    /// Keeps a scope's last coverage as it was before a pending run changes it.
    static func keepSeen(_ scope: String, run: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO undoSeen (run, scope, priorRun, priorAsOf)
            VALUES (?, ?, (SELECT run FROM seen WHERE scope = ?), (SELECT asOf FROM seen WHERE scope = ?))
            """).execute(arguments: [run, scope, scope, scope])
    }

    /// The run left pending by a run that was interrupted, if any (at most one: runs hold the lock).
    public func pendingRun() throws -> PendingRun? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT id, asOf, token FROM run WHERE outcome = 'pending' ORDER BY id DESC LIMIT 1").map {
                PendingRun(id: $0[0], asOf: $0[1], token: $0[2] ?? "")
            }
        }
    }

    /// Marks a pending run done: its reports are in place; what it replaced is no longer kept.
    public func complete(_ runId: Int64) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE run SET outcome = 'completed' WHERE id = ?", arguments: [runId])
            try db.execute(sql: "DELETE FROM undoFinding WHERE run = ?", arguments: [runId])
            try db.execute(sql: "DELETE FROM undoSeen WHERE run = ?", arguments: [runId])
        }
    }

    /// Undoes a pending run whose reports never took the place of the previous ones: the
    /// findings and coverage as they were, the run and its counts gone. The archives it
    /// remembered are forgotten with their audits (they are read again), as those it dropped stay dropped.
    public func rollBack(_ runId: Int64) throws {
        try queue.write { db in
            let args: StatementArguments = [runId]
            try db.execute(sql: "DELETE FROM finding WHERE fingerprint IN (SELECT fingerprint FROM undoFinding WHERE run = ?)", arguments: args)
            try db.execute(sql: "DELETE FROM finding WHERE firstSeenRun = ?1 OR lastSeenRun = ?1 OR resolvedRun = ?1", arguments: args)
            try db.execute(sql: "INSERT INTO finding (\(Self.findingColumns)) SELECT \(Self.findingColumns) FROM undoFinding WHERE run = ?",
                           arguments: args)
            try db.execute(sql: "DELETE FROM seen WHERE scope IN (SELECT scope FROM undoSeen WHERE run = ?)", arguments: args)
            try db.execute(sql: "INSERT INTO seen (scope, run, asOf) SELECT scope, priorRun, priorAsOf FROM undoSeen WHERE run = ? AND priorRun IS NOT NULL",
                           arguments: args)
            for table in ["undoFinding", "undoSeen"] { try db.execute(sql: "DELETE FROM \(table) WHERE run = ?", arguments: args) }
            try db.execute(sql: "DELETE FROM archive WHERE lastRun = ?", arguments: args)
            try db.execute(sql: "DELETE FROM runCount WHERE runId = ?", arguments: args)
            try db.execute(sql: "DELETE FROM mailDelivery WHERE runId = ?", arguments: args)
            try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: args)
        }
    }
}
