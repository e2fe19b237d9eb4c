import Foundation
import Testing
import SocialAuditTestSupport
import SocialAuditArchive
import SocialAuditCore

/// Reads an archive as a run would, with one or more workers.
private func read(_ url: URL, workers: Int = 1) -> (reading: ArchiveReading, tweets: [String: Tweet]) {
    var reader = ArchiveReader(url: url)
    reader.partWorkers = workers
    var tweets: [String: Tweet] = [:]
    let reading = reader.read { record in
        if case let .tweet(tweet) = record { tweets[tweet.id] = tweet }
    }
    return (reading, tweets)
}

@Suite("Long posts: each note's whole text goes to its own tweet")
struct LongPostTests {
    @Test("two long posts of a thread made in one second each get their own whole text; the short post of that second keeps its own",
          arguments: [1, 2])
    func sameSecondThread(workers: Int) throws {
        let fixture = ArchiveFixture([
            "data/account.js": TwitterJS.account(),
            "data/tweets.js": TwitterJS.file("tweets", Array(SameSecondThread.tweets.prefix(1))),
            "data/tweets-part1.js": TwitterJS.file("tweets", part: 1, Array(SameSecondThread.tweets.dropFirst())),
            "data/note-tweet.js": SameSecondThread.notes,
        ])
        let got = read(try fixture.writeZip(), workers: workers)
        #expect(got.reading.problems.isEmpty, "\(got.reading.problems)")
        #expect(got.tweets[SameSecondThread.roboticsId]?.text == SameSecondThread.roboticsText)
        #expect(got.tweets[SameSecondThread.choirId]?.text == SameSecondThread.choirText)
        #expect(got.tweets[SameSecondThread.shortId]?.text == SameSecondThread.shortText)
        #expect(got.reading.tweets == 3)
    }

    /// A reply's cut text begins with the handle replied to, which this note leaves out.
    static let replyNote = "Great game tonight, Bears! 🏀 Défense solide all four quarters and not one technical. "
        + String(repeating: "Proud of every one of you. ", count: 9) + "Bus leaves at 7:15 tomorrow."
    static let replyCut = "@jamie_hoops7 Great game tonight, Bears! 🏀 Défense solide all four quarters and not…"

    @Test("a second's one long text that begins no tweet's text goes to its one cut tweet left, even when another part file holds the other",
          arguments: [1, 2])
    func oneLeftInItsSecond(workers: Int) throws {
        let fixture = ArchiveFixture([
            "data/account.js": TwitterJS.account(),
            "data/tweets.js": TwitterJS.file("tweets", Array(SameSecondThread.tweets.prefix(1))),
            "data/tweets-part1.js": TwitterJS.file("tweets", part: 1, [
                TwitterJS.tweet(id: "1765000000000000004", text: Self.replyCut, createdAt: SameSecondThread.createdAt,
                                replyToUser: "880001", replyToName: "jamie_hoops7"),
            ]),
            "data/note-tweet.js": TwitterJS.file("note_tweet", [
                TwitterJS.note(id: "1765000000000000902", createdAt: "2024-03-05T14:07:00.500Z", text: Self.replyNote),
                TwitterJS.note(id: "1765000000000000901", createdAt: "2024-03-05T14:07:00.219Z",
                               text: SameSecondThread.roboticsText.replacingOccurrences(of: "&", with: "&amp;")),
            ]),
        ])
        let got = read(try fixture.writeFolder(), workers: workers)
        #expect(got.reading.problems.isEmpty, "\(got.reading.problems)")
        #expect(got.tweets[SameSecondThread.roboticsId]?.text == SameSecondThread.roboticsText)
        #expect(got.tweets["1765000000000000004"]?.text == Self.replyNote)
        #expect(got.reading.tweets == 2)
    }

    @Test("long texts of a second that begin none of its cut tweets' texts go to none, and each is said with its place")
    func cannotBeTold() throws {
        let notes = TwitterJS.file("note_tweet", [
            TwitterJS.note(id: "1765000000000000903", createdAt: "2024-03-05T14:07:00.100Z", text: Self.replyNote),
            TwitterJS.note(id: "1765000000000000904", createdAt: "2024-03-05T14:07:00.900Z",
                           text: "Match de demain annulé à cause de la neige ❄️ " + String(repeating: "Restez prudents. ", count: 20)),
        ])
        let fixture = ArchiveFixture([
            "data/account.js": TwitterJS.account(),
            "data/tweets.js": TwitterJS.file("tweets", [
                TwitterJS.tweet(id: "1765000000000000004", text: Self.replyCut, createdAt: SameSecondThread.createdAt),
                TwitterJS.tweet(id: "1765000000000000005", text: "@rsmith Match de demain annulé…", createdAt: SameSecondThread.createdAt),
            ]),
            "data/note-tweet.js": notes,
        ])
        let got = read(try fixture.writeZip())
        #expect(got.tweets["1765000000000000004"]?.text == Self.replyCut)
        #expect(got.tweets["1765000000000000005"]?.text == "@rsmith Match de demain annulé…")
        #expect(got.reading.tweets == 2)
        #expect(got.reading.problems.count == 2, "\(got.reading.problems)")
        let second = try #require(got.reading.problems.last)
        #expect(second.file == "data/note-tweet.js")
        #expect(second.message.contains("2024-03-05T14:07:00"))
        #expect(second.message.contains("see only the cut text"))
        let secondNote = try #require(notes.range(of: "{ \"noteTweet\" : { \"noteTweetId\" : \"1765000000000000904\""))
        #expect(second.offset == notes[..<secondNote.lowerBound].utf8.count)
        #expect(second.line == notes[..<secondNote.lowerBound].filter { $0 == "\n" }.count + 1)
    }
}
