import Foundation
import Testing
import SocialAuditTestSupport
import SocialAuditArchive
import SocialAuditCore

/// Reads an archive and collects what it handed on.
struct Collected {
    var reading: ArchiveReading
    var tweets: [Tweet] = []
    var conversations: [Conversation] = []
    var applications: [ConnectedApplication] = []
    var logins: [LoginRecord] = []
    var order: [String] = []

    init(_ url: URL) {
        var tweets: [Tweet] = []
        var conversations: [Conversation] = []
        var applications: [ConnectedApplication] = []
        var logins: [LoginRecord] = []
        var order: [String] = []
        reading = ArchiveReader(url: url).read { record in
            switch record {
            case .manifest: order.append("manifest")
            case .account: order.append("account")
            case .profile: order.append("profile")
            case let .tweet(t): tweets.append(t); order.append("tweet")
            case let .conversation(c): conversations.append(c); order.append("conversation")
            case let .application(a): applications.append(a); order.append("application")
            case let .login(l): logins.append(l); order.append("login")
            }
        }
        self.tweets = tweets
        self.conversations = conversations
        self.applications = applications
        self.logins = logins
        self.order = order
    }

    func tweet(_ id: String) -> Tweet? { tweets.first { $0.id == id } }
}


@Suite("Reading archives")
struct ArchiveReaderTests {
    /// What every reading of `fullArchive()` must give, zip or folder.
    func checkFullArchive(_ got: Collected) {
        #expect(got.reading.problems.isEmpty, "\(got.reading.problems)")
        #expect(got.reading.layout == .current)
        #expect(got.reading.account == ArchiveAccount(
            accountId: "1003", username: "kjackson", displayName: "K Jackson", email: "kjackson@gmail.com",
            createdAt: TwitterDate.parse("2014-08-01T00:00:00.000Z"), createdVia: "web"))
        #expect(got.reading.profile?.bio == "Go Bears")
        #expect(got.reading.profile?.website == "https://t.co/abc")
        #expect(got.reading.generationDate == TwitterDate.parse("2026-10-31T12:00:00Z"))
        // Identity first, then every tweet of every part.
        #expect(Array(got.order.prefix(3)) == ["manifest", "account", "profile"])
        #expect(got.tweets.map(\.id) == ["1592345678901234567", "11", "12", "13"])
        #expect(got.reading.tweets == 4)

        let reply = got.tweet("1592345678901234567")
        #expect(reply?.text == "@jamie_hoops7 @rsmith great job & congrats")
        #expect(reply?.isReply == true)
        #expect(reply?.inReplyToUserId == "880001")
        #expect(reply?.inReplyToStatusId == "1590000000000000001")
        #expect(reply?.mentions.map(\.userId) == ["880001", "880002"])
        #expect(reply?.createdAt == TwitterDate.parse("2022-11-14T17:20:11Z"))
        #expect(reply?.isRetweet == false)

        let retweet = got.tweet("11")
        #expect(retweet?.isRetweet == true)
        #expect(retweet?.retweetOf == Mention(screenName: "NCPublicSchools", userId: "5001", name: "NCPublicSchools"))
        #expect(retweet?.text == "RT @NCPublicSchools: Schools are open > closed…")

        let quote = got.tweet("12")
        #expect(quote?.isQuote == true)
        #expect(quote?.quotedTweetId == "1590000000000000009")
        #expect(quote?.quotedScreenName == "jamie_hoops7")

        let thread = got.tweet("13")
        #expect(thread?.repliesTo(accountId: "1003", username: "kjackson") == true)

        #expect(got.conversations.count == 2)
        let direct = got.conversations.first { $0.id == "1003-880001" }
        #expect(direct?.kind == .oneToOne)
        #expect(direct?.messages.count == 3, "split entries are merged")
        #expect(direct?.participantIds == ["1003", "880001"])
        #expect(direct?.firstMessageAt == TwitterDate.parse("2022-11-13T10:00:00.000Z"))
        #expect(direct?.lastMessageAt == TwitterDate.parse("2022-11-14T17:26:00.000Z"))

        let group = got.conversations.first { $0.kind == .group }
        #expect(group?.participantIds == ["1003", "880001", "880003", "880004"])
        #expect(group?.name == "JV Hoops")
        #expect(group?.messages.count == 1)
        #expect(got.reading.conversations == 2)
        #expect(got.reading.groupConversations == 1)
        #expect(got.reading.messages == 4)

        #expect(got.applications.map(\.name) == ["SchoolPointe"])
        #expect(got.applications.first?.permissions == ["read", "write"])
        #expect(got.logins.map(\.ip) == ["192.0.2.1", "192.0.2.2"])
        #expect(!got.reading.filesRead.contains { $0.contains("media") || $0.contains("follower") || $0.contains("assets") })
    }

    @Test("a zip archive is read in place: account, profile, every part, DMs, apps, logins")
    func zipArchive() throws {
        let url = try fullArchive().writeZip()
        checkFullArchive(Collected(url))
    }

    @Test("the same archive extracted into a folder reads the same")
    func folderArchive() throws {
        let url = try fullArchive().writeFolder()
        checkFullArchive(Collected(url))
    }

    @Test("a zip that wraps everything in one top folder, stored without compression")
    func wrappedZip() throws {
        var wrapped = ArchiveFixture()
        for (path, bytes) in fullArchive().files { wrapped.files["twitter-2026-10-31-abc/" + path] = bytes }
        checkFullArchive(Collected(try wrapped.writeZip(compression: .none)))
    }

    @Test("the older tweet.js naming, tweets without the wrapper object, and no manifest")
    func olderTweetJS() throws {
        let fixture = ArchiveFixture([
            "data/account.js": TwitterJS.account(id: "1010", username: "coachdavis", email: nil),
            "data/tweet.js": TwitterJS.file("tweet", [
                TwitterJS.tweet(id: "100", text: "Game tonight", wrapped: false),
                TwitterJS.tweet(id: "101", text: "@someone thanks", mentions: [("someone", "42")], replyToUser: "42", wrapped: false),
            ]),
        ])
        let got = Collected(try fixture.writeZip())
        #expect(got.reading.problems.isEmpty, "\(got.reading.problems)")
        #expect(got.reading.layout == .tweetJS)
        #expect(got.reading.manifest == nil)
        #expect(got.reading.account?.email == nil)
        #expect(got.tweets.map(\.id) == ["100", "101"])
        #expect(got.tweet("101")?.inReplyToUserId == "42")
        #expect(got.tweet("101")?.inReplyToScreenName == nil)
    }

    @Test("missing data files are not problems; a partial archive without account.js uses the manifest")
    func missingFiles() throws {
        let fixture = ArchiveFixture([
            "data/manifest.js": TwitterJS.manifest(accountId: "1020", userName: "bethel_pta"),
            "data/tweets.js": TwitterJS.file("tweets", []),
        ])
        let got = Collected(try fixture.writeFolder())
        #expect(got.reading.problems.isEmpty)
        #expect(got.reading.account?.accountId == "1020")
        #expect(got.reading.account?.username == "bethel_pta")
        #expect(got.tweets.isEmpty)
    }

    @Test("long posts get their whole text from note-tweet.js; deleted tweets are read and counted apart")
    func noteAndDeletedTweets() throws {
        let long = String(repeating: "Band news. ", count: 30)
        let fixture = ArchiveFixture([
            "data/account.js": TwitterJS.account(),
            "data/tweets.js": TwitterJS.file("tweets", [
                TwitterJS.tweet(id: "200", text: String(long.prefix(270)) + "…", createdAt: "Tue Mar 05 14:07:00 +0000 2024"),
            ]),
            "data/note-tweet.js": TwitterJS.file("note_tweet", ["""
                { "noteTweet" : { "noteTweetId" : "999", "updatedAt" : "2024-03-05T14:07:00.000Z",
                  "lifecycle" : { "value" : "1" }, "createdAt" : "2024-03-05T14:07:00.000Z",
                  "core" : { "styletags" : [ ], "urls" : [ ], "text" : "\(long) thanks @jamie_hoops7",
                    "mentions" : [ { "screenName" : "jamie_hoops7", "fromIndex" : "10", "toIndex" : "20" } ], "cashtags" : [ ], "hashtags" : [ ] } } }
                """]),
            "data/deleted-tweets.js": TwitterJS.file("deleted_tweets", [
                TwitterJS.tweet(id: "201", text: "oops", extra: "\"deleted_at\" : \"Wed Mar 06 10:00:00 +0000 2024\""),
            ]),
        ])
        let got = Collected(try fixture.writeZip())
        #expect(got.reading.problems.isEmpty, "\(got.reading.problems)")
        #expect(got.tweet("200")?.text == "\(long) thanks @jamie_hoops7")
        #expect(got.tweet("200")?.mentions.map(\.screenName) == ["jamie_hoops7"])
        #expect(got.tweet("201")?.deletedAt == TwitterDate.parse("2024-03-06T10:00:00Z"))
        #expect(got.reading.tweets == 1)
        #expect(got.reading.deletedTweets == 1)
    }

    @Test("a truncated part file: the tweets before the cut are kept, the fault names file, line and byte")
    func truncatedPart() throws {
        var fixture = fullArchive()
        let part0 = fixture["data/tweets.js"]!
        let cutAt = part0.range(of: "\"id_str\" : \"12\"")!.lowerBound
        fixture["data/tweets.js"] = String(part0[..<cutAt])
        let got = Collected(try fixture.writeZip())
        #expect(got.tweets.map(\.id) == ["1592345678901234567", "11", "13"], "part 1 is still read")
        #expect(got.reading.problems.count == 1)
        let problem = try #require(got.reading.problems.first)
        #expect(problem.archive == "archive.zip")
        #expect(problem.file == "data/tweets.js")
        #expect(problem.message.contains("truncated"))
        #expect(problem.message.contains("record 3"))
        #expect(problem.offset == String(part0[..<cutAt]).utf8.count)
        #expect(problem.line == String(part0[..<cutAt]).filter { $0 == "\n" }.count + 1)
        // The other files are read in full.
        #expect(got.conversations.count == 2)
        #expect(got.logins.count == 2)
    }

    @Test("a record that is not valid JSON is skipped at its place; the records around it are read")
    func badRecord() throws {
        var fixture = fullArchive()
        fixture["data/tweets.js"] = fixture["data/tweets.js"]!.replacingOccurrences(
            of: "\"full_text\" : \"Game", with: "\"full_text\" : \"Game")
            .replacingOccurrences(of: "\"retweeted\" : false,\n    \"favorite_count\" : \"0\",\n    \"lang\" : \"en\",\n    \"entities\" : { \"user_mentions\" : [ { \"name\" : \"NCPublicSchools\"",
                                  with: "\"retweeted\" : flase,\n    \"favorite_count\" : \"0\",\n    \"lang\" : \"en\",\n    \"entities\" : { \"user_mentions\" : [ { \"name\" : \"NCPublicSchools\"")
        let text = fixture["data/tweets.js"]!
        let bad = try #require(text.range(of: "flase"))
        let got = Collected(try fixture.writeFolder())
        #expect(got.tweets.map(\.id) == ["1592345678901234567", "12", "13"])
        let problem = try #require(got.reading.problems.first)
        #expect(got.reading.problems.count == 1)
        #expect(problem.message.contains("record 2 is not valid JSON"))
        #expect(problem.offset == String(text[..<bad.lowerBound]).utf8.count)
        #expect(problem.line == String(text[..<bad.lowerBound]).filter { $0 == "\n" }.count + 1)
    }

    @Test("invalid UTF-8 in a tweet is shown as U+FFFD and reported with its place; the tweet is kept")
    func invalidUTF8() throws {
        var fixture = fullArchive()
        var bytes = Array(fixture["data/tweets.js"]!.utf8)
        let marker = Array("great job".utf8)
        let at = try #require((0..<bytes.count).first { Array(bytes[$0..<min($0 + marker.count, bytes.count)]) == marker })
        bytes[at] = 0xFF
        fixture.files["data/tweets.js"] = bytes
        let got = Collected(try fixture.writeZip())
        #expect(got.tweets.count == 4)
        #expect(got.tweet("1592345678901234567")?.text.contains("\u{FFFD}reat job") == true)
        #expect(got.reading.problems.count == 1)
        #expect(got.reading.problems.first?.message.contains("invalid UTF-8") == true)
        #expect(got.reading.problems.first?.file == "data/tweets.js")
    }

    @Test("a byte-order mark and CRLF line ends change nothing")
    func bomAndCRLF() throws {
        var fixture = fullArchive()
        for (path, bytes) in fixture.files where path.hasSuffix(".js") {
            let crlf = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
            fixture.files[path] = [0xEF, 0xBB, 0xBF] + Array(crlf.utf8)
        }
        checkFullArchive(Collected(try fixture.writeZip()))
    }

    @Test("a file that is not a zip at all is one problem, named for the archive")
    func notAZip() throws {
        let folder = ArchiveFixture.temporaryFolder()
        let url = folder.appendingPathComponent("kjackson.zip")
        try Data("this is a text file, not a zip\n".utf8).write(to: url)
        let got = Collected(url)
        #expect(got.reading.accountUnreadable)
        #expect(got.reading.problems.count == 1)
        #expect(got.reading.problems.first?.archive == "kjackson.zip")
        #expect(got.reading.problems.first?.message.contains("not a zip archive") == true)
    }

    @Test("a zip whose central directory is broken is reported, not a crash")
    func brokenCentralDirectory() throws {
        let url = try fullArchive().writeZip()
        var data = try Data(contentsOf: url)
        // Destroy the end-of-central-directory record's signature.
        let signature = Data([0x50, 0x4B, 0x05, 0x06])
        let range = try #require(data.range(of: signature, options: .backwards))
        data.replaceSubrange(range, with: Data([0, 0, 0, 0]))
        try data.write(to: url)
        let got = Collected(url)
        #expect(got.reading.accountUnreadable)
        #expect(got.reading.problems.first?.message.contains("central directory") == true)
    }

    @Test("a zip entry whose data is damaged fails its CRC check and is reported")
    func crcMismatch() throws {
        let url = try fullArchive().writeZip(compression: .none)
        var data = try Data(contentsOf: url)
        let marker = Data("Go Bears".utf8)
        let range = try #require(data.range(of: marker))
        data[range.lowerBound] = UInt8(ascii: "N")
        try data.write(to: url)
        let got = Collected(url)
        #expect(got.reading.problems.contains { $0.file == "data/profile.js" && $0.message.contains("checksum") })
        #expect(got.tweets.count == 4, "the other files are still read")
    }

    @Test("a zip cut short (truncated download) is reported as unreadable")
    func truncatedZip() throws {
        let url = try fullArchive().writeZip()
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: url)
        let got = Collected(url)
        #expect(got.reading.accountUnreadable)
        #expect(got.reading.problems.count == 1)
    }

    @Test("a folder with no archive data in it is said so")
    func notAnArchiveFolder() throws {
        let url = try ArchiveFixture(["notes.txt": "hello"]).writeFolder(named: "misc")
        let got = Collected(url)
        #expect(got.reading.accountUnreadable)
        #expect(got.reading.problems.first?.message.contains("no Twitter/X archive data") == true)
    }

    @Test("a part file listed in the manifest but missing is reported")
    func manifestListsMissingPart() throws {
        var fixture = fullArchive()
        fixture.files["data/tweets-part1.js"] = nil
        let got = Collected(try fixture.writeZip())
        #expect(got.tweets.count == 3)
        #expect(got.reading.problems.map(\.file) == ["data/tweets-part1.js"])
        #expect(got.reading.problems.first?.message.contains("manifest lists") == true)
    }

    @Test("a tweets.js whose prefix names another data type is reported and not read as tweets")
    func wrongPrefix() throws {
        var fixture = fullArchive()
        fixture["data/tweets-part1.js"] = TwitterJS.file("like", ["{ \"like\" : { \"tweetId\" : \"5\" } }"])
        let got = Collected(try fixture.writeZip())
        #expect(got.tweets.count == 3)
        #expect(got.reading.problems.count == 1)
        #expect(got.reading.problems.first?.message.contains("window.YTD.like.part0") == true)
    }

    @Test("an account id that contradicts the manifest is reported")
    func contradictingAccount() throws {
        var fixture = fullArchive()
        fixture["data/manifest.js"] = TwitterJS.manifest(accountId: "9999")
        let got = Collected(try fixture.writeFolder())
        #expect(got.reading.account?.accountId == "1003")
        #expect(got.reading.problems.first?.message.contains("contradicts") == true)
    }

    @Test("the older Grailbird archive: month files, numeric ids, real retweeted_status")
    func grailbird() throws {
        let fixture = ArchiveFixture([
            "tweets.csv": "tweet_id,text\n",
            "data/js/user_details.js": "var user_details =  {\n  \"screen_name\" : \"oldcoach\",\n  \"location\" : \"Canton\",\n  \"full_name\" : \"Old Coach\",\n  \"bio\" : \"Coach\",\n  \"id\" : \"77\",\n  \"created_at\" : \"2009-01-01 00:00:00 +0000\"\n}",
            "data/js/payload_details.js": "var payload_details =  {\n  \"tweets\" : 2,\n  \"created_at\" : \"2014-05-01 10:00:00 +0000\",\n  \"lang\" : \"en\"\n}",
            "data/js/tweets/2010_04.js": """
                Grailbird.data.tweets_2010_04 =
                 [ {
                  "source" : "web",
                  "entities" : { "user_mentions" : [ { "name" : "NC", "screen_name" : "NCPublicSchools", "indices" : [ 3, 19 ], "id_str" : "5001", "id" : 5001 } ], "urls" : [ ] },
                  "text" : "RT @NCPublicSchools: Testing week",
                  "id_str" : "11450000000000001",
                  "id" : 11450000000000001,
                  "created_at" : "2010-04-01 00:00:00 +0000",
                  "user" : { "name" : "Old Coach", "screen_name" : "oldcoach", "id" : 77, "id_str" : "77" },
                  "retweeted_status" : { "id_str" : "11449999999999999", "text" : "Testing week",
                    "user" : { "name" : "NC", "screen_name" : "NCPublicSchools", "id" : 5001, "id_str" : "5001" } }
                }, {
                  "entities" : { "user_mentions" : [ ], "urls" : [ ] },
                  "text" : "Go team",
                  "id" : 11450000000000002,
                  "created_at" : "2010-04-02 00:00:00 +0000"
                } ]
                """,
        ])
        let got = Collected(try fixture.writeZip())
        #expect(got.reading.problems.isEmpty, "\(got.reading.problems)")
        #expect(got.reading.layout == .grailbird)
        #expect(got.reading.account?.username == "oldcoach")
        #expect(got.reading.account?.accountId == "77")
        #expect(got.reading.profile?.bio == "Coach")
        #expect(got.reading.generationDate == TwitterDate.parse("2014-05-01T10:00:00Z"))
        #expect(got.tweets.map(\.id) == ["11450000000000001", "11450000000000002"])
        #expect(got.tweets.first?.retweetOf?.screenName == "NCPublicSchools")
        #expect(got.tweets.first?.retweetOf?.userId == "5001")
    }

    @Test("the archives folder lists zips and folders in name order and passes over other files")
    func discovery() throws {
        let folder = ArchiveFixture.temporaryFolder()
        try fullArchive().writeZip(named: "b.zip", in: folder)
        try fullArchive().writeFolder(named: "a", in: folder)
        try Data("x".utf8).write(to: folder.appendingPathComponent("README.txt"))
        try Data("x".utf8).write(to: folder.appendingPathComponent(".DS_Store"))
        let listing = try ArchiveDiscovery.list(folder)
        #expect(listing.sources.map(\.name) == ["a", "b.zip"])
        #expect(listing.sources.map(\.kind) == [.folder, .zip])
        #expect(listing.ignored == ["README.txt"])
        #expect(throws: ArchiveDiscovery.DiscoveryError.self) {
            try ArchiveDiscovery.list(folder.appendingPathComponent("nope"))
        }
    }

    @Test("a link inside an archive folder that points outside it is not followed")
    func symlinkOutside() throws {
        let outside = ArchiveFixture.temporaryFolder().appendingPathComponent("secret.js")
        try Data(TwitterJS.file("tweets", [TwitterJS.tweet(id: "666", text: "not ours")]).utf8).write(to: outside)
        var fixture = fullArchive()
        fixture.files["data/tweets-part1.js"] = nil
        let root = try fixture.writeFolder()
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("data/tweets-part2.js"), withDestinationURL: outside)
        let got = Collected(root)
        #expect(got.tweet("666") == nil)
        #expect(got.reading.problems.contains { $0.file == "data/tweets-part2.js" && $0.message.contains("outside the archive") })
    }

    @Test("part files read at once give what one at a time gives: the same tweets, counts and problems in the same order")
    func parallelParts() throws {
        var archive = fullArchive()
        archive["data/tweets-part2.js"] = TwitterJS.file("tweets", part: 2, (0..<700).map { TwitterJS.tweet(id: "5\($0)", text: "part two \($0)") })
        archive["data/tweets-part3.js"] = String(TwitterJS.file("tweets", part: 3, (0..<300).map { TwitterJS.tweet(id: "6\($0)", text: "part three \($0)") }).dropLast(30))
        for url in [try archive.writeZip(), try archive.writeFolder()] {
            var results: [(ArchiveReading, [String])] = []
            for workers in [1, 3] {
                var reader = ArchiveReader(url: url)
                reader.partWorkers = workers
                var ids: [String] = []
                let reading = reader.read { record in
                    if case let .tweet(tweet) = record { ids.append(tweet.id) }
                }
                results.append((reading, ids))
            }
            let (one, oneIds) = results[0], (three, threeIds) = results[1]
            #expect(oneIds.sorted() == threeIds.sorted())
            #expect(oneIds.count == 4 + 700 + 299)
            #expect(one.tweets == three.tweets)
            #expect(one.filesRead == three.filesRead)
            #expect(one.problems == three.problems)
            #expect(one.problems.contains { $0.file == "data/tweets-part3.js" })
        }
    }
}
