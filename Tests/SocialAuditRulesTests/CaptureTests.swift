import Foundation
import Testing
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules
import SocialAuditRun
import SocialAuditState
import SocialAuditTestSupport

/// One set of tweets, written as an archive would hold them and as X API v2 captures would.
struct CapturedTweet {
    var id: String
    var text: String
    var at: String                    // ISO 8601
    var mentions: [(String, String)] = []
    var replyTo: (user: String, handle: String, status: String)?
    var retweetOf: (user: String, handle: String, tweet: String)?
    var quoteOf: (user: String, handle: String, tweet: String)?
    var longText: String?

    var twitterDate: String {
        let date = TwitterDate.parse(at)!
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE MMM dd HH:mm:ss '+0000' yyyy"
        return f.string(from: date)
    }

    var quoteLink: String? { quoteOf.map { "https://twitter.com/\($0.handle)/status/\($0.tweet)" } }

    /// As `tweets.js` holds it.
    var archived: String {
        TwitterJS.tweet(id: id, text: text, createdAt: twitterDate, mentions: mentions, replyToUser: replyTo?.user,
                        replyToName: replyTo?.handle, replyToStatus: replyTo?.status, urls: quoteLink.map { [$0] } ?? [],
                        extra: quoteOf.map { "\"quoted_status_id_str\" : \"\($0.tweet)\"" } ?? "")
    }

    /// As the API gives it, with `author_id` and `referenced_tweets`.
    func apiObject(author: String) -> [String: Any] {
        var object: [String: Any] = ["id": id, "text": text, "author_id": author, "created_at": at, "conversation_id": id,
                                     "edit_history_tweet_ids": [id], "lang": "und"]
        var entities: [String: Any] = [:]
        if !mentions.isEmpty {
            entities["mentions"] = mentions.map { ["start": 0, "end": $0.0.count + 1, "username": $0.0, "id": $0.1] }
        }
        if let link = quoteLink {
            entities["urls"] = [["start": 0, "end": 23, "url": "https://t.co/q1", "expanded_url": link, "display_url": "twitter.com/…"]]
        }
        if !entities.isEmpty { object["entities"] = entities }
        var referenced: [[String: Any]] = []
        if let replyTo {
            object["in_reply_to_user_id"] = replyTo.user
            referenced.append(["type": "replied_to", "id": replyTo.status])
        }
        if let retweetOf { referenced.append(["type": "retweeted", "id": retweetOf.tweet]) }
        if let quoteOf { referenced.append(["type": "quoted", "id": quoteOf.tweet]) }
        if !referenced.isEmpty { object["referenced_tweets"] = referenced }
        if let longText { object["note_tweet"] = ["text": longText] }
        return object
    }

    /// The users and tweets a page's `includes` holds for it.
    var referencedUsers: [(id: String, handle: String)] {
        mentions.map { ($0.1, $0.0) } + [replyTo.map { ($0.user, $0.handle) }, retweetOf.map { ($0.user, $0.handle) },
                                         quoteOf.map { ($0.user, $0.handle) }].compactMap { $0 }
    }
    var referencedTweets: [[String: Any]] {
        [retweetOf.map { ["id": $0.tweet, "author_id": $0.user, "text": "we won"] },
         quoteOf.map { ["id": $0.tweet, "author_id": $0.user, "text": "my first race"] }].compactMap { $0 }
    }
}

enum CaptureFixture {
    static let author = (id: "1003", handle: "kjackson")

    static let tweets: [CapturedTweet] = [
        CapturedTweet(id: "1850000000000000101", text: "Félicitations @jamie_hoops7 ! Très fier 🎉", at: "2026-10-20T17:20:11.000Z",
                      mentions: [("jamie_hoops7", "880001")]),
        CapturedTweet(id: "1850000000000000102", text: "@jamie_hoops7 ¡Buen partido! 🏀", at: "2026-10-21T01:02:03.000Z",
                      mentions: [("jamie_hoops7", "880001")], replyTo: ("880001", "jamie_hoops7", "1849999999999999990")),
        CapturedTweet(id: "1850000000000000103", text: "RT @jamie_hoops7: we won", at: "2026-10-22T12:00:00.000Z",
                      mentions: [("jamie_hoops7", "880001")], retweetOf: ("880001", "jamie_hoops7", "1849999999999999991")),
        CapturedTweet(id: "1850000000000000104", text: "Такой забег! https://t.co/q1", at: "2026-10-23T08:30:00.000Z",
                      quoteOf: ("880002", "MaddieRunsXC", "1849999999999999998")),
        CapturedTweet(id: "1850000000000000105", text: "Most improved: Riley Barnes &amp; the JV team", at: "2026-10-24T19:45:00.000Z"),
        CapturedTweet(id: "1850000000000000106", text: "Bake sale Friday — 日本語 · مرحبا بكم", at: "2026-10-25T14:00:00.000Z"),
        CapturedTweet(id: "1850000000000000107", text: "Long week of grading, so many essays to read and comments to write…",
                      at: "2026-10-26T23:59:00.000Z",
                      longText: "Long week of grading, so many essays to read and comments to write and now it is Friday and I need a beer with the team."),
    ]

    /// The tweets as a current archive of the account.
    static func archive() -> ArchiveFixture {
        ArchiveFixture([
            "data/account.js": TwitterJS.account(id: author.id, username: author.handle, email: "kjackson@gmail.com"),
            "data/tweets.js": TwitterJS.file("tweets", tweets.map(\.archived)),
            "data/note-tweet.js": TwitterJS.file("note_tweet", tweets.compactMap { tweet in
                tweet.longText.map { TwitterJS.note(id: "99" + tweet.id.suffix(6), createdAt: tweet.at, text: $0) }
            }),
        ])
    }

    static func json(_ object: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    /// `twarc2 timeline` output: pages of two tweets, with `includes`, `meta`, an `errors` entry
    /// and `__twarc`; a page without `includes`; and a last line cut off mid-way.
    static func pages() -> String {
        var lines: [String] = []
        for start in stride(from: 0, to: tweets.count, by: 2) {
            let page = Array(tweets[start..<min(start + 2, tweets.count)])
            var users: [[String: Any]] = [["id": author.id, "username": author.handle, "name": "K Jackson"]]
            for user in page.flatMap(\.referencedUsers) { users.append(["id": user.id, "username": user.handle, "name": "…"]) }
            var object: [String: Any] = [
                "data": page.map { $0.apiObject(author: author.id) },
                "meta": ["result_count": page.count, "newest_id": page.last!.id, "oldest_id": page.first!.id],
                "__twarc": ["url": "https://api.twitter.com/2/users/1003/tweets", "version": "2.14.0", "retrieved_at": "2026-11-01T05:00:00+00:00"],
            ]
            let included = page.flatMap(\.referencedTweets)
            if page.contains(where: { !$0.referencedUsers.isEmpty }) {
                object["includes"] = ["users": users, "tweets": included] as [String: Any]
            }
            if start == 0 {
                object["errors"] = [["value": "1849999999999999000", "detail": "Could not find tweet with referenced_tweets.id: [1849999999999999000].",
                                     "title": "Not Found Error", "resource_type": "tweet", "parameter": "referenced_tweets.id",
                                     "resource_id": "1849999999999999000", "type": "https://api.twitter.com/2/problems/resource-not-found"]]
            }
            lines.append(json(object))
        }
        let cut = json(["data": [tweets[0].apiObject(author: author.id)]])
        return lines.joined(separator: "\n") + "\n" + cut.prefix(cut.count / 2)
    }

    /// `twarc2 flatten` output: one tweet a line, users and referenced tweets inline.
    static func flattened() -> String {
        tweets.map { tweet in
            var object = tweet.apiObject(author: author.id)
            object["author"] = ["id": author.id, "username": author.handle, "name": "K Jackson"]
            if let replyTo = tweet.replyTo { object["in_reply_to_user"] = ["id": replyTo.user, "username": replyTo.handle] }
            if var referenced = object["referenced_tweets"] as? [[String: Any]] {
                for index in referenced.indices {
                    let ref = tweet.referencedTweets.first { ($0["id"] as? String) == (referenced[index]["id"] as? String) }
                    if let ref, let user = tweet.referencedUsers.first(where: { $0.id == ref["author_id"] as? String }) {
                        referenced[index].merge(ref) { a, _ in a }
                        referenced[index]["author"] = ["id": user.id, "username": user.handle]
                    }
                }
                object["referenced_tweets"] = referenced
            }
            object["__twarc"] = ["url": "https://api.twitter.com/2/users/1003/tweets", "version": "2.14.0"]
            return json(object)
        }.joined(separator: "\n") + "\n"
    }

    /// A district with the account, and its archive or captures as `write` puts them.
    static func district(_ write: (URL) throws -> Void) throws -> URL {
        let folder = ArchiveFixture.temporaryFolder()
        let config = try oneAccountDistrict(in: folder, tier: "professional", students: [
            "S1,pisgah-high,jamie_hoops7,880001,Jamie,Student,false", "S2,pisgah-high,MaddieRunsXC,,Maddie,Runner,false",
            "S3,pisgah-high,,880003,Riley,Barnes,true",
        ])
        try write(folder)
        return config
    }

    static func writeCapture(_ text: String, named name: String, in folder: URL) throws {
        let captures = folder.appendingPathComponent("captures")
        try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: captures.appendingPathComponent(name))
    }
}

@Suite("X API v2 captures (twarc2)")
struct CaptureTests {
    /// What a content finding says, for comparing runs.
    func content(_ result: AuditResult) -> [String] {
        result.findings.filter { $0.evidence.kind == .tweet }.map {
            [$0.rule, $0.severity.rawValue, $0.fingerprint, $0.evidence.id ?? "", $0.evidence.url ?? "", $0.evidence.text ?? "",
             $0.evidence.time.map(TwitterDate.iso8601) ?? "", $0.summary, $0.students.map(\.studentId).joined(separator: ",")]
                .joined(separator: " | ")
        }.sorted()
    }

    @Test("captures in both shapes give, for a capture-only account, exactly the content findings the same tweets give as an archive")
    func sameAsArchive() async throws {
        let archived = try await audit(config: CaptureFixture.district { folder in
            try CaptureFixture.archive().writeZip(named: "twitter-2026-10-31-kj.zip", in: folder.appendingPathComponent("archives"))
        })
        let expected = content(archived)
        #expect(Set(archived.findings.filter { $0.evidence.kind == .tweet }.map(\.rule))
                == ["student.mention", "student.reply", "student.retweet", "student.quote", "student.opted-out-named", "professional.unprofessional-content"],
                "\(expected)")
        for (name, text) in [("timeline.jsonl", CaptureFixture.pages()), ("flat.jsonl", CaptureFixture.flattened())] {
            let captured = try await audit(config: CaptureFixture.district { try CaptureFixture.writeCapture(text, named: name, in: $0) })
            #expect(content(captured) == expected, "\(name)")
            #expect(!captured.findings.contains { $0.rule == "inventory.missing-archive" }, "the capture is the account's data")
            let account = try #require(captured.accounts.first)
            #expect(account.captured?.tweets == CaptureFixture.tweets.count)
            #expect(account.captured?.newest.map(TwitterDate.iso8601) == "2026-10-26T23:59:00Z")
            #expect(captured.captures.tweets == CaptureFixture.tweets.count)
        }
    }

    @Test("a line cut off mid-way is reported with file and line, and the lines before it are read")
    func truncatedLine() async throws {
        let result = try await audit(config: CaptureFixture.district {
            try CaptureFixture.writeCapture(CaptureFixture.pages(), named: "timeline.jsonl", in: $0)
        })
        let problems = result.captures.problems
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.archive == "timeline.jsonl" && problems.first?.description.hasPrefix("timeline.jsonl: line 5 (byte ") == true)
        #expect(problems.first?.line == 5)
        #expect(problems.first?.message.contains("cut off") == true)
        #expect(result.captures.files == 1)
    }

    @Test("a tweet in both the archive and a capture is reported once")
    func archiveAndCapture() async throws {
        let both = try await audit(config: CaptureFixture.district { folder in
            try CaptureFixture.archive().writeZip(named: "twitter-2026-10-31-kj.zip", in: folder.appendingPathComponent("archives"))
            try CaptureFixture.writeCapture(CaptureFixture.flattened(), named: "flat.jsonl", in: folder)
        })
        let archived = try await audit(config: CaptureFixture.district { folder in
            try CaptureFixture.archive().writeZip(named: "twitter-2026-10-31-kj.zip", in: folder.appendingPathComponent("archives"))
        })
        #expect(content(both) == content(archived))
        #expect(both.accounts.first?.captured?.tweets == CaptureFixture.tweets.count)
    }

    @Test("a file of several accounts is split by author; authors the inventory does not know are passed over")
    func splitByAuthor() throws {
        let other = CapturedTweet(id: "1850000000000000201", text: "Go team @jamie_hoops7", at: "2026-10-27T10:00:00.000Z",
                                  mentions: [("jamie_hoops7", "880001")])
        var object = other.apiObject(author: "4242")
        object["author"] = ["id": "4242", "username": "someone_else"]
        let file = ArchiveFixture.temporaryFolder().appendingPathComponent("search.jsonl")
        try Data((CaptureFixture.flattened() + CaptureFixture.json(object) + "\n" + "not json at all\n").utf8).write(to: file)
        let reading = CaptureReader.read(file: file)
        #expect(reading.accounts.keys.sorted() == ["1003", "4242"])
        #expect(reading.accounts["1003"]?.tweets.count == CaptureFixture.tweets.count)
        #expect(reading.accounts["4242"]?.username == "someone_else")
        #expect(reading.problems.map(\.line) == [CaptureFixture.tweets.count + 2])
    }

    @Test("an unchanged capture file is not read again: its findings come from the state, and a new file is read")
    func incremental() async throws {
        let config = try CaptureFixture.district { try CaptureFixture.writeCapture(CaptureFixture.flattened(), named: "2026-10-31.jsonl", in: $0) }
        let inputs = try DistrictInputs.load(try ConfigurationReader.load(config), rosterGiven: true)
        let store = try StateStore(url: ArchiveFixture.temporaryFolder().appendingPathComponent("socialaudit.sqlite"))
        func run() async throws -> AuditResult {
            let result = try await DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!, state: store).run()
            var outcome = RunOutcome(asOf: "2026-11-01", startedAt: Date(), finishedAt: Date(), findings: result.findings,
                                     statuses: [:], resolved: [], schools: [], archives: result.archivesRead, known: [:])
            outcome.captures = result.capturesRead
            outcome.presentCaptures = result.capturesPresent
            try store.record(outcome)
            return result
        }
        let first = try await run()
        #expect(first.captures.reused == 0 && first.capturesRead.count == 1)
        let second = try await run()
        #expect(second.captures.reused == 1 && second.capturesRead.isEmpty)
        #expect(content(second) == content(first))
        // The next night's capture repeats one tweet and adds one: each is reported once.
        let next = CapturedTweet(id: "1850000000000000108", text: "Shots at the party tonight? 🍻 @jamie_hoops7", at: "2026-10-31T22:00:00.000Z",
                                 mentions: [("jamie_hoops7", "880001")])
        var added = next.apiObject(author: "1003")
        added["author"] = ["id": "1003", "username": "kjackson"]
        let repeated = CaptureFixture.flattened().split(separator: "\n").first!
        try CaptureFixture.writeCapture(repeated + "\n" + CaptureFixture.json(added) + "\n", named: "2026-11-01.jsonl",
                                        in: config.deletingLastPathComponent())
        let third = try await run()
        #expect(third.captures.reused == 1 && third.capturesRead.count == 1)
        #expect(third.accounts.first?.captured?.tweets == CaptureFixture.tweets.count + 1)
        #expect(Set(content(third)).isSuperset(of: content(first)))
        #expect(third.findings.filter { $0.evidence.id == "1850000000000000108" && $0.rule == "student.mention" }.count == 1)
        #expect(content(third).count == content(first).count + 2, "the new tweet's mention and its lexicon words")
    }

    @Test("the captures' users pair a handle-only student with an id: the archive's conversation with that id is a student.dm")
    func captureTeachesHandles() async throws {
        var archive = CaptureFixture.archive()
        archive["data/direct-messages.js"] = TwitterJS.file("direct_messages", [
            TwitterJS.conversation(id: "1003-880002", [
                TwitterJS.message(id: "m1", sender: "880002", recipient: "1003", text: "is practice on?", at: "2026-10-20T17:25:17.171Z"),
            ]),
        ])
        // The archive's own quote names Maddie by handle alone; the capture's page pairs her handle with 880002.
        let page = CaptureFixture.json(["data": [CaptureFixture.tweets[0].apiObject(author: "1003")],
                                        "includes": ["users": [["id": "1003", "username": "kjackson"], ["id": "880002", "username": "maddierunsxc"]]]])
        func dms(capture: Bool) async throws -> [Finding] {
            let result = try await audit(config: CaptureFixture.district { folder in
                try archive.writeZip(named: "twitter-2026-10-31-kj.zip", in: folder.appendingPathComponent("archives"))
                if capture { try CaptureFixture.writeCapture(page + "\n", named: "users.jsonl", in: folder) }
            })
            return result.findings.filter { $0.rule == "student.dm" }
        }
        #expect(try await dms(capture: false).isEmpty, "no pairing in the archive alone: no guess")
        let found = try await dms(capture: true)
        #expect(found.map { $0.students.map(\.studentId) } == [["S2"]])
    }

    @Test("policy.lookbackDays leaves tweets older than that out of the content rules; the rest are as without it")
    func lookback() async throws {
        let config = try CaptureFixture.district { folder in
            try CaptureFixture.archive().writeZip(named: "twitter-2026-10-31-kj.zip", in: folder.appendingPathComponent("archives"))
        }
        let all = try await audit(config: config)
        try Data(#"{"policy": {"lookbackDays": 10}}"#.utf8).write(to: config)
        let recent = try await audit(config: config)
        let since = TwitterDate.parse("2026-10-22T00:00:00Z")!
        let tweets = { (result: AuditResult) in result.findings.filter { $0.evidence.kind == .tweet } }
        #expect(tweets(recent).map(\.fingerprint) == tweets(all).filter { $0.evidence.time! >= since }.map(\.fingerprint))
        #expect(tweets(recent).count < tweets(all).count && !tweets(recent).isEmpty)
        #expect(recent.findings.filter { $0.evidence.kind != .tweet }.map(\.fingerprint)
                == all.findings.filter { $0.evidence.kind != .tweet }.map(\.fingerprint))
    }
}
