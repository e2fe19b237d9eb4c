import Foundation
import GRDB
import SocialAuditCore

extension StateStore {
    /// Records a run in one transaction: the run, its counts, every finding's lifecycle, and the
    /// archives read. A run that fails or is killed before this leaves the state as it was.
    @discardableResult
    /// Statements are compiled once per run (`cachedStatement`), not once per finding: with
    /// thousands of findings, compiling them was most of the time spent here.
    public func record(_ outcome: RunOutcome) throws -> Int64 {
        try queue.write { try statements(outcome, $0) }
    }

    /// A run whose statements are made in a transaction left open: a run records its state while
    /// its reports are written, and commits only once they are (``commit(_:)``), else discards it
    /// (``discard(_:)``) and nothing changes. Nothing else may use the store meanwhile.
    public struct UncommittedRun: Sendable {
        public let id: Int64
    }

    /// ``record(_:)``, with every statement made and the commit left to ``commit(_:)``.
    public func recordUncommitted(_ outcome: RunOutcome) throws -> UncommittedRun {
        try queue.writeWithoutTransaction { db in
            try db.beginTransaction()
            do {
                return UncommittedRun(id: try statements(outcome, db))
            } catch {
                try? db.rollback()
                throw error
            }
        }
    }

    /// Gives the run's id once its transaction is committed; a commit that fails leaves the state as it was.
    public func commit(_ run: UncommittedRun) throws -> Int64 {
        try queue.writeWithoutTransaction { db in
            do {
                try db.commit()
            } catch {
                try? db.rollback()
                throw error
            }
        }
        return run.id
    }

    /// The run's transaction rolled back: the state is as it was.
    public func discard(_ run: UncommittedRun) {
        try? queue.writeWithoutTransaction { try $0.rollback() }
    }

    /// Every statement of a run, step by step, in one transaction; gives the run's id.
    private func statements(_ outcome: RunOutcome, _ db: Database) throws -> Int64 {
        let run = try Self.insertRun(outcome, db)
        // Resolved first, while `seen` still says when each school was last covered: a resolved
        // finding's row keeps its last sighting from then on.
        try Self.resolve(outcome, run: run, db)
        // Each finding's status, looked up once (a fingerprint's hash), for its row and its count.
        let statuses = outcome.findings.map { outcome.statuses[$0.fingerprint] ?? .new }
        try Self.recordFindings(outcome, statuses: statuses, run: run, db)
        try Self.markSeen(outcome, run: run, db)
        try Self.recordCounts(outcome, statuses: statuses, run: run, db)
        try Self.recordArchives(outcome.archives, run: run, db)
        if let present = outcome.presentArchives { try Self.dropArchives(notIn: present, db) }
        try Self.recordCaptures(outcome.captures, present: outcome.presentCaptures, run: run, db)
        try Self.recordCoverage(outcome, db)
        return run
    }

    /// The run's own row: pending when it has a token, until its reports are in place.
    private static func insertRun(_ outcome: RunOutcome, _ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO run (asOf, startedAt, finishedAt, outcome, findings, schools, token, archives) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [outcome.asOf, TwitterDate.iso8601(outcome.startedAt), TwitterDate.iso8601(outcome.finishedAt),
                             outcome.token == nil ? "completed" : "pending", outcome.findings.count,
                             outcome.schools.joined(separator: ","), outcome.token, outcome.presentArchives?.count])
        return db.lastInsertedRowID
    }

    /// The findings the run resolved, each with its last sighting (the later of its row's and its school's).
    private static func resolve(_ outcome: RunOutcome, run: Int64, _ db: Database) throws {
        for resolved in outcome.resolved {
            // A pending run keeps each row it changes as it was, to be undone if its reports never land.
            if outcome.token != nil { try keepFinding(resolved.fingerprint, run: run, db) }
            try db.cachedStatement(sql: """
                UPDATE finding SET resolvedRun = ?, resolvedAsOf = ?,
                  lastSeenRun = coalesce((SELECT max(run) FROM seen WHERE scope IN (?, finding.schoolId) AND run > finding.lastSeenRun), lastSeenRun),
                  lastSeenAsOf = coalesce((SELECT asOf FROM seen WHERE scope IN (?, finding.schoolId) AND run > finding.lastSeenRun
                                           ORDER BY run DESC LIMIT 1), lastSeenAsOf)
                WHERE fingerprint = ?
                """).execute(arguments: [run, outcome.asOf, district, district, resolved.fingerprint])
        }
    }

    /// The run's findings that are new or changed, each its row with its record. A finding seen
    /// again, unchanged, needs no statement of its own (one per finding was most of the time spent
    /// here): what the state held of it is what the run read of it when it began (the run holds
    /// the lock), not read again; its last sighting is ``markSeen(_:run:_:)``'s.
    private static func recordFindings(_ outcome: RunOutcome, statuses: [FindingStatus], run: Int64, _ db: Database) throws {
        // Each statement looked up once (the cache's key is its text, hashed at every look-up).
        let (new, seenAgain) = (try db.cachedStatement(sql: insertNew), try db.cachedStatement(sql: updateSeenAgain))
        for (index, finding) in outcome.findings.enumerated() {
            let status = statuses[index]
            // A finding carried from an account whose data was not read is left as the state holds it.
            if outcome.carried.contains(finding.fingerprint) { continue }
            // A row from before v6 gets its record the first time its finding is seen again.
            let unchanged = status != .new && outcome.known[finding.fingerprint].map {
                $0.resolvedAsOf == nil && $0.severity == finding.severity.rawValue && $0.schoolId == finding.schoolId && $0.hasRecord
            } == true
            if unchanged { continue }
            if outcome.token != nil { try keepFinding(finding.fingerprint, run: run, db) }
            // New (or seen again after it had been resolved): its life starts again; else its first sighting stays.
            try write(finding, status == .new ? new : seenAgain, run: run, asOf: outcome.asOf)
        }
    }

    /// Every finding of the run's schools still unresolved is one this run found (the others were
    /// resolved): seen in this run, which `seen` says once per school (or once for the district)
    /// rather than on every finding's row.
    private static func markSeen(_ outcome: RunOutcome, run: Int64, _ db: Database) throws {
        for scope in outcome.schools.isEmpty ? [district] : outcome.schools {
            if outcome.token != nil { try keepSeen(scope, run: run, db) }
            try db.cachedStatement(sql: """
                INSERT INTO seen (scope, run, asOf) VALUES (?, ?, ?)
                ON CONFLICT(scope) DO UPDATE SET run = excluded.run, asOf = excluded.asOf
                """).execute(arguments: [scope, run, outcome.asOf])
        }
    }

    /// The run's counts per school and for the district (`*`), as the reports' trend counts them.
    private static func recordCounts(_ outcome: RunOutcome, statuses: [FindingStatus], run: Int64, _ db: Database) throws {
        for count in TrendPoint.current(outcome.findings, statuses: statuses, resolved: outcome.resolved, asOf: outcome.asOf) {
            try db.cachedStatement(sql: "INSERT INTO runCount (runId, schoolId, new, open, suppressed, resolved) VALUES (?, ?, ?, ?, ?, ?)")
                .execute(arguments: [run, count.schoolId, count.new, count.open, count.suppressed, count.resolved])
        }
    }
}
