import Foundation
import GRDB
import Testing
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditState

func finding(_ fingerprint: String, school: String = "pisgah-high", rule: String = "student.reply") -> Finding {
    Finding(rule: rule, severity: .high, tier: .personal, schoolId: school, schoolName: school, account: "kjackson",
            accountId: "1003", evidence: Evidence(kind: .tweet, id: fingerprint), students: [], summary: "s",
            fingerprint: fingerprint)
}

@Suite("State")
struct StateTests {
    func store() throws -> StateStore {
        try StateStore(url: ArchiveFixture.temporaryFolder().appendingPathComponent("state/nested/socialaudit.sqlite"))
    }

    /// One run: statuses from the state and the reviews, recorded in the state.
    func run(_ store: StateStore, _ findings: [Finding], asOf: String, reviews: [Review] = [], schools: [String] = [])
    throws -> Lifecycle.Result {
        let result = Lifecycle.statuses(current: findings, known: try store.knownFindings(), reviews: reviews, asOf: asOf, schools: schools)
        // A run reads only the unresolved findings: the same statuses and resolutions.
        let fromUnresolved = Lifecycle.statuses(current: findings, known: try store.knownFindings(unresolvedOnly: true), reviews: reviews,
                                                asOf: asOf, schools: schools)
        #expect(fromUnresolved.statuses == result.statuses && fromUnresolved.resolved == result.resolved)
        #expect(try store.knownFindings(unresolvedOnly: true).values.allSatisfy { $0.resolvedAsOf == nil })
        try store.record(RunOutcome(asOf: asOf, startedAt: Date(), finishedAt: Date(), findings: findings, statuses: result.statuses,
                                    resolved: result.resolved, schools: schools, archives: [],
                                    known: try store.knownFindings(unresolvedOnly: true)))
        return result
    }

    @Test("an existing state is current exactly when GRDB's migrator has completed its migrations: none, some, all, all and an unknown one")
    func currentSchema() throws {
        let folder = try ArchiveFixture.temporaryFolder()
        func check(_ name: String, _ prepare: (DatabaseQueue) throws -> Void, current: Bool) throws {
            let queue = try DatabaseQueue(path: folder.appendingPathComponent(name).path)
            try prepare(queue)
            let ours = try queue.read { try StateStore.hasEveryMigration($0) }
            let grdb = try queue.read { try StateStore.migrator.hasCompletedMigrations($0) }
            #expect(ours == current, "\(name)")
            #expect(grdb == current, "\(name): GRDB's own answer")
        }
        let migrator = StateStore.migrator
        #expect(migrator.migrations.count >= 2)
        try check("none.sqlite", { _ in }, current: false)
        try check("some.sqlite", { try migrator.migrate($0, upTo: migrator.migrations[0]) }, current: false)
        try check("all.sqlite", { try migrator.migrate($0) }, current: true)
        try check("unknown.sqlite", { queue in
            try migrator.migrate(queue)
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-a-later-version')") }
        }, current: true)
        // And through the store: an existing state of this version opens; one short of a migration is not current.
        _ = try StateStore(existing: folder.appendingPathComponent("all.sqlite"))
        #expect(throws: StateStore.NotCurrent.self) { try StateStore(existing: folder.appendingPathComponent("some.sqlite")) }
    }

    @Test("a finding is new, then open, then resolved when it is gone, and new again if it comes back")
    func lifecycle() throws {
        let state = try store()
        #expect(FileManager.default.fileExists(atPath: state.url.path), "the file and its folders are created on first use")
        let first = try run(state, [finding("a"), finding("b")], asOf: "2026-10-01")
        #expect(first.statuses == ["a": .new, "b": .new])
        let second = try run(state, [finding("a"), finding("b"), finding("c")], asOf: "2026-10-02")
        #expect(second.statuses == ["a": .open, "b": .open, "c": .new])
        #expect(second.resolved.isEmpty)
        let third = try run(state, [finding("a")], asOf: "2026-10-03")
        #expect(third.statuses == ["a": .open])
        #expect(third.resolved.map(\.fingerprint) == ["b", "c"])
        let known = try state.knownFindings()
        #expect(known["b"]?.resolvedAsOf == "2026-10-03")
        #expect(known["b"]?.lastSeenAsOf == "2026-10-02" && known["c"]?.lastSeenAsOf == "2026-10-02",
                "a resolved finding was last seen in the run before")
        #expect(known["a"]?.firstSeenAsOf == "2026-10-01" && known["a"]?.lastSeenAsOf == "2026-10-03")
        // Seen again unchanged, a finding's row is not rewritten: the runs that covered its school say when it was seen.
        let stored = try state.queue.read { db in try String.fetchOne(db, sql: "SELECT lastSeenAsOf FROM finding WHERE fingerprint = 'a'") }
        #expect(stored == "2026-10-01")
        let fourth = try run(state, [finding("a"), finding("b")], asOf: "2026-10-04")
        #expect(fourth.statuses == ["a": .open, "b": .new])
        #expect(fourth.resolved.isEmpty, "a resolved finding is not resolved twice")
        #expect(try state.knownFindings()["b"]?.firstSeenAsOf == "2026-10-04")
    }

    @Test("a reviewed fingerprint is suppressed until its entry expires")
    func suppression() throws {
        let state = try store()
        let review = Review(fingerprint: "a", reviewer: "mreed", date: "2026-10-01", note: "parent, not a student", expires: "2026-10-10")
        #expect(try run(state, [finding("a")], asOf: "2026-10-01", reviews: [review]).statuses == ["a": .suppressed])
        #expect(try run(state, [finding("a")], asOf: "2026-10-10", reviews: [review]).statuses == ["a": .suppressed], "the last day still counts")
        #expect(try run(state, [finding("a")], asOf: "2026-10-11", reviews: [review]).statuses == ["a": .open])
        let forever = Review(fingerprint: "a")
        #expect(try run(state, [finding("a")], asOf: "2027-01-01", reviews: [forever]).statuses == ["a": .suppressed])
    }

    @Test("the trend counts new, open, suppressed and resolved per run, per school and for the district")
    func trend() throws {
        let state = try store()
        _ = try run(state, [finding("a"), finding("b", school: "tuscola-high")], asOf: "2026-10-01")
        _ = try run(state, [finding("a"), finding("c")], asOf: "2026-10-08", reviews: [Review(fingerprint: "c")])
        _ = try run(state, [finding("a")], asOf: "2026-10-15")
        let points = try state.trend()
        let district = points.filter { $0.schoolId == "*" }
        #expect(district.map(\.asOf) == ["2026-10-01", "2026-10-08", "2026-10-15"])
        #expect(district.map(\.new) == [2, 0, 0])
        #expect(district.map(\.open) == [0, 1, 1])
        #expect(district.map(\.suppressed) == [0, 1, 0])
        #expect(district.map(\.resolved) == [0, 1, 1])
        let tuscola = points.filter { $0.schoolId == "tuscola-high" }
        #expect(tuscola.map(\.asOf) == ["2026-10-01", "2026-10-08"])
        #expect(tuscola.last?.resolved == 1)
        #expect(try state.runs().count == 3)
    }

    @Test("a run limited to some schools resolves nothing of the others")
    func schoolScope() throws {
        let state = try store()
        _ = try run(state, [finding("a"), finding("b", school: "tuscola-high")], asOf: "2026-10-01")
        let limited = try run(state, [], asOf: "2026-10-02", schools: ["pisgah-high"])
        #expect(limited.resolved.map(\.fingerprint) == ["a"])
    }

    @Test("a run marks what it saw again as seen, in its own schools only, and records a changed severity or school")
    func seenAgain() throws {
        let state = try store()
        _ = try run(state, [finding("a"), finding("b", school: "tuscola-high"), finding("c")], asOf: "2026-10-01")
        var changed = finding("c", school: "bethel-middle")
        changed.severity = .low
        let second = try run(state, [finding("a"), changed], asOf: "2026-10-02", schools: ["pisgah-high", "bethel-middle"])
        #expect(second.statuses == ["a": .open, "c": .open] && second.resolved.isEmpty)
        let known = try state.knownFindings()
        #expect(known["a"]?.lastSeenAsOf == "2026-10-02", "a finding found again was seen in this run")
        #expect(known["b"]?.lastSeenAsOf == "2026-10-01" && known["b"]?.resolvedAsOf == nil, "another school's finding is left alone")
        #expect(known["c"]?.lastSeenAsOf == "2026-10-02" && known["c"]?.schoolId == "bethel-middle")
        let severity = try state.queue.read { db in try String.fetchOne(db, sql: "SELECT severity FROM finding WHERE fingerprint = 'c'") }
        #expect(severity == "low")
        let third = try run(state, [finding("a")], asOf: "2026-10-03")
        #expect(third.resolved.map(\.fingerprint).sorted() == ["b", "c"])
        let after = try state.knownFindings()
        #expect(after["a"]?.lastSeenAsOf == "2026-10-03" && after["b"]?.lastSeenAsOf == "2026-10-01" && after["b"]?.resolvedAsOf == "2026-10-03")
        #expect(after["c"]?.lastSeenAsOf == "2026-10-02", "resolved by a run of the whole district, seen last by one of its school")
        // Runs of other schools move nothing; one of the finding's school or of the district does.
        _ = try run(state, [finding("d", school: "tuscola-high")], asOf: "2026-10-04", schools: ["tuscola-high"])
        #expect(try state.knownFindings()["a"]?.lastSeenAsOf == "2026-10-03")
        _ = try run(state, [finding("a")], asOf: "2026-10-05", schools: ["pisgah-high"])
        #expect(try state.knownFindings()["a"]?.lastSeenAsOf == "2026-10-05")
        _ = try run(state, [finding("a"), finding("d", school: "tuscola-high")], asOf: "2026-10-06")
        let last = try state.knownFindings()
        #expect(last["a"]?.lastSeenAsOf == "2026-10-06" && last["d"]?.lastSeenAsOf == "2026-10-06" && last["b"]?.lastSeenAsOf == "2026-10-01")
        _ = try run(state, [finding("d", school: "tuscola-high")], asOf: "2026-10-07")
        #expect(try state.knownFindings()["a"]?.lastSeenAsOf == "2026-10-06", "resolved: seen last in the run before")
    }

    @Test("the schema is migrated in versions, and an existing file opens again")
    func reopen() throws {
        let folder = ArchiveFixture.temporaryFolder()
        let url = folder.appendingPathComponent("socialaudit.sqlite")
        _ = try run(StateStore(url: url), [finding("a")], asOf: "2026-10-01")
        let again = try StateStore(url: url)
        #expect(try again.knownFindings().keys.sorted() == ["a"])
        let applied = try again.queue.read { db in try StateStore.migrator.appliedMigrations(db) }
        #expect(applied == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
    }

    @Test("a finding of an account whose data was not read is carried open, its record kept; one of an account gone resolves with the reason")
    func coverage() throws {
        let state = try store()
        var other = finding("b")
        other.account = "msrivera"
        let first = [finding("a"), other]
        _ = try run(state, first, asOf: "2026-10-01")
        let known = try state.knownFindings(unresolvedOnly: true)
        #expect(known.values.allSatisfy { $0.hasRecord })
        let result = Lifecycle.statuses(current: [], known: known, reviews: [], asOf: "2026-10-02",
                                        coverage: Lifecycle.Coverage(audited: ["kjackson"], notRead: ["kjackson"]))
        #expect(result.carried.map(\.fingerprint) == ["a"] && result.statuses["a"] == .open)
        #expect(result.resolved.map(\.fingerprint) == ["b"] && result.resolved.first?.reason == "account no longer in the inventory")
        #expect(try state.findingRecords(["a", "b"]) == ["a": first[0], "b": other])
        // Without coverage (a caller that reads every account), both resolve, with no reason.
        let plain = Lifecycle.statuses(current: [], known: known, reviews: [], asOf: "2026-10-02")
        #expect(plain.carried.isEmpty && plain.resolved.count == 2 && plain.resolved.allSatisfy { $0.reason == nil })
    }

    @Test("a state from before v6 keeps its findings' lifecycle, gains their records as they are seen again, reads its archives again, and keeps its archive count for the shrink check")
    func fromV5() throws {
        let url = ArchiveFixture.temporaryFolder().appendingPathComponent("socialaudit.sqlite")
        // As v5 left it: a run of one archive, a finding with its record in v5's bytes, the archive's audit likewise.
        let queue = try DatabaseQueue(path: url.path)
        try StateStore.migrator.migrate(queue, upTo: "v5")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO run (id, asOf, startedAt, finishedAt, outcome, findings, schools) VALUES (1, '2026-10-01', '', '', 'completed', 1, '');
                INSERT INTO finding (fingerprint, rule, account, schoolId, severity, firstSeenRun, firstSeenAsOf, lastSeenRun, lastSeenAsOf, record)
                  VALUES ('a', 'student.reply', 'kjackson', 'pisgah-high', 'high', 1, '2026-10-01', 1, '2026-10-01', x'53414631');
                INSERT INTO archive (path, size, modified, contentHash, inputsKey, payload, lastRun) VALUES ('sha256:x', 1, 2, '', 'k', x'53414333', 1);
                """)
        }
        try queue.close()
        let state = try StateStore(url: url)
        let known = try #require(try state.knownFindings()["a"])
        #expect(known.firstSeenAsOf == "2026-10-01" && known.hasRecord == false)
        #expect(try state.findingRecords(["a"]).isEmpty, "v5's bytes are not read")
        #expect(try state.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM archive") } == 0, "its archives are read again")
        #expect(try StateStore.previousArchiveCount(at: url) == 1)
        _ = try run(state, [finding("a")], asOf: "2026-10-02")
        #expect(try state.knownFindings()["a"]?.hasRecord == true)
        #expect(try state.knownFindings()["a"]?.firstSeenAsOf == "2026-10-01")
        #expect(try state.findingRecords(["a"])["a"] == finding("a"))
    }
}
