import Foundation
import SocialAuditCore

/// The data file types the audit reads, by their file name without `-partN.js`.
enum DataType: String, CaseIterable {
    case manifest
    case account
    case profile
    case tweets
    case tweet
    case noteTweet = "note-tweet"
    case deletedTweets = "deleted-tweets"
    case directMessages = "direct-messages"
    case directMessagesGroup = "direct-messages-group"
    case connectedApplication = "connected-application"
    case ipAudit = "ip-audit"

    /// What the file's assignment may start with for this type (`window.YTD.tweets.` and so on).
    var globalNames: [String] {
        switch self {
        case .manifest: ["window.__THAR_CONFIG"]
        case .tweets, .tweet: ["window.YTD.tweets.", "window.YTD.tweet."]
        case .deletedTweets: ["window.YTD.deleted_tweets.", "window.YTD.deleted_tweet."]
        // The 2018–2019 archives name them in the singular.
        case .directMessages: ["window.YTD.direct_messages.", "window.YTD.direct_message."]
        case .directMessagesGroup: ["window.YTD.direct_messages_group.", "window.YTD.direct_message_group."]
        default: ["window.YTD." + rawValue.replacingOccurrences(of: "-", with: "_") + "."]
        }
    }

    /// The manifest's `dataTypes` key for this type.
    var manifestKey: String {
        switch self {
        case .tweets, .tweet: "tweets"
        case .noteTweet: "noteTweet"
        case .deletedTweets: "deletedTweets"
        case .directMessages: "directMessages"
        case .directMessagesGroup: "directMessagesGroup"
        case .connectedApplication: "connectedApplication"
        case .ipAudit: "ipAudit"
        default: rawValue
        }
    }
}

/// A data file of the archive: its path, type and part number.
struct DataFile: Comparable {
    var path: String
    var type: DataType
    var part: Int

    static func < (a: DataFile, b: DataFile) -> Bool {
        (a.part, a.path) < (b.part, b.path)
    }

    init(path: String, type: DataType, part: Int) {
        self.path = path
        self.type = type
        self.part = part
    }

    /// Classifies `data/<name>.js`: `tweets.js` is part 0, `tweets-part1.js` part 1, …
    init?(path: String, name: String) {
        guard name.hasSuffix(".js") else { return nil }
        var base = String(name.dropLast(3))
        var part = 0
        if let range = base.range(of: "-part", options: .backwards),
           let number = Int(base[range.upperBound...]) {
            part = number
            base = String(base[..<range.lowerBound])
        }
        let aliases = ["direct-message": "direct-messages", "direct-message-group": "direct-messages-group",
                       "deleted-tweet": "deleted-tweets"]
        guard let type = DataType(rawValue: aliases[base] ?? base) else { return nil }
        self.path = path
        self.type = type
        self.part = part
    }

    /// The data files in the folder `dataPrefix` by type, each type's in part order, and a
    /// Grailbird archive's monthly tweet files (`data/js/tweets/YYYY_MM.js`).
    static func found(in paths: [String], under dataPrefix: String) -> (byType: [DataType: [DataFile]], grailbirdMonths: [String]) {
        var dataFiles: [DataType: [DataFile]] = [:]
        var grailbirdMonths: [String] = []
        for path in paths where path.hasPrefix(dataPrefix) {
            let name = String(path.dropFirst(dataPrefix.count))
            if name.hasPrefix("js/tweets/"), name.hasSuffix(".js") {
                grailbirdMonths.append(path)
            } else if !name.contains("/"), let file = DataFile(path: path, name: name) {
                dataFiles[file.type, default: []].append(file)
            }
        }
        for key in dataFiles.keys { dataFiles[key]?.sort() }
        return (dataFiles, grailbirdMonths)
    }
}
