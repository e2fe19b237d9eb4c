import Foundation
import Testing
import SocialAuditArchive
import SocialAuditCore
import SocialAuditTestSupport

/// The hostile corpus, generated once by scripts/make-hostile.py.
enum HostileCorpus {
    static let folder: URL = {
        let folder = ArchiveFixture.temporaryFolder().appendingPathComponent("hostile")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Invocation.repository.appendingPathComponent("scripts/make-hostile.py").path, folder.path]
        try! process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "make-hostile.py failed")
        return folder
    }()

    static func read(_ name: String) -> (ArchiveReading, [Tweet]) {
        var tweets: [Tweet] = []
        let reading = ArchiveReader(url: folder.appendingPathComponent(name)).read { record in
            if case let .tweet(tweet) = record { tweets.append(tweet) }
        }
        return (reading, tweets)
    }
}

@Suite("Hostile and broken archives", .serialized)
struct HostileInputTests {
    @Test("a zip bomb is refused before it is inflated, with the file named")
    func bomb() {
        let (reading, tweets) = HostileCorpus.read("bomb.zip")
        #expect(tweets.isEmpty)
        #expect(reading.account?.accountId == "3001", "the rest of the archive is still read")
        let problem = reading.problems.first { $0.file == "data/tweets.js" }
        #expect(problem?.message.contains("zip bomb") == true, "\(reading.problems)")
    }

    @Test("thousands of entries are listed and skipped quickly; the data is read")
    func manyEntries() {
        let (reading, tweets) = HostileCorpus.read("many-entries.zip")
        #expect(tweets.map(\.id) == ["1"])
        #expect(reading.problems.isEmpty)
    }

    @Test("entries named ../, absolute or data/../.. are never read as data, and nothing is written anywhere")
    func traversal() throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: HostileCorpus.folder.deletingLastPathComponent().path)
        let (reading, tweets) = HostileCorpus.read("traversal.zip")
        #expect(tweets.map(\.id) == ["1"])
        #expect(reading.filesRead.allSatisfy { $0.hasPrefix("data/") && !$0.contains("..") })
        #expect(!FileManager.default.fileExists(atPath: "/etc/evil.js"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: HostileCorpus.folder.deletingLastPathComponent().path) == before)
    }

    @Test("a link out of a folder archive is not followed")
    func symlink() {
        let (reading, tweets) = HostileCorpus.read("symlink")
        #expect(tweets.isEmpty, "the file outside the archive is never read")
        #expect(reading.problems.contains { $0.message.contains("points outside the archive") })
    }

    @Test("a 500 MB single line is skipped as one oversize record; the next record is read; memory stays bounded")
    func bigLine() {
        let (reading, tweets) = HostileCorpus.read("big-line")
        #expect(tweets.map(\.id) == ["8"])
        #expect(reading.problems.contains { $0.message.contains("larger than") })
    }

    @Test("deep nesting is refused without overflowing the stack; the next record is read")
    func nested() {
        let (reading, tweets) = HostileCorpus.read("nested.zip")
        #expect(tweets.map(\.id) == ["9"])
        #expect(reading.problems.contains { $0.message.contains("nesting deeper") })
    }

    @Test("numbers for strings and the reverse, duplicate keys: read where they make sense, else skipped and said")
    func types() {
        let (reading, tweets) = HostileCorpus.read("types.zip")
        #expect(tweets.map(\.id) == ["10", "11", "13"])
        #expect(tweets[0].text == "12345")
        #expect(tweets[1].text == "second", "the last of duplicate keys wins")
        #expect(tweets[1].mentions.isEmpty)
        #expect(tweets[2].inReplyToUserId == "880001")
        #expect(reading.problems.contains { $0.message.contains("record 3") })
    }

    @Test("invalid UTF-8, lone surrogates and NUL bytes: repaired or refused, and said")
    func encoding() {
        let (reading, tweets) = HostileCorpus.read("encoding.zip")
        #expect(tweets.map(\.id) == ["20", "21", "23"])
        #expect(tweets[0].text.contains("\u{FFFD}") && tweets[1].text.contains("\u{FFFD}"))
        #expect(tweets[2].text.contains("\u{0}"), "an escaped NUL is text")
        #expect(reading.problems.contains { $0.message.contains("control character") })
        #expect(reading.problems.contains { $0.message.contains("invalid UTF-8") })
    }

    @Test("a tweets file that assigns another data type is not read as tweets")
    func wrongPrefix() {
        let (reading, tweets) = HostileCorpus.read("wrong-prefix.zip")
        #expect(tweets.isEmpty)
        #expect(reading.problems.contains { $0.message.contains("another kind of data") })
    }

    @Test("a part the manifest lists but the archive lacks, and an account id that contradicts the manifest, are said")
    func manifestMismatches() {
        let (missing, missingTweets) = HostileCorpus.read("missing-part.zip")
        #expect(missingTweets.count == 1)
        #expect(missing.problems.contains { $0.file == "data/tweets-part1.js" })
        let (contradicting, _) = HostileCorpus.read("contradicting.zip")
        #expect(contradicting.problems.contains { $0.message.contains("contradicts the manifest") })
    }

    @Test("a part file deleted while the archive is being read is reported; the rest is read")
    func deletedWhileReading() throws {
        var archive = fullArchive()
        archive["data/tweets-part2.js"] = TwitterJS.file("tweets", part: 2, [TwitterJS.tweet(id: "77", text: "gone before it was read")])
        let folder = try archive.writeFolder()
        var tweets: [String] = []
        var deleted = false
        let reading = ArchiveReader(url: folder).read { record in
            guard case let .tweet(tweet) = record else { return }
            tweets.append(tweet.id)
            if !deleted {
                deleted = true
                try? FileManager.default.removeItem(at: folder.appendingPathComponent("data/tweets-part2.js"))
            }
        }
        #expect(!tweets.contains("77"))
        #expect(tweets.count == 4, "the other parts are read: \(tweets)")
        #expect(reading.problems.contains { $0.file == "data/tweets-part2.js" }, "\(reading.problems)")
    }

    @Test("the data-file checker returns whatever the bytes (the fuzz target's entry)")
    func dataFileCheck() {
        for bytes: [UInt8] in [[], [0x5B], Array("window.YTD.tweets.part0 = [ {".utf8), [0xFF, 0xFE, 0x00], Array(repeating: 0x5B, count: 10_000)] {
            let outcome = DataFileCheck.read(bytes, chunk: 3)
            #expect(outcome.tweets == 0)
        }
    }
}
