import Foundation
import GRDB
import SocialAuditCore

/// A finding the state remembers from earlier runs.
public struct KnownFinding: Sendable, Hashable {
    public var fingerprint: String
    public var rule: String
    public var account: String
    public var schoolId: String
    public var severity: String
    public var firstSeenAsOf: String
    public var lastSeenAsOf: String
    /// Set once the finding is gone: the as-of date of the run that saw it resolved.
    public var resolvedAsOf: String?
}

/// One run as the state records it.
public struct RunRecord: Sendable, Hashable {
    public var id: Int64
    public var asOf: String
    public var startedAt: String
    public var finishedAt: String
}

/// What was read of one archive in an earlier run, to skip parsing it again when its content is unchanged.
public struct CachedArchive: Sendable {
    public var path: String
    public var size: Int64
    public var modified: Double
    public var contentHash: String
    /// Hash of everything else the audit of this archive depends on (inventory, roster, policy, tool).
    public var inputsKey: String
    public var payload: Data

    public init(path: String, size: Int64, modified: Double, contentHash: String, inputsKey: String, payload: Data) {
        self.path = path
        self.size = size
        self.modified = modified
        self.contentHash = contentHash
        self.inputsKey = inputsKey
        self.payload = payload
    }
}

/// What one run hands to the state to record, in one transaction.
public struct RunOutcome: Sendable {
    public var asOf: String
    public var startedAt: Date
    public var finishedAt: Date
    public var findings: [Finding]
    public var statuses: [String: String]
    public var resolved: [ResolvedFinding]
    /// The schools the run covered (empty: all); findings of other schools are left as they were.
    public var schools: [String]
    public var archives: [CachedArchive]
    /// The unresolved findings the state held when the run began (``StateStore/knownFindings(unresolvedOnly:)``,
    /// read under the run's lock): a finding among them, seen again unchanged, needs no statement.
    public var known: [String: KnownFinding]

    public init(asOf: String, startedAt: Date, finishedAt: Date, findings: [Finding], statuses: [String: String],
                resolved: [ResolvedFinding], schools: [String], archives: [CachedArchive], known: [String: KnownFinding]) {
        self.asOf = asOf
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.findings = findings
        self.statuses = statuses
        self.resolved = resolved
        self.schools = schools
        self.archives = archives
        self.known = known
    }
}

/// The state file: earlier runs, every finding's lifecycle and what was read of each archive.
/// SQLite through GRDB, created with its folders on first use, its schema migrated in versions.
public final class StateStore: Sendable {
    public let url: URL
    let queue: DatabaseQueue

    public init(url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        queue = try DatabaseQueue(path: url.path, configuration: Self.configuration)
        try Self.migrator.migrate(queue)
    }

    /// A state file whose schema is already this version's, found where it is said to be.
    public struct NotCurrent: Error {}

    /// Opens an existing state file without writing to it: no folder, no file, no migration is
    /// made; ``NotCurrent`` when there is no file or its schema needs migrating.
    public init(existing url: URL) throws {
        self.url = url
        guard FileManager.default.fileExists(atPath: url.path) else { throw NotCurrent() }
        queue = try DatabaseQueue(path: url.path, configuration: Self.configuration)
        guard try queue.read({ try Self.hasEveryMigration($0) }) else { throw NotCurrent() }
    }

    /// Whether every migration of this version has been applied: the migrator's
    /// `hasCompletedMigrations`, read with the row cursor a run uses anyway (GRDB's own reads a
    /// `Set<String>` through generic code whose first use cost a third of a millisecond of a
    /// nightly run). No migration table: none applied.
    static func hasEveryMigration(_ db: Database) throws -> Bool {
        var applied: Set<String> = []
        do {
            let rows = try Row.fetchCursor(db, sql: "SELECT identifier FROM grdb_migrations")
            while let row = try rows.next() { applied.insert(row[0]) }
        } catch {
            // As the migrator: no such table is no migration; any other fault is one.
            if try !db.tableExists("grdb_migrations") { return false }
            throw error
        }
        return migrator.migrations.allSatisfy(applied.contains)
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        return configuration
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("asOf", .text).notNull()
                t.column("startedAt", .text).notNull()
                t.column("finishedAt", .text).notNull()
                t.column("outcome", .text).notNull()
                t.column("findings", .integer).notNull()
                t.column("schools", .text).notNull()
            }
            try db.create(table: "finding") { t in
                t.primaryKey("fingerprint", .text)
                t.column("rule", .text).notNull()
                t.column("account", .text).notNull()
                t.column("schoolId", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("firstSeenRun", .integer).notNull().references("run")
                t.column("firstSeenAsOf", .text).notNull()
                t.column("lastSeenRun", .integer).notNull().references("run")
                t.column("lastSeenAsOf", .text).notNull()
                t.column("resolvedRun", .integer).references("run")
                t.column("resolvedAsOf", .text)
            }
            try db.create(table: "runCount") { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("schoolId", .text).notNull()
                t.column("new", .integer).notNull()
                t.column("open", .integer).notNull()
                t.column("suppressed", .integer).notNull()
                t.column("resolved", .integer).notNull()
                t.primaryKey(["runId", "schoolId"])
            }
            try db.create(table: "archive") { t in
                t.primaryKey("path", .text)
                t.column("size", .integer).notNull()
                t.column("modified", .double).notNull()
                t.column("contentHash", .text).notNull()
                t.column("inputsKey", .text).notNull()
                t.column("payload", .blob).notNull()
                t.column("lastRun", .integer).notNull().references("run")
            }
        }
        migrator.registerMigration("v2") { db in
            // How each e-mail summary fared, per run.
            try db.create(table: "mailDelivery") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("message", .text).notNull()
                t.column("recipients", .text).notNull()
                t.column("outcome", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("at", .text).notNull()
            }
        }
        migrator.registerMigration("v3") { db in
            // The last run that covered each school (`*`: a run of the whole district). Every
            // unresolved finding of a school a run covers is one the run found, so a finding's
            // last sighting is the later of its own row's and these; the rows need not be rewritten
            // each run (that update was half of recording an unchanged nightly run, and most of
            // the pages its commit wrote). A finding's own row takes the value when it is resolved.
            try db.create(table: "seen") { t in
                t.primaryKey("scope", .text)
                t.column("run", .integer).notNull().references("run")
                t.column("asOf", .text).notNull()
            }
        }
        return migrator
    }

    /// Records how the e-mail summaries of a run fared (the last run when `runId` is nil).
    public func recordMail(_ outcomes: [MailOutcome], runId: Int64? = nil, at date: Date = Date()) throws {
        try queue.write { db in
            guard let run = try runId ?? Int64.fetchOne(db, sql: "SELECT MAX(id) FROM run") else { return }
            for outcome in outcomes {
                try db.execute(sql: "INSERT INTO mailDelivery (runId, message, recipients, outcome, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [run, outcome.message, outcome.recipients.joined(separator: ","), outcome.outcome.rawValue,
                                           outcome.detail, TwitterDate.iso8601(date)])
            }
        }
    }

    /// The e-mail outcomes recorded for a run.
    public func mailOutcomes(runId: Int64) throws -> [MailOutcome] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mailDelivery WHERE runId = ? ORDER BY id", arguments: [runId]).map {
                MailOutcome(message: $0["message"], recipients: ($0["recipients"] as String).split(separator: ",").map(String.init),
                            outcome: MailOutcome.Result(rawValue: $0["outcome"]) ?? .failed, detail: $0["detail"])
            }
        }
    }

    /// Every finding the state has known, or (`unresolvedOnly`) those not resolved: all a run's
    /// ``Lifecycle`` needs, since a finding seen again after it was resolved is new as one never
    /// seen is. The resolved ones pile up over the years; a nightly run does not read them.
    public func knownFindings(unresolvedOnly: Bool = false) throws -> [String: KnownFinding] {
        try queue.read { db in
            var result: [String: KnownFinding] = [:]
            var seen = try Self.seen(db)
            let district = seen.removeValue(forKey: Self.district)
            // The last run that covered the row's school, or the district: rows come school by school.
            var school: (id: String, covered: (run: Int64, asOf: String)?)?
            // Columns by position, rows by cursor: by name, GRDB looks each column up per row,
            // which took most of a nightly run's reading of the state.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT fingerprint, rule, account, schoolId, severity, firstSeenAsOf, lastSeenRun, lastSeenAsOf, resolvedAsOf FROM finding
                """ + (unresolvedOnly ? " WHERE resolvedRun IS NULL" : ""))
            while let row = try rows.next() {
                let schoolId: String = row[3]
                let resolvedAsOf: String? = row[8]
                var lastSeenAsOf: String = row[7]
                if resolvedAsOf == nil, district != nil || !seen.isEmpty {
                    if school?.id != schoolId {
                        var covered = district
                        if let own = seen[schoolId], own.run > covered?.run ?? 0 { covered = own }
                        school = (schoolId, covered)
                    }
                    if let covered = school?.covered, covered.run > row[6] as Int64 { lastSeenAsOf = covered.asOf }
                }
                let known = KnownFinding(fingerprint: row[0], rule: row[1], account: row[2], schoolId: schoolId, severity: row[4],
                                         firstSeenAsOf: row[5], lastSeenAsOf: lastSeenAsOf, resolvedAsOf: resolvedAsOf)
                result[known.fingerprint] = known
            }
            return result
        }
    }

    /// The `seen` table's scope for a run of the whole district.
    static let district = "*"

    /// The last run that covered each school, and `*` the last of the whole district.
    private static func seen(_ db: Database) throws -> [String: (run: Int64, asOf: String)] {
        var seen: [String: (run: Int64, asOf: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT scope, run, asOf FROM seen") {
            seen[row[0]] = (row[1], row[2])
        }
        return seen
    }

    public func runs() throws -> [RunRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, asOf, startedAt, finishedAt FROM run ORDER BY id").map {
                RunRecord(id: $0["id"], asOf: $0["asOf"], startedAt: $0["startedAt"], finishedAt: $0["finishedAt"])
            }
        }
    }

    public func cachedArchive(path: String) throws -> CachedArchive? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM archive WHERE path = ?", arguments: [path]).map {
                CachedArchive(path: $0["path"], size: $0["size"], modified: $0["modified"], contentHash: $0["contentHash"],
                              inputsKey: $0["inputsKey"], payload: $0["payload"])
            }
        }
    }

    /// The counts of the last `limit` runs, oldest first.
    public func trend(limit: Int = 10) throws -> [TrendPoint] {
        try queue.read { db in
            let sql = """
                SELECT runCount.*, run.asOf FROM runCount JOIN run ON run.id = runCount.runId
                WHERE runCount.runId IN (SELECT id FROM run ORDER BY id DESC LIMIT ?)
                ORDER BY runCount.runId, runCount.schoolId
                """
            return try Row.fetchAll(db, sql: sql, arguments: [limit]).map {
                TrendPoint(runId: $0["runId"], asOf: $0["asOf"], schoolId: $0["schoolId"], new: $0["new"],
                           open: $0["open"], suppressed: $0["suppressed"], resolved: $0["resolved"])
            }
        }
    }

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
            INSERT INTO run (asOf, startedAt, finishedAt, outcome, findings, schools) VALUES (?, ?, ?, 'completed', ?, ?)
            """).execute(arguments: [outcome.asOf, TwitterDate.iso8601(outcome.startedAt), TwitterDate.iso8601(outcome.finishedAt),
                             outcome.findings.count, outcome.schools.joined(separator: ",")])
        let runId = db.lastInsertedRowID
        // Resolved first, while `seen` still says when each school was last covered: a resolved
        // finding's row keeps its last sighting from then on.
        for resolved in outcome.resolved {
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
        let statuses = outcome.findings.map { outcome.statuses[$0.fingerprint] ?? "new" }
        for (index, finding) in outcome.findings.enumerated() {
            let status = statuses[index]
            if status == "new" {
                // New, or seen again after it had been resolved: its life starts again.
                try db.cachedStatement(sql: """
                    INSERT INTO finding (fingerprint, rule, account, schoolId, severity, firstSeenRun, firstSeenAsOf, lastSeenRun, lastSeenAsOf)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(fingerprint) DO UPDATE SET rule = excluded.rule, account = excluded.account,
                      schoolId = excluded.schoolId, severity = excluded.severity, firstSeenRun = excluded.firstSeenRun,
                      firstSeenAsOf = excluded.firstSeenAsOf, lastSeenRun = excluded.lastSeenRun,
                      lastSeenAsOf = excluded.lastSeenAsOf, resolvedRun = NULL, resolvedAsOf = NULL
                    """).execute(arguments: [finding.fingerprint, finding.rule, finding.account, finding.schoolId,
                                     finding.severity.rawValue, runId, outcome.asOf, runId, outcome.asOf])
            } else if let row = outcome.known[finding.fingerprint], row.resolvedAsOf == nil, row.severity == finding.severity.rawValue,
                      row.schoolId == finding.schoolId {
                continue  // its last sighting is set below, with every other unresolved finding of the run's schools
            } else {
                try db.cachedStatement(sql: """
                    INSERT INTO finding (fingerprint, rule, account, schoolId, severity, firstSeenRun, firstSeenAsOf, lastSeenRun, lastSeenAsOf)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(fingerprint) DO UPDATE SET severity = excluded.severity, schoolId = excluded.schoolId,
                      lastSeenRun = excluded.lastSeenRun, lastSeenAsOf = excluded.lastSeenAsOf, resolvedRun = NULL, resolvedAsOf = NULL
                    """).execute(arguments: [finding.fingerprint, finding.rule, finding.account, finding.schoolId,
                                     finding.severity.rawValue, runId, outcome.asOf, runId, outcome.asOf])
            }
        }
        // Every finding of the run's schools still unresolved is one this run found (the
        // others were resolved above): seen in this run, which `seen` says once per school
        // (or once for the district) rather than on every finding's row.
        for scope in outcome.schools.isEmpty ? [Self.district] : outcome.schools {
            try db.cachedStatement(sql: """
                INSERT INTO seen (scope, run, asOf) VALUES (?, ?, ?)
                ON CONFLICT(scope) DO UPDATE SET run = excluded.run, asOf = excluded.asOf
                """).execute(arguments: [scope, runId, outcome.asOf])
        }
        // Counts per school and for the district (`*`): new, open, suppressed, resolved.
        var counts: [String: [Int]] = ["*": [0, 0, 0, 0]]
        func add(_ school: String, _ column: Int?) {
            counts[school, default: [0, 0, 0, 0]][column ?? 0] += column == nil ? 0 : 1
            if let column { counts["*"]![column] += 1 }
        }
        for (index, finding) in outcome.findings.enumerated() {
            switch statuses[index] {
            case "new": add(finding.schoolId, 0)
            case "open": add(finding.schoolId, 1)
            case "suppressed": add(finding.schoolId, 2)
            default: add(finding.schoolId, nil)
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
                """).execute(arguments: [archive.path, archive.size, archive.modified, archive.contentHash, archive.inputsKey,
                                 archive.payload, runId])
        }
        return runId
    }
}

/// Each finding's status in this run, and what the run resolved.
public enum Lifecycle {
    /// `new` the first run a finding appears (or reappears after it was resolved), `open` after,
    /// `suppressed` when the review file lists its fingerprint and the entry has not expired.
    /// A known, unresolved finding of the run's schools that the run did not find is resolved.
    public static func statuses(current: [Finding], known: [String: KnownFinding], reviews: [Review], asOf: String,
                                schools: [String] = []) -> (statuses: [String: String], resolved: [ResolvedFinding]) {
        let active = Dictionary(reviews.filter { review in review.expires.map { $0 >= asOf } ?? true }.map { ($0.fingerprint, $0) },
                                uniquingKeysWith: { first, _ in first })
        var statuses: [String: String] = [:]
        statuses.reserveCapacity(current.count)
        for finding in current {
            if active[finding.fingerprint] != nil {
                statuses[finding.fingerprint] = "suppressed"
            } else if let previous = known[finding.fingerprint], previous.resolvedAsOf == nil {
                statuses[finding.fingerprint] = "open"
            } else {
                statuses[finding.fingerprint] = "new"
            }
        }
        // Present in this run: the findings that have a status.
        let resolved = known.values
            .filter { $0.resolvedAsOf == nil && statuses[$0.fingerprint] == nil && (schools.isEmpty || schools.contains($0.schoolId)) }
            .sorted { ($0.schoolId, $0.account, $0.rule, $0.fingerprint) < ($1.schoolId, $1.account, $1.rule, $1.fingerprint) }
            .map { ResolvedFinding(fingerprint: $0.fingerprint, rule: $0.rule, account: $0.account, schoolId: $0.schoolId) }
        return (statuses, resolved)
    }
}

/// One run at a time per state file: an advisory lock on `<state>.lock`, released by the
/// system when the holder exits or is killed, so a killed run never blocks the next.
public final class StateLock: @unchecked Sendable {
    private let descriptor: Int32
    public let url: URL

    public enum Failure: Error, LocalizedError {
        case held(path: String, holder: String)
        case cannotOpen(path: String, reason: String)

        public var errorDescription: String? {
            switch self {
            case let .held(path, holder): "another run holds the lock on \(path) (\(holder)); try again when it has finished"
            case let .cannotOpen(path, reason): "cannot open the lock file \(path): \(reason)"
            }
        }
    }

    public init(state: URL) throws {
        url = URL(fileURLWithPath: state.path + ".lock")
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw Failure.cannotOpen(path: url.path, reason: String(cString: strerror(errno)))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = pread(descriptor, &buffer, 64, 0)
            let text = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw Failure.held(path: state.path, holder: text.isEmpty ? "another process" : "process \(text)")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Gives the lock up now (else when the lock is released): the file is emptied and unlocked.
    public func release() {
        releasing.lock()
        let first = !released
        released = true
        releasing.unlock()
        guard first else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private let releasing = NSLock()
    private var released = false

    deinit {
        release()
    }
}
