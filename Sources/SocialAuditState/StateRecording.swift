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
        try record(outcome, commitIf: { true })
    }

    /// The run abandoned before its commit: `commitIf` said no.
    public struct Abandoned: Error, LocalizedError {
        public var errorDescription: String? { "the run was not recorded: its reports could not be written" }
    }

    /// ``record(_:)``, with every statement made and the commit left to `commitIf`, which may
    /// wait: a run records its state while its reports are written, and commits only once they
    /// are (when `commitIf` gives false, the transaction is rolled back and nothing changes).
    @discardableResult
    public func record(_ outcome: RunOutcome, commitIf: () -> Bool) throws -> Int64 {
        try queue.write { db in
            let runId = try statements(outcome, db)
            guard commitIf() else { throw Abandoned() }
            return runId
        }
    }

    private func statements(_ outcome: RunOutcome, _ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO run (asOf, startedAt, finishedAt, outcome, findings, schools, token, archives) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [outcome.asOf, TwitterDate.iso8601(outcome.startedAt), TwitterDate.iso8601(outcome.finishedAt),
                             outcome.token == nil ? "completed" : "pending", outcome.findings.count,
                             outcome.schools.joined(separator: ","), outcome.token, outcome.presentArchives?.count])
        let runId = db.lastInsertedRowID
        // A pending run keeps each row it changes as it was, to be undone if its reports never land.
        let pending = outcome.token != nil
        // Resolved first, while `seen` still says when each school was last covered: a resolved
        // finding's row keeps its last sighting from then on.
        for resolved in outcome.resolved {
            if pending { try Self.keepFinding(resolved.fingerprint, run: runId, db) }
            try db.cachedStatement(sql: """
                UPDATE finding SET resolvedRun = ?, resolvedAsOf = ?,
                  lastSeenRun = coalesce((SELECT max(run) FROM seen WHERE scope IN (?, finding.schoolId) AND run > finding.lastSeenRun), lastSeenRun),
                  lastSeenAsOf = coalesce((SELECT asOf FROM seen WHERE scope IN (?, finding.schoolId) AND run > finding.lastSeenRun
                                           ORDER BY run DESC LIMIT 1), lastSeenAsOf)
                WHERE fingerprint = ?
                """).execute(arguments: [runId, outcome.asOf, Self.district, Self.district, resolved.fingerprint])
        }
        // A finding seen again, unchanged, needs no statement of its own (one per finding was
        // most of the time spent here): what the state held of it is what the run read of it
        // when it began (the run holds the lock), not read again.
        // Each finding's status, looked up once (a fingerprint's hash), for its statement and its count.
        let statuses = outcome.findings.map { outcome.statuses[$0.fingerprint] ?? .new }
        for (index, finding) in outcome.findings.enumerated() {
            let status = statuses[index]
            // A finding carried from an account whose data was not read is left as the state holds it.
            if outcome.carried.contains(finding.fingerprint) { continue }
            // A row from before v5 gets its record the first time its finding is seen again.
            let unchanged = status != .new && outcome.known[finding.fingerprint].map {
                $0.resolvedAsOf == nil && $0.severity == finding.severity.rawValue && $0.schoolId == finding.schoolId && $0.hasRecord
            } == true
            // Its last sighting is set below, with every other unresolved finding of the run's schools.
            if unchanged { continue }
            if pending { try Self.keepFinding(finding.fingerprint, run: runId, db) }
            let record = Data(FindingRecords.encode([finding]))
            if status == .new {
                // New, or seen again after it had been resolved: its life starts again.
                try db.cachedStatement(sql: """
                    INSERT INTO finding (fingerprint, rule, account, schoolId, severity, firstSeenRun, firstSeenAsOf, lastSeenRun, lastSeenAsOf, record)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(fingerprint) DO UPDATE SET rule = excluded.rule, account = excluded.account,
                      schoolId = excluded.schoolId, severity = excluded.severity, firstSeenRun = excluded.firstSeenRun,
                      firstSeenAsOf = excluded.firstSeenAsOf, lastSeenRun = excluded.lastSeenRun,
                      lastSeenAsOf = excluded.lastSeenAsOf, resolvedRun = NULL, resolvedAsOf = NULL, record = excluded.record
                    """).execute(arguments: [finding.fingerprint, finding.rule, finding.account, finding.schoolId,
                                     finding.severity.rawValue, runId, outcome.asOf, runId, outcome.asOf, record])
            } else {
                try db.cachedStatement(sql: """
                    INSERT INTO finding (fingerprint, rule, account, schoolId, severity, firstSeenRun, firstSeenAsOf, lastSeenRun, lastSeenAsOf, record)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(fingerprint) DO UPDATE SET severity = excluded.severity, schoolId = excluded.schoolId,
                      lastSeenRun = excluded.lastSeenRun, lastSeenAsOf = excluded.lastSeenAsOf, resolvedRun = NULL, resolvedAsOf = NULL,
                      record = excluded.record
                    """).execute(arguments: [finding.fingerprint, finding.rule, finding.account, finding.schoolId,
                                     finding.severity.rawValue, runId, outcome.asOf, runId, outcome.asOf, record])
            }
        }
        // Every finding of the run's schools still unresolved is one this run found (the
        // others were resolved above): seen in this run, which `seen` says once per school
        // (or once for the district) rather than on every finding's row.
        for scope in outcome.schools.isEmpty ? [Self.district] : outcome.schools {
            if pending { try Self.keepSeen(scope, run: runId, db) }
            try db.cachedStatement(sql: """
                INSERT INTO seen (scope, run, asOf) VALUES (?, ?, ?)
                ON CONFLICT(scope) DO UPDATE SET run = excluded.run, asOf = excluded.asOf
                """).execute(arguments: [scope, runId, outcome.asOf])
        }
        // Counts per school and for the district (`*`): new, open, suppressed, resolved.
        var counts: [String: [Int]] = ["*": [0, 0, 0, 0]]
        func add(_ school: String, _ column: Int) {
            counts[school, default: [0, 0, 0, 0]][column] += 1
            counts["*"]![column] += 1
        }
        for (index, finding) in outcome.findings.enumerated() {
            switch statuses[index] {
            case .new: add(finding.schoolId, 0)
            case .open: add(finding.schoolId, 1)
            case .suppressed: add(finding.schoolId, 2)
            }
        }
        for resolved in outcome.resolved { add(resolved.schoolId, 3) }
        for (school, count) in counts {
            try db.cachedStatement(sql: "INSERT INTO runCount (runId, schoolId, new, open, suppressed, resolved) VALUES (?, ?, ?, ?, ?, ?)")
                .execute(arguments: [runId, school, count[0], count[1], count[2], count[3]])
        }
        for archive in outcome.archives {
            try db.cachedStatement(sql: """
                INSERT INTO archive (path, size, modified, contentHash, inputsKey, payload, lastRun) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET size = excluded.size, modified = excluded.modified,
                  contentHash = excluded.contentHash, inputsKey = excluded.inputsKey, payload = excluded.payload, lastRun = excluded.lastRun
                """).execute(arguments: [Self.archiveKey(archive.path), archive.size, archive.modified, archive.contentHash ?? "", archive.inputsKey,
                                 archive.payload, runId])
        }
        if let present = outcome.presentArchives { try Self.dropArchives(notIn: present, db) }
        try Self.recordCoverage(outcome, db)
        return runId
    }
}
