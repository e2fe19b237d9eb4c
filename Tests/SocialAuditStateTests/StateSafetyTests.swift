import Foundation
import GRDB
import Testing
import SocialAuditArchive
import SocialAuditCore
import SocialAuditRules
import SocialAuditTestSupport
@testable import SocialAuditState

/// The state's own safety: who may read it, which version may use it, one run at a time per
/// file, and a run that can be undone until its reports are in place.
@Suite("State safety")
struct StateSafetyTests {
    static func mode(_ path: String) -> mode_t {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode & 0o777 : 0
    }

    /// What the state keeps of an archive read: its size and time, and its audit (one finding).
    func archive(_ path: String) -> CachedArchive {
        let audit = CachedAudit(subject: AccountSubject(tier: .personal, inventory: nil, hasArchive: true),
                                contentFindings: [finding(path)], tweets: 1, conversations: 0, messages: 0,
                                reading: ArchiveReading(source: ArchiveSource(url: URL(fileURLWithPath: path), kind: .zip)))
        return CachedArchive(path: path, size: 1, modified: 1, contentHash: "h", inputsKey: "k", audit: audit)
    }

    func outcome(_ findings: [Finding], asOf: String, store: StateStore, token: String? = nil,
                 archives: [CachedArchive] = [], present: [String]? = nil) throws -> RunOutcome {
        let known = try store.knownFindings(unresolvedOnly: true)
        let lifecycle = Lifecycle.statuses(current: findings, known: known, reviews: [], asOf: asOf)
        return RunOutcome(asOf: asOf, startedAt: Date(), finishedAt: Date(), findings: findings, statuses: lifecycle.statuses,
                          resolved: lifecycle.resolved, schools: [], archives: archives, known: known, token: token,
                          presentArchives: present)
    }

    @Test("the state file, its folders, its lock and its journal are owner and group only, even under umask 000")
    func privateFiles() throws {
        let folder = ArchiveFixture.temporaryFolder().appendingPathComponent("made/here")
        let url = folder.appendingPathComponent("socialaudit.sqlite")
        let previous = umask(0)
        defer { umask(previous) }
        let lock = try StateLock(state: url)
        let store = try StateStore(url: url)
        var journal: mode_t = 0
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO undoSeen (run, scope) VALUES (0, 'x')")
            journal = Self.mode(url.path + "-journal")
        }
        #expect(Self.mode(url.path) == 0o640)
        #expect(Self.mode(folder.path) == 0o750)
        #expect(Self.mode(folder.deletingLastPathComponent().path) == 0o750)
        #expect(Self.mode(url.path + ".lock") == 0o640)
        #expect(journal == 0o640, "SQLite's journal takes the file's mode")
        lock.release()
    }

    @Test("a state file an older version left readable by all is made owner and group only")
    func olderStateRestricted() throws {
        let url = ArchiveFixture.temporaryFolder().appendingPathComponent("old.sqlite")
        _ = try StateStore(url: url)
        chmod(url.path, 0o644)
        _ = try StateStore(url: url)
        #expect(Self.mode(url.path) == 0o640)
    }

    @Test("a state from a newer schema is refused by the migration's name, opened either way")
    func newerSchemaRefused() throws {
        let url = ArchiveFixture.temporaryFolder().appendingPathComponent("newer.sqlite")
        _ = try StateStore(url: url)
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-later')") }
        #expect(throws: StateError.newerSchema(path: url.path, migration: "v99-later")) { try StateStore(url: url) }
        #expect(throws: StateError.newerSchema(path: url.path, migration: "v99-later")) { try StateStore(existing: url) }
    }

    @Test("the lock is the file's: a hard link or a symbolic link to a held state cannot be locked")
    func lockIsTheFiles() throws {
        let folder = ArchiveFixture.temporaryFolder()
        let url = folder.appendingPathComponent("a.sqlite")
        _ = try StateStore(url: url)
        let hard = folder.appendingPathComponent("other/b.sqlite")
        try FileManager.default.createDirectory(at: hard.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.linkItem(at: url, to: hard)
        let soft = folder.appendingPathComponent("c.sqlite")
        try FileManager.default.createSymbolicLink(at: soft, withDestinationURL: url)
        let held = try StateLock(state: url)
        for other in [hard, soft] {
            #expect(throws: StateError.self) { try StateLock(state: other) }
            do { _ = try StateLock(state: other) } catch let error as StateError {
                guard case .held = error else { Issue.record("\(other.path): \(error)"); continue }
            }
        }
        held.release()
        _ = try StateLock(state: hard)
    }

    @Test("a read-only state file or folder is found before a run records anything")
    func readOnlyFound() throws {
        let folder = ArchiveFixture.temporaryFolder().appendingPathComponent("ro")
        let url = folder.appendingPathComponent("s.sqlite")
        _ = try StateStore(url: url)
        try StateStore.checkWritable(url)
        chmod(url.path, 0o440)
        #expect(throws: StateError.self) { try StateStore.checkWritable(url) }
        chmod(url.path, 0o640)
        chmod(folder.path, 0o550)
        defer { chmod(folder.path, 0o750) }
        #expect(throws: StateError.self) { try StateStore.checkWritable(url) }
    }

    @Test("a pending run rolled back leaves the state as it was before it: findings, coverage, runs and archives")
    func pendingRolledBack() throws {
        let store = try StateStore(url: ArchiveFixture.temporaryFolder().appendingPathComponent("p.sqlite"))
        try store.record(outcome([finding("a"), finding("b")], asOf: "2026-10-01", store: store,
                                 archives: [archive("/x.zip")]))
        let before = try store.knownFindings()
        let runsBefore = try store.runs()
        let pending = try store.record(outcome([finding("b"), finding("c")], asOf: "2026-10-02", store: store, token: "T",
                                               archives: [archive("/y.zip")]))
        #expect(try store.pendingRun() == PendingRun(id: pending, asOf: "2026-10-02", token: "T"))
        #expect(try store.knownFindings()["a"]?.resolvedAsOf == "2026-10-02")
        try store.rollBack(pending)
        #expect(try store.pendingRun() == nil)
        #expect(try store.knownFindings() == before)
        #expect(try store.runs() == runsBefore)
        #expect(try store.cachedArchive(path: "/x.zip") != nil && store.cachedAudit(path: "/x.zip") != nil)
        #expect(try store.cachedArchive(path: "/y.zip") == nil && store.cachedAudit(path: "/y.zip") == nil)
        #expect(try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM archiveFinding") } == 1, "x's finding alone")
        // And the next run sees the same statuses as if the pending one had never been.
        let again = Lifecycle.statuses(current: [finding("b"), finding("c")], known: try store.knownFindings(unresolvedOnly: true),
                                       reviews: [], asOf: "2026-10-02")
        #expect(again.statuses == ["b": .open, "c": .new])
        #expect(again.resolved.map(\.fingerprint) == ["a"])
    }

    @Test("a pending run marked done keeps its changes and nothing of what it replaced")
    func pendingCompleted() throws {
        let store = try StateStore(url: ArchiveFixture.temporaryFolder().appendingPathComponent("c.sqlite"))
        try store.record(outcome([finding("a")], asOf: "2026-10-01", store: store))
        let pending = try store.record(outcome([finding("b")], asOf: "2026-10-02", store: store, token: "T"))
        try store.complete(pending)
        #expect(try store.pendingRun() == nil)
        #expect(try store.knownFindings()["a"]?.resolvedAsOf == "2026-10-02")
        #expect(try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM undoFinding") } == 0)
    }

    @Test("what the state kept of an archive no longer in the folder is dropped, its audit with it; one restored keeps its audit")
    func absentArchivesDropped() throws {
        let store = try StateStore(url: ArchiveFixture.temporaryFolder().appendingPathComponent("d.sqlite"))
        let archives = ["/a.zip", "/b.zip"].map(archive)
        try store.record(outcome([], asOf: "2026-10-01", store: store, archives: archives, present: ["/a.zip", "/b.zip"]))
        // The next run restores a from the state: its size and time again, its audit kept.
        var restored = archives[0]
        restored.audit = nil
        try store.record(outcome([], asOf: "2026-10-02", store: store, archives: [restored], present: ["/a.zip"]))
        #expect(try store.cachedArchive(path: "/a.zip") != nil)
        #expect(store.cachedAudit(path: "/a.zip")?.contentFindings == [finding("/a.zip")])
        #expect(try store.cachedArchive(path: "/b.zip") == nil && store.cachedAudit(path: "/b.zip") == nil)
        #expect(try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM archiveAudit") } == 1)
    }
}
