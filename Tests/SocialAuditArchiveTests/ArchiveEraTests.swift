import Foundation
import Testing
import SocialAuditTestSupport
import SocialAuditArchive
import SocialAuditCore

/// The archive of 2018–2019, in the shape Twitter wrote it: data files at the top, singular
/// names, tweets without a wrapper, and dates of DMs and the account as epoch milliseconds.
func archiveOf2018() -> ArchiveFixture {
    ArchiveFixture([
        "Your archive.html": "<html><body>viewer</body></html>",
        "account.js": """
            window.YTD.account.part0 = [ {
              "account" : {
                "phoneNumber" : "+18285550100",
                "email" : "pisgahband@haywood.k12.nc.us",
                "createdVia" : "web",
                "username" : "PisgahBand",
                "accountId" : "287310442",
                "createdAt" : "1303137046000",
                "accountDisplayName" : "Pisgah Band 🎺"
              }
            } ]
            """,
        "tweet.js": """
            window.YTD.tweet.part0 = [ {
              "retweeted" : false,
              "source" : "<a href=\\"http://twitter.com/download/iphone\\" rel=\\"nofollow\\">Twitter for iPhone</a>",
              "entities" : {
                "hashtags" : [ ],
                "symbols" : [ ],
                "user_mentions" : [ {
                  "name" : "Jamie",
                  "screen_name" : "jamie_plays",
                  "indices" : [ "0", "12" ],
                  "id_str" : "900001",
                  "id" : "900001"
                } ],
                "urls" : [ ]
              },
              "display_text_range" : [ "0", "41" ],
              "favorite_count" : "3",
              "in_reply_to_status_id_str" : "1028766210000000000",
              "id_str" : "1028801950330118144",
              "in_reply_to_user_id" : "900001",
              "truncated" : false,
              "retweet_count" : "0",
              "id" : "1028801950330118144",
              "in_reply_to_status_id" : "1028766210000000000",
              "created_at" : "Mon Aug 13 00:55:40 +0000 2018",
              "favorited" : false,
              "full_text" : "@jamie_plays Bien joué ce soir ! Très fier 🎶",
              "lang" : "fr",
              "in_reply_to_screen_name" : "jamie_plays",
              "in_reply_to_user_id_str" : "900001"
            }, {
              "retweeted" : false,
              "source" : "web",
              "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
              "id_str" : "1028000000000000000",
              "id" : "1028000000000000000",
              "created_at" : "Fri Aug 10 19:02:11 +0000 2018",
              "full_text" : "Band camp starts Monday &amp; runs all week",
              "lang" : "en"
            } ]
            """,
        "direct-message.js": """
            window.YTD.direct_message.part0 = [ {
              "dmConversation" : {
                "conversationId" : "287310442-900001",
                "messages" : [ {
                  "messageCreate" : {
                    "recipientId" : "900001",
                    "createdAt" : "1534138567670",
                    "mediaUrls" : [ ],
                    "text" : "Bring your reed case tomorrow",
                    "senderId" : "287310442",
                    "id" : "1028840000000000000"
                  }
                } ]
              }
            }, {
              "dmConversation" : {
                "conversationId" : "287310442-900002",
                "messages" : [ ]
              }
            } ]
            """,
    ])
}

@Suite("Reading every era of the archive")
struct ArchiveEraTests {
    @Test("an archive of 2018: data at the top, no manifest, DMs in direct-message.js, epoch-millisecond dates")
    func archive2018() throws {
        for url in [try archiveOf2018().writeZip(), try archiveOf2018().writeFolder()] {
            let got = Collected(url)
            #expect(got.reading.problems.isEmpty, "\(got.reading.problems)")
            #expect(got.reading.layout == .topLevel)
            #expect(got.reading.manifest == nil)
            #expect(got.reading.account?.accountId == "287310442")
            #expect(got.reading.account?.email == "pisgahband@haywood.k12.nc.us")
            #expect(got.reading.account?.createdAt.map(TwitterDate.iso8601) == "2011-04-18T14:30:46Z")
            #expect(got.tweets.map(\.id) == ["1028801950330118144", "1028000000000000000"])
            #expect(got.tweet("1028801950330118144")?.inReplyToUserId == "900001")
            #expect(got.tweet("1028000000000000000")?.text == "Band camp starts Monday & runs all week")
            #expect(got.reading.conversations == 2)
            let messages = got.conversations.flatMap(\.messages)
            #expect(messages.count == 1)
            #expect(messages.first?.createdAt?.timeIntervalSince1970 == 1_534_138_567.670)
            #expect(messages.first.flatMap(\.createdAt).map(TwitterDate.iso8601) == "2018-08-13T05:36:07Z")
            #expect(got.conversations.last?.participantIds == ["287310442", "900002"])
        }
    }

    @Test("an archive of 2018 wrapped in one folder of a zip reads the same")
    func wrapped2018() throws {
        var wrapped = ArchiveFixture()
        for (path, bytes) in archiveOf2018().files { wrapped.files["twitter-2018-08-13/" + path] = bytes }
        let got = Collected(try wrapped.writeZip())
        #expect(got.reading.problems.isEmpty, "\(got.reading.problems)")
        #expect(got.reading.layout == .topLevel)
        #expect(got.tweets.count == 2)
        #expect(got.conversations.flatMap(\.messages).count == 1)
    }

    @Test("epoch milliseconds are read only as a string of eleven to fifteen digits")
    func epochMilliseconds() {
        #expect(TwitterDate.parse("1534138567670").map(TwitterDate.iso8601) == "2018-08-13T05:36:07Z")
        #expect(TwitterDate.parse("1303137046000").map(TwitterDate.iso8601) == "2011-04-18T14:30:46Z")
        #expect(TwitterDate.parse("2018081300") == nil)
        #expect(TwitterDate.parse("1534138567670x") == nil)
        #expect(TwitterDate.parse("15341385676701234") == nil)
    }
}
