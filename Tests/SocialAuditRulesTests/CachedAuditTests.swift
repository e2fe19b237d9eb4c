import Foundation
import GRDB
import Testing
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules
@testable import SocialAuditRun
import SocialAuditState
import SocialAuditTestSupport

@Suite("An archive's audit as the state remembers it")
struct CachedAuditTests {
    static let odd = FindingRowsTests.odd

    /// An account and a reading with every optional set, odd text in every string, several of each list.
    static func everything(_ index: Int) -> CachedAudit {
        let date = Date(timeIntervalSince1970: 1.0e9 + Double(index) + 0.125)
        let inventory = InventoryAccount(handle: "@Handle\(index) ", accountId: "\(9_000_000_000_000_000_000 as UInt64)", tier: .professional,
                                         school: "school-\(index)", createdBy: .individual, organization: "org \(odd)",
                                         managers: ["a@x.org", "b@x.org \(odd)"], assignedBy: "admin@x.org", registeredEmail: "r@x.org",
                                         emailRoutesTo: ["r@x.org", "\(odd)"], owner: "owner@x.org")
        let account = ArchiveAccount(accountId: "12\(index)", username: "user\(index)", displayName: "Name \(odd)", email: "e@x.org",
                                     createdAt: .distantPast, createdVia: "web \(odd)")
        let profile = Profile(bio: "bio \(odd)", website: "https://x.org/\(index)", location: "loc \(odd)")
        let manifest = ArchiveManifest(accountId: "12\(index)", userName: "user\(index)", displayName: "d \(odd)", generationDate: date,
                                       isPartialArchive: index % 2 == 0, sizeBytes: "123456789012",
                                       dataFiles: ["tweets": ["data/tweets.js", "data/tweets-part1.js"], "account": ["data/account.js"], "é": []])
        let applications = (0..<3).map { ConnectedApplication(id: "app\($0)", name: "App \($0) \(odd)", organizationName: "Org", organizationURL: "https://o.org",
                                                              description: "does \(odd)", permissions: ["read", "write \($0)"], approvedAt: date) }
        let logins = (0..<4).map { LoginRecord(accountId: "12\(index)", createdAt: date.addingTimeInterval(Double($0)), ip: "10.0.0.\($0)") }
        let problems = (0..<2).map { ArchiveProblem(archive: "a\(index).zip", file: "data/tweets.js", offset: -$0 - 1, line: Int.max - $0, message: "bad \(odd)") }
        let subject = AccountSubject(tier: .personal, inventory: inventory, hasArchive: true, archiveName: "a \(index).zip",
                                     archiveAccount: account, profile: profile, manifest: manifest, applications: applications,
                                     logins: logins, problems: problems, matchedByAccountId: true)
        var reading = ArchiveReading(source: ArchiveSource(url: URL(fileURLWithPath: "/srv/archives/a \(index) é.zip"), kind: .zip))
        reading.layout = .tweetJS
        reading.manifest = manifest
        reading.account = account
        reading.profile = profile
        (reading.tweets, reading.deletedTweets, reading.conversations, reading.groupConversations) = (150_000 + index, 3, 40, 2)
        (reading.messages, reading.applications, reading.logins) = (900, 3, 4)
        reading.filesRead = ["data/manifest.js", "data/tweets.js \(odd)"]
        reading.problems = problems
        return CachedAudit(subject: subject, contentFindings: (0..<5).map(FindingRowsTests.everything), tweets: 150_000 + index,
                           conversations: 40, messages: -index, reading: reading)
    }

    /// The same account and reading with every optional nil and every list empty.
    static let bare = CachedAudit(subject: AccountSubject(tier: .unregistered, inventory: nil, hasArchive: false), contentFindings: [],
                                  tweets: 0, conversations: 0, messages: 0,
                                  reading: ArchiveReading(source: ArchiveSource(url: URL(fileURLWithPath: "/a"), kind: .folder)))

    /// What `Codable` makes of the two values: equal JSON means equal in every field.
    static func json(_ audit: CachedAudit) throws -> [Data] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970.bitPattern)
        }
        return [try encoder.encode(audit.subject), try encoder.encode(audit.reading),
                try encoder.encode([audit.tweets, audit.conversations, audit.messages])]
    }

    @Test("accounts and readings read back from a real state file as they were written: every field set, every one empty, and the samples' archives")
    func roundTrip() throws {
        var audits = (0..<6).map(Self.everything) + [Self.bare]
        // The samples' archives, as a run reads and remembers them.
        for source in try ArchiveDiscovery.list(Invocation.repository.appendingPathComponent("samples/archives")).sources {
            var pass = RulePass(subject: AccountSubject(tier: .personal, inventory: nil, hasArchive: true, archiveName: source.name),
                                district: DistrictContext(inventory: Inventory(district: District(name: "D")), students: [],
                                                          policy: Policy(), lexicon: .shipped, asOf: Date()))
            let reading = ArchiveReader(source: source).read { pass.add($0) }
            audits.append(CachedAudit(subject: pass.subject, contentFindings: pass.contentFindings, tweets: pass.tweetsScanned,
                                      conversations: pass.conversationsScanned, messages: pass.messagesScanned, reading: reading))
        }
        #expect(audits.count > 10)
        let store = try StateStore(url: ArchiveFixture.temporaryFolder().appendingPathComponent("socialaudit.sqlite"))
        let archives = audits.enumerated().map { index, audit in
            CachedArchive(path: "/srv/archives/\(index).zip", size: 1, modified: 2, contentHash: nil, inputsKey: "k", audit: audit)
        }
        try store.record(RunOutcome(asOf: "2026-11-01", startedAt: Date(), finishedAt: Date(), findings: [], statuses: [:],
                                    resolved: [], schools: [], archives: archives, known: [:]))
        let reopened = try StateStore(url: store.url)
        for (archive, audit) in zip(archives, audits) {
            let back = try #require(reopened.cachedAudit(path: archive.path))
            #expect(try Self.json(back) == Self.json(audit), "\(audit.reading.source.name)")
            #expect(back.contentFindings == audit.contentFindings)
        }
    }

    @Test("an archive whose remembered audit cannot be read (a damaged row) is read again, and gives what it gave")
    func damagedRowReadAgain() async throws {
        let configuration = try ConfigurationReader.load(Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        let store = try StateStore(url: ArchiveFixture.temporaryFolder().appendingPathComponent("socialaudit.sqlite"))
        let audit = DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!, state: store)
        func run() async throws -> AuditResult {
            let result = try await audit.run()
            try store.record(RunOutcome(asOf: "2026-11-01", startedAt: Date(), finishedAt: Date(), findings: result.findings,
                                        statuses: [:], resolved: [], schools: [], archives: result.archivesRead, known: [:]))
            return result
        }
        let first = try await run()
        #expect(first.archivesReused == 0 && first.archivesRead.count > 2)
        let second = try await run()
        #expect(second.archivesReused == first.archivesRead.count)
        // One archive's account that is not JSON, another's that is not an account, a third's
        // finding of a severity there is not.
        let queue = try DatabaseQueue(path: store.url.path)
        try await queue.write { db in
            let keys = try String.fetchAll(db, sql: "SELECT DISTINCT archive FROM archiveFinding ORDER BY archive")
            #expect(keys.count >= 3)
            try db.execute(sql: "UPDATE archiveAudit SET subject = '{' WHERE archive = ?", arguments: [keys[0]])
            try db.execute(sql: "UPDATE archiveAudit SET subject = '{\"tier\": \"none\"}' WHERE archive = ?", arguments: [keys[1]])
            try db.execute(sql: "UPDATE archiveFinding SET severity = 'mediux' WHERE archive = ?", arguments: [keys[2]])
        }
        try queue.close()
        #expect(first.archivesRead.filter { store.cachedAudit(path: $0.path) == nil }.count == 3)
        let third = try await run()
        #expect(third.archivesReused == first.archivesRead.count - 3)
        #expect(third.findings == first.findings)
        let fourth = try await run()
        #expect(fourth.archivesReused == first.archivesRead.count, "remembered again once read")
    }

    /// The state compares an archive's size and time with what it remembers: read by `stat`,
    /// they must be what FileManager gave (the state files of earlier versions hold those).
    @Test("an archive's size and time by stat are FileManager's, to the last bit of the time")
    func sizeAndTime() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sa-\(UUID().uuidString)")
        try Data(repeating: 7, count: 12_345).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            let seconds = round == 0 ? 0 : Int.random(in: 0...4_000_000_000, using: &generator)
            let nanoseconds = round == 1 ? 999_999_999 : Int.random(in: 0..<1_000_000_000, using: &generator)
            var times = [timespec(tv_sec: seconds, tv_nsec: nanoseconds), timespec(tv_sec: seconds, tv_nsec: nanoseconds)]
            #expect(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            let expected = try #require(attributes[.modificationDate] as? Date).timeIntervalSince1970
            let read = try #require(ArchiveContent.sizeAndTime(file.path))
            #expect(read.modified.bitPattern == expected.bitPattern, "\(seconds).\(nanoseconds)")
            #expect(read.size == (attributes[.size] as? NSNumber)?.int64Value)
        }
        #expect(ArchiveContent.sizeAndTime(file.path + "-none") == nil)
    }

    @Test("a folder's signature from the digests the reader made as it read is the one made by reading the files again; a change to one file changes it")
    func signatureFromReadDigests() throws {
        let folder = try ArchiveFixture([
            "data/account.js": TwitterJS.account(),
            "data/tweets.js": TwitterJS.file("tweets", [TwitterJS.tweet(id: "1", text: "Café ☕ Привет")]),
            "data/tweets-part1.js": TwitterJS.file("tweets", part: 1, [TwitterJS.tweet(id: "2", text: "日本語 שלום")]),
            "data/like.js": "window.YTD.like.part0 = []",
        ]).writeFolder()
        var reader = ArchiveReader(url: folder)
        reader.partWorkers = 2
        #expect(reader.read { _ in }.digests.isEmpty, "nothing hashed unless asked")
        reader.hashesDataFiles = true
        let reading = reader.read { _ in }
        #expect(Set(reading.digests.keys) == ["data/account.js", "data/tweets.js", "data/tweets-part1.js"])
        let source = ArchiveSource(url: folder)
        let listing = try #require(ArchiveContent.listing(source))
        let fromReading = try #require(ArchiveContent.signature(source, listing, known: reading.digests))
        let fromFiles = try #require(ArchiveContent.signature(source, listing))
        #expect(fromReading.hash == fromFiles.hash)
        // A digest that is not the file's is used as it is: the reader's digests are what is hashed.
        var wrong = reading.digests
        wrong["data/tweets.js"] = [UInt8](repeating: 0, count: 32)
        let fromWrong = try #require(ArchiveContent.signature(source, listing, known: wrong))
        #expect(fromWrong.hash != fromFiles.hash)
        try Data("window.YTD.like.part0 = [ ]".utf8).write(to: folder.appendingPathComponent("data/like.js"))
        let changedListing = try #require(ArchiveContent.listing(source))
        let changed = try #require(ArchiveContent.signature(source, changedListing))
        #expect(changed.hash != fromFiles.hash)
    }
}
