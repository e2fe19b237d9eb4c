import Foundation
import ZIPFoundation

/// Builds real archives on disk for the tests: folders laid out as Twitter/X lays them out, and
/// zip files written with ZIPFoundation (deflated, as Twitter/X writes them).
public struct ArchiveFixture {
    /// Path inside the archive → file content.
    public var files: [String: [UInt8]] = [:]

    public init(_ files: [String: String] = [:]) {
        for (path, text) in files { self.files[path] = Array(text.utf8) }
    }

    public subscript(path: String) -> String? {
        get { files[path].map { String(decoding: $0, as: UTF8.self) } }
        set { files[path] = newValue.map { Array($0.utf8) } }
    }

    /// A fresh empty folder under the system's temporary folder.
    public static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("socialaudit-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes the archive as an extracted folder named `name` inside `parent`.
    @discardableResult
    public func writeFolder(named name: String = "archive", in parent: URL = temporaryFolder()) throws -> URL {
        let root = parent.appendingPathComponent(name, isDirectory: true)
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    /// Writes the archive as a zip file named `name` inside `parent`.
    @discardableResult
    public func writeZip(named name: String = "archive.zip", in parent: URL = temporaryFolder(),
                  compression: CompressionMethod = .deflate) throws -> URL {
        let url = parent.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for path in files.keys.sorted() {
            let data = Data(files[path]!)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }
}

/// Twitter-style data files: `window.YTD.<name>.part<N> = [ … ]` around JSON records,
/// written with `" : "` and two-space indentation as Twitter/X writes them.
public enum TwitterJS {
    public static func file(_ name: String, part: Int = 0, _ records: [String]) -> String {
        if records.isEmpty { return "window.YTD.\(name).part\(part) = [ ]" }
        return "window.YTD.\(name).part\(part) = [ " + records.joined(separator: ", ") + " ]"
    }

    public static func account(id: String = "1003", username: String = "kjackson", email: String? = "kjackson@gmail.com") -> String {
        let mail = email.map { "\"email\" : \"\($0)\",\n    " } ?? ""
        return file("account", ["""
            {
              "account" : {
                \(mail)"createdVia" : "web",
                "username" : "\(username)",
                "accountId" : "\(id)",
                "createdAt" : "2014-08-01T00:00:00.000Z",
                "accountDisplayName" : "K Jackson"
              }
            }
            """])
    }

    public static func profile(bio: String = "Go Bears", website: String = "https://t.co/abc") -> String {
        file("profile", ["""
            { "profile" : { "description" : { "bio" : "\(bio)", "website" : "\(website)", "location" : "Canton, NC" },
              "avatarMediaUrl" : "https://pbs.twimg.com/profile_images/1/a.jpg" } }
            """])
    }

    public static func manifest(accountId: String = "1003", userName: String = "kjackson", generated: String = "2026-10-31T12:00:00.000Z",
                         dataTypes: String = "") -> String {
        """
        window.__THAR_CONFIG = {
          "userInfo" : { "accountId" : "\(accountId)", "userName" : "\(userName)", "displayName" : "K Jackson" },
          "archiveInfo" : { "sizeBytes" : "123456", "generationDate" : "\(generated)", "isPartialArchive" : false,
            "maxPartSizeBytes" : "53687091200" },
          "readmeInfo" : { "fileName" : "data/README.txt", "directory" : "data/", "name" : "README.txt" },
          "dataTypes" : { \(dataTypes) }
        }
        """
    }

    /// One tweet object, wrapped in `{ "tweet" : … }` unless `wrapped` is false.
    public static func tweet(id: String, text: String, createdAt: String = "Mon Nov 14 17:20:11 +0000 2022",
                      mentions: [(String, String)] = [], replyToUser: String? = nil, replyToName: String? = nil,
                      replyToStatus: String? = nil, urls: [String] = [], extra: String = "", wrapped: Bool = true) -> String {
        let mentionJSON = mentions.map { name, id in
            "{ \"name\" : \"\(name)\", \"screen_name\" : \"\(name)\", \"indices\" : [ \"0\", \"5\" ], \"id_str\" : \"\(id)\", \"id\" : \"\(id)\" }"
        }.joined(separator: ", ")
        let urlJSON = urls.map { "{ \"url\" : \"https://t.co/x\", \"expanded_url\" : \"\($0)\", \"display_url\" : \"x\", \"indices\" : [ \"0\", \"1\" ] }" }
            .joined(separator: ", ")
        var fields = [
            "\"id_str\" : \"\(id)\"", "\"id\" : \"\(id)\"", "\"created_at\" : \"\(createdAt)\"",
            "\"full_text\" : \"\(text)\"", "\"retweeted\" : false", "\"favorite_count\" : \"0\"", "\"lang\" : \"en\"",
            "\"entities\" : { \"user_mentions\" : [ \(mentionJSON) ], \"hashtags\" : [ ], \"symbols\" : [ ], \"urls\" : [ \(urlJSON) ] }",
        ]
        if let replyToUser { fields.append("\"in_reply_to_user_id_str\" : \"\(replyToUser)\"") }
        if let replyToName { fields.append("\"in_reply_to_screen_name\" : \"\(replyToName)\"") }
        if let replyToStatus { fields.append("\"in_reply_to_status_id_str\" : \"\(replyToStatus)\"") }
        if !extra.isEmpty { fields.append(extra) }
        let object = "{\n    " + fields.joined(separator: ",\n    ") + "\n  }"
        return wrapped ? "{\n  \"tweet\" : " + object + "\n}" : object
    }

    /// One long post's whole text (`note-tweet.js`); its mentions carry no ids, its id is not the tweet's.
    public static func note(id: String, createdAt: String, text: String, mentions: [String] = []) -> String {
        let mentionJSON = mentions.map { "{ \"screenName\" : \"\($0)\", \"fromIndex\" : \"0\", \"toIndex\" : \"5\" }" }
            .joined(separator: ", ")
        return """
            { "noteTweet" : { "noteTweetId" : "\(id)", "updatedAt" : "\(createdAt)", "lifecycle" : { "value" : "1" },
              "createdAt" : "\(createdAt)", "core" : { "styletags" : [ ], "urls" : [ ], "text" : "\(text)",
                "mentions" : [ \(mentionJSON) ], "cashtags" : [ ], "hashtags" : [ ] } } }
            """
    }

    public static func message(id: String, sender: String, recipient: String?, text: String, at: String) -> String {
        let to = recipient.map { "\"recipientId\" : \"\($0)\", " } ?? ""
        return "{ \"messageCreate\" : { \(to)\"reactions\" : [ ], \"urls\" : [ ], \"text\" : \"\(text)\", \"mediaUrls\" : [ ], \"senderId\" : \"\(sender)\", \"id\" : \"\(id)\", \"createdAt\" : \"\(at)\" } }"
    }

    public static func conversation(id: String, _ events: [String], name: String? = nil) -> String {
        let named = name.map { "\"name\" : \"\($0)\", " } ?? ""
        return "{ \"dmConversation\" : { \(named)\"conversationId\" : \"\(id)\", \"messages\" : [ \(events.joined(separator: ", ")) ] } }"
    }
}

/// A full, current-format archive of a personal account with the usual quirks.
public func fullArchive() -> ArchiveFixture {
    var fixture = ArchiveFixture([
        "Your archive.html": "<html><body>viewer</body></html>",
        "assets/js/main.js": "console.log('viewer')",
        "data/manifest.js": TwitterJS.manifest(dataTypes: """
            "tweets" : { "files" : [ { "fileName" : "data/tweets.js", "globalName" : "YTD.tweets.part0", "count" : "3" },
                                     { "fileName" : "data/tweets-part1.js", "globalName" : "YTD.tweets.part1", "count" : "1" } ] }
            """),
        "data/account.js": TwitterJS.account(),
        "data/profile.js": TwitterJS.profile(),
        "data/tweets.js": TwitterJS.file("tweets", [
            TwitterJS.tweet(id: "1592345678901234567", text: "@jamie_hoops7 @rsmith great job &amp; congrats",
                            mentions: [("jamie_hoops7", "880001"), ("rsmith", "880002")],
                            replyToUser: "880001", replyToName: "jamie_hoops7", replyToStatus: "1590000000000000001"),
            TwitterJS.tweet(id: "11", text: "RT @NCPublicSchools: Schools are open &gt; closed…",
                            mentions: [("NCPublicSchools", "5001")]),
            TwitterJS.tweet(id: "12", text: "Look at this https://t.co/x", urls: ["https://twitter.com/jamie_hoops7/status/1590000000000000009"]),
        ]),
        "data/tweets-part1.js": TwitterJS.file("tweets", part: 1, [
            TwitterJS.tweet(id: "13", text: "thread, part 2", replyToUser: "1003", replyToName: "kjackson", replyToStatus: "12"),
        ]),
        "data/direct-messages.js": TwitterJS.file("direct_messages", [
            TwitterJS.conversation(id: "1003-880001", [
                TwitterJS.message(id: "m2", sender: "880001", recipient: "1003", text: "ok", at: "2022-11-14T17:26:00.000Z"),
                TwitterJS.message(id: "m1", sender: "1003", recipient: "880001", text: "see you after practice", at: "2022-11-14T17:25:17.171Z"),
            ]),
            // The same conversation continues in a second entry (the archive splits at 1,000 messages).
            TwitterJS.conversation(id: "1003-880001", [
                TwitterJS.message(id: "m0", sender: "1003", recipient: "880001", text: "hi", at: "2022-11-13T10:00:00.000Z"),
            ]),
        ]),
        "data/direct-messages-group.js": TwitterJS.file("direct_messages_group", [
            TwitterJS.conversation(id: "1587000000000000000", [
                TwitterJS.message(id: "g2", sender: "1003", recipient: nil, text: "practice moved", at: "2022-11-15T09:00:00.000Z"),
                "{ \"participantsLeave\" : { \"userIds\" : [ \"880004\" ], \"createdAt\" : \"2022-11-15T08:00:00.000Z\" } }",
                "{ \"participantsJoin\" : { \"initiatingUserId\" : \"1003\", \"userIds\" : [ \"880003\" ], \"createdAt\" : \"2022-11-14T08:00:00.000Z\" } }",
                "{ \"conversationNameUpdate\" : { \"initiatingUserId\" : \"1003\", \"name\" : \"JV Hoops\", \"createdAt\" : \"2022-11-14T07:00:00.000Z\" } }",
                "{ \"joinConversation\" : { \"initiatingUserId\" : \"1003\", \"participantsSnapshot\" : [ \"880001\", \"880004\" ], \"createdAt\" : \"2022-11-14T06:00:00.000Z\" } }",
            ]),
        ]),
        "data/connected-application.js": TwitterJS.file("connected_application", ["""
            { "connectedApplication" : { "organization" : { "name" : "SchoolPointe", "url" : "https://schoolpointe.com" },
              "name" : "SchoolPointe", "description" : "Website push", "permissions" : [ "read", "write" ],
              "approvedAt" : "2020-01-01T00:00:00.000Z", "id" : "12345" } }
            """]),
        "data/ip-audit.js": TwitterJS.file("ip_audit", [
            "{ \"ipAudit\" : { \"accountId\" : \"1003\", \"createdAt\" : \"2022-11-14T17:25:17.171Z\", \"loginIp\" : \"192.0.2.1\" } }",
            "{ \"ipAudit\" : { \"accountId\" : \"1003\", \"createdAt\" : \"2022-11-15T17:25:17.171Z\", \"loginIp\" : \"192.0.2.2\" } }",
        ]),
        "data/follower.js": TwitterJS.file("follower", ["{ \"follower\" : { \"accountId\" : \"9\" } }"]),
    ])
    fixture.files["data/tweets_media/1592345678901234567-a.jpg"] = [0xFF, 0xD8, 0xFF, 0x00]
    return fixture
}

/// A district of one school (pisgah-high) and one staff account, id 1003, owned by a teacher:
/// its inventory, `students` (roster rows after the header) and an empty configuration, written
/// into `folder` beside an `archives/` folder. Returns the configuration's URL.
public func oneAccountDistrict(in folder: URL, handle: String = "kjackson", tier: String = "personal",
                               students: [String]) throws -> URL {
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("archives"), withIntermediateDirectories: true)
    try Data("""
        {"district": {"name": "Haywood County Schools", "emailDomains": ["haywood.k12.nc.us"]},
         "schools": [{"id": "pisgah-high", "name": "Pisgah High School"}],
         "people": [{"email": "kjackson@haywood.k12.nc.us", "name": "K Jackson", "role": "teacher", "school": "pisgah-high"}],
         "accounts": [{"handle": "\(handle)", "accountId": "1003", "tier": "\(tier)", "school": "pisgah-high",
                       "createdBy": "individual", "owner": "kjackson@haywood.k12.nc.us"}]}
        """.utf8).write(to: folder.appendingPathComponent("inventory.json"))
    let roster = (["student_id,school,handle,account_id,first_name,last_name,directory_opt_out"] + students).joined(separator: "\n")
    try Data((roster + "\n").utf8).write(to: folder.appendingPathComponent("students.csv"))
    try Data("{}".utf8).write(to: folder.appendingPathComponent("socialaudit.json"))
    return folder.appendingPathComponent("socialaudit.json")
}
