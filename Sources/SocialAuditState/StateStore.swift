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
    /// Whether the state holds the whole finding (its record), to show it while its account's
    /// data cannot be read; a state from before v6 holds only these fields until the next sighting.
    public var hasRecord = true
}

/// One run as the state records it.
public struct RunRecord: Sendable, Hashable {
    public var id: Int64
    public var asOf: String
    public var startedAt: String
    public var finishedAt: String
}

/// What one run hands to the state to record, in one transaction.
public struct RunOutcome: Sendable {
    public var asOf: String
    public var startedAt: Date
    public var finishedAt: Date
    public var findings: [Finding]
    public var statuses: [String: FindingStatus]
    public var resolved: [ResolvedFinding]
    /// The schools the run covered (empty: all); findings of other schools are left as they were.
    public var schools: [String]
    public var archives: [CachedArchive]
    /// The unresolved findings the state held when the run began (``StateStore/knownFindings(unresolvedOnly:)``,
    /// read under the run's lock): a finding among them, seen again unchanged, needs no statement.
    public var known: [String: KnownFinding]
    /// Set: the run is recorded pending, with its token, to be marked done once its reports are
    /// in place (``StateStore/complete(_:)``) or undone (``StateStore/rollBack(_:)``). Nil: done at once.
    public var token: String?
    /// The archives in the folder now (nil: not known); what the state keeps of any other is dropped.
    public var presentArchives: [String]?
    /// The capture files the run audited, and those in the captures folder now (nil: not known).
    public var captures: [CachedCapture] = []
    public var presentCaptures: [String]?
    /// The accounts whose data the run read, and those it could not read with the date their
    /// data was last read (``StateStore/notReadSince()``).
    public var accountsRead: [String] = []
    public var accountsNotRead: [String: String] = [:]
    /// The findings carried from accounts whose data was not read (``Lifecycle/Result/carried``):
    /// among ``findings`` for the reports, left as the state holds them.
    public var carried: Set<String> = []

    public init(asOf: String, startedAt: Date, finishedAt: Date, findings: [Finding], statuses: [String: FindingStatus],
                resolved: [ResolvedFinding], schools: [String], archives: [CachedArchive], known: [String: KnownFinding],
                token: String? = nil, presentArchives: [String]? = nil) {
        self.token = token
        self.presentArchives = presentArchives
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
        try StateFiles.makeFolders(url.deletingLastPathComponent())
        // Made 0640 before SQLite opens it: SQLite gives its journal and WAL files the database's mode.
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, StateFiles.fileMode)
        if descriptor >= 0 {
            StateFiles.restrict(descriptor)
            close(descriptor)
        }
        queue = try DatabaseQueue(path: url.path, configuration: Self.configuration)
        try queue.read { try Self.refuseNewer($0, path: url.path) }
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
        try queue.read { try Self.refuseNewer($0, path: url.path) }
        guard try queue.read({ try Self.hasEveryMigration($0) }) else { throw NotCurrent() }
    }

    /// A state a newer version migrated is not used: this version would misread or undo it.
    static func refuseNewer(_ db: Database, path: String) throws {
        guard try db.tableExists("grdb_migrations") else { return }
        let known = Set(migrator.migrations)
        for identifier in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        where !known.contains(identifier) {
            throw StateError.newerSchema(path: path, migration: identifier)
        }
    }

    /// Whether a run could record itself in this state (see ``StateFiles/checkWritable(_:)``).
    public static func checkWritable(_ url: URL) throws {
        try StateFiles.checkWritable(url)
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
        // A run's transaction stays open between two accesses while its reports are written
        // (``recordUncommitted(_:)``); GRDB would otherwise stop the process there.
        configuration.allowsUnsafeTransactions = true
        return configuration
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try registerRunsAndFindings(db)
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
        migrator.registerMigration("v4") { db in
            try registerPending(db)
        }
        migrator.registerMigration("v5") { db in
            try registerCoverage(db)
        }
        migrator.registerMigration("v6") { db in
            try registerFindingColumns(db)
            try registerArchiveAudits(db)
        }
        migrator.registerMigration("v7") { db in
            try registerCaptures(db)
        }
        return migrator
    }

    /// v1: the runs, the findings' lifecycle, the per-school counts and the archives read.
    private static func registerRunsAndFindings(_ db: Database) throws {
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
                SELECT fingerprint, rule, account, schoolId, severity, firstSeenAsOf, lastSeenRun, lastSeenAsOf, resolvedAsOf,
                  \(Self.hasRecord) FROM finding
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
                                         firstSeenAsOf: row[5], lastSeenAsOf: lastSeenAsOf, resolvedAsOf: resolvedAsOf,
                                         hasRecord: row[9])
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

}
