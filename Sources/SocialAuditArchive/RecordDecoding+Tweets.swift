import Foundation
import SocialAuditCore
import SocialAuditJSON

/// Tweets and note tweets (the whole texts of long posts).
extension RecordDecoding {
    /// The members of a tweet record that ``tweet(_:)`` reads; the reader skips the rest unbuilt.
    static let tweetFilter: JSONKeyFilter = {
        let user = JSONKeyFilter(["screen_name": nil, "id": nil, "id_str": nil, "name": nil])
        let mention = JSONKeyFilter(["screen_name": nil, "id": nil, "id_str": nil, "name": nil])
        let url = JSONKeyFilter(["expanded_url": nil, "url": nil])
        let fields: [String: JSONKeyFilter?] = [
            "id": nil, "id_str": nil, "full_text": nil, "text": nil, "created_at": nil, "deleted_at": nil, "lang": nil,
            "in_reply_to_status_id": nil, "in_reply_to_status_id_str": nil, "in_reply_to_user_id": nil,
            "in_reply_to_user_id_str": nil, "in_reply_to_screen_name": nil,
            "quoted_status_id": nil, "quoted_status_id_str": nil,
            "entities": JSONKeyFilter(["user_mentions": mention, "urls": url]),
            "edit_info": JSONKeyFilter(["edit": JSONKeyFilter(["initialTweetId": nil])]),
            "retweeted_status": JSONKeyFilter(["user": user]),
            "quoted_status": JSONKeyFilter(["user": user]),
            // Grailbird wraps nothing; the current format wraps each tweet in {"tweet": …}.
            "user": user,
        ]
        var root = fields
        root["tweet"] = JSONKeyFilter(fields)
        return JSONKeyFilter(root)
    }()

    /// A tweet record: ids from `…_str` or the number, `full_text` else `text` (an empty text counts).
    static func tweet(_ value: JSONValue) throws(RecordError) -> Tweet {
        let object = try requireObject(unwrap(value, "tweet"), "a tweet")
        guard let id = id(object, "id", "id_str") else {
            throw RecordError(message: "the tweet has no id_str")
        }
        // The id becomes the evidence's id and part of its link: a tweet without a real one is
        // skipped and said rather than audited under an id that names no tweet.
        guard XIdentifiers.isTweetId(id) else {
            throw RecordError(message: "the tweet's id_str is not made of digits only, so it names no tweet")
        }
        guard let rawText = object["full_text"]?.text ?? object["text"]?.text else {
            throw RecordError(message: "tweet \(id) has no full_text")
        }
        let text = HTMLEntities.decode(rawText)
        var mentions: [Mention] = []
        for mention in object["entities"]?["user_mentions"]?.elements ?? [] {
            guard let screenName = mention["screen_name"]?.nonEmptyText else { continue }
            mentions.append(Mention(screenName: screenName, userId: self.id(mention, "id", "id_str"), name: mention["name"]?.nonEmptyText))
        }
        var urls: [String] = []
        for url in object["entities"]?["urls"]?.elements ?? [] {
            if let expanded = url["expanded_url"]?.nonEmptyText ?? url["url"]?.nonEmptyText { urls.append(expanded) }
        }
        var retweetedUser: Mention?
        if let status = object["retweeted_status"], case .object = status, let user = status["user"],
           let screenName = user["screen_name"]?.nonEmptyText {
            retweetedUser = Mention(screenName: screenName, userId: self.id(user, "id", "id_str"), name: user["name"]?.nonEmptyText)
        }
        var tweet = Tweet(
            id: id, createdAt: date(object["created_at"]), text: text, mentions: mentions,
            inReplyToStatusId: self.id(object, "in_reply_to_status_id", "in_reply_to_status_id_str"),
            inReplyToUserId: self.id(object, "in_reply_to_user_id", "in_reply_to_user_id_str"),
            inReplyToScreenName: object["in_reply_to_screen_name"]?.nonEmptyText,
            urls: urls,
            editOfTweetId: object["edit_info"]?["edit"]?["initialTweetId"]?.nonEmptyText,
            deletedAt: date(object["deleted_at"]),
            lang: object["lang"]?.nonEmptyText)
        tweet.retweetOf = retweetedAccount(retweetedUser, text: text, mentions: mentions)
        if let quoted = self.id(object, "quoted_status_id", "quoted_status_id_str") {
            tweet.quotedTweetId = quoted
            tweet.quotedScreenName = object["quoted_status"]?["user"]?["screen_name"]?.nonEmptyText
        } else if !tweet.isRetweet {
            for url in urls {
                if let link = StatusLink(url) {
                    tweet.quotedTweetId = link.id
                    tweet.quotedScreenName = link.screenName
                    break
                }
            }
        }
        if tweet.isRetweet {
            // A retweet repeats the original's reply fields in some exports; it is not a reply.
            tweet.inReplyToStatusId = nil
            tweet.inReplyToUserId = nil
            tweet.inReplyToScreenName = nil
        }
        return tweet
    }

    /// The retweeted account: Grailbird's real `retweeted_status`, otherwise the `RT @user:` text,
    /// whose author is the first user mention (which gives the id).
    static func retweetedAccount(_ retweetedUser: Mention?, text: String, mentions: [Mention]) -> Mention? {
        if let retweetedUser { return retweetedUser }
        let utf8 = text.utf8
        guard utf8.count > 4, utf8.starts(with: "RT @".utf8) else { return nil }
        let rest = text.dropFirst(4)
        let handle: Substring
        // Most handles are ASCII letters, digits and `_` up to an ASCII byte: read as bytes. A byte
        // outside ASCII on the way (a letter of another script, a combining mark) takes the
        // character-wise path, which decides what is a letter.
        if let end = rest.utf8.firstIndex(where: { !($0 >= 0x61 && $0 <= 0x7A || $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x30 && $0 <= 0x39 || $0 == 0x5F) }),
           rest.utf8[end] < 0x80 {
            handle = rest[..<end]
        } else if !rest.utf8.contains(where: { $0 >= 0x80 }) {
            handle = rest
        } else {
            handle = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        }
        guard !handle.isEmpty else { return nil }
        if let first = mentions.first, first.screenName.equalsIgnoringCase(handle) {
            return first
        }
        if let any = mentions.first(where: { $0.screenName.equalsIgnoringCase(handle) }) {
            return any
        }
        return Mention(screenName: String(handle))
    }

    /// A note tweet: its whole text and its mentions (which carry no ids).
    struct NoteTweet {
        var createdAt: Date
        var text: String
        var mentions: [String]
    }

    /// The members of a note tweet record that ``noteTweet(_:)`` reads: the notes are read
    /// before any tweet, on one thread, so what they skip unbuilt is time off the whole reading.
    static let noteTweetFilter: JSONKeyFilter = {
        let fields: [String: JSONKeyFilter?] = [
            "createdAt": nil, "core": JSONKeyFilter(["text": nil, "mentions": JSONKeyFilter(["screenName": nil])]),
        ]
        var root = fields
        root["noteTweet"] = JSONKeyFilter(fields)
        return JSONKeyFilter(root)
    }()

    static func noteTweet(_ value: JSONValue) throws(RecordError) -> NoteTweet {
        let object = try requireObject(unwrap(value, "noteTweet"), "a note tweet")
        guard let createdAt = date(object["createdAt"]) else {
            throw RecordError(message: "the note tweet has no createdAt")
        }
        guard let text = object["core"]?["text"]?.text else {
            throw RecordError(message: "the note tweet has no core.text")
        }
        let mentions = (object["core"]?["mentions"]?.elements ?? []).compactMap { $0["screenName"]?.nonEmptyText }
        return NoteTweet(createdAt: createdAt, text: HTMLEntities.decode(text), mentions: mentions)
    }
}
