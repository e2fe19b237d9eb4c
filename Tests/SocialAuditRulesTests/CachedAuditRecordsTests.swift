import Foundation
import Testing
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules
@testable import SocialAuditRun
import SocialAuditTestSupport

@Suite("The state's cached accounts and readings")
struct CachedAuditRecordsTests {
    static let odd = "é😀\u{0}\"\\<>&'\r\n\u{2028} "

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
        return CachedAudit(subject: subject, contentFindings: (0..<5).map(FindingRecordsTests.everything), tweets: 150_000 + index,
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

    @Test("accounts and readings read back exactly as written: every field set, every one empty, and the samples' archives")
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
        for audit in audits {
            let payload = try audit.payload()
            let back = try #require(CachedAudit(payload: payload))
            #expect(try Self.json(back) == Self.json(audit), "\(audit.reading.source.name)")
            #expect(back.contentFindings == audit.contentFindings)
            #expect(try back.payload() == payload, "the same bytes again")
        }
    }

    /// One added to a type the cache keeps must be added to the records too, or a nightly run
    /// would lose it for every unchanged archive.
    @Test("the records cover every stored property of the account, the reading and what they hold")
    func everyField() throws {
        let audit = Self.everything(1)
        let labels = { (value: Any) in Mirror(reflecting: value).children.compactMap(\.label) }
        #expect(labels(audit.subject) == ["tier", "inventory", "hasArchive", "archiveName", "archiveAccount", "profile", "manifest",
                                          "applications", "logins", "problems", "matchedByAccountId"])
        #expect(labels(audit.subject.inventory!) == ["handle", "accountId", "tier", "school", "createdBy", "organization", "managers",
                                                     "assignedBy", "registeredEmail", "emailRoutesTo", "owner"])
        #expect(labels(audit.subject.archiveAccount!) == ["accountId", "username", "displayName", "email", "createdAt", "createdVia"])
        #expect(labels(audit.subject.profile!) == ["bio", "website", "location"])
        #expect(labels(audit.subject.manifest!) == ["accountId", "userName", "displayName", "generationDate", "isPartialArchive",
                                                    "sizeBytes", "dataFiles"])
        #expect(labels(audit.subject.applications[0]) == ["id", "name", "organizationName", "organizationURL", "description",
                                                          "permissions", "approvedAt"])
        #expect(labels(audit.subject.logins[0]) == ["accountId", "createdAt", "ip"])
        #expect(labels(audit.subject.problems[0]) == ["archive", "file", "offset", "line", "message"])
        // `digests` last: the reading's own, for the signature, never kept.
        #expect(labels(audit.reading) == ["source", "layout", "manifest", "account", "profile", "tweets", "deletedTweets", "conversations",
                                          "groupConversations", "messages", "applications", "logins", "filesRead", "problems", "digests"])
        #expect(labels(audit.reading.source) == ["url", "kind"])
        #expect(labels(audit) == ["subject", "contentFindings", "tweets", "conversations", "messages", "reading"])
    }

    @Test("a damaged or older payload is not used (the archive is read again): every truncation, trailing bytes, the JSON envelope of SAC2")
    func damaged() throws {
        let payload = [UInt8](try Self.everything(2).payload())
        for length in 0..<payload.count {
            #expect(CachedAudit(payload: Data(payload[0..<length])) == nil, "cut at \(length)")
        }
        #expect(CachedAudit(payload: Data(payload + [0])) == nil)
        var older = payload
        older.replaceSubrange(0..<4, with: Array("SAC2".utf8))
        #expect(CachedAudit(payload: Data(older)) == nil)
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
