import Foundation
import SocialAuditCore
import SocialAuditJSON

/// Tweets and note tweets (the whole texts of long posts).
extension RecordDecoding {
    /// A tweet record: ids from `…_str` or the number, `full_text` else `text` (an empty text counts).
    static func tweet(_ record: TweetRecord) throws(RecordError) -> Tweet {
        let fields = try record.takeTweet()
        guard let id = fields.id.value else {
            throw RecordError(message: "the tweet has no id_str")
        }
        // The id becomes the evidence's id and part of its link: a tweet without a real one is
        // skipped and said rather than audited under an id that names no tweet.
        guard XIdentifiers.isTweetId(id) else {
            throw RecordError(message: "the tweet's id_str is not made of digits only, so it names no tweet")
        }
        guard let rawText = fields.fullText ?? fields.text else {
            throw RecordError(message: "tweet \(id) has no full_text")
        }
        let text = HTMLEntities.decode(rawText)
        var tweet = Tweet(
            id: id, createdAt: fields.createdAt.flatMap(TwitterDate.parse), text: text, mentions: fields.mentions,
            inReplyToStatusId: fields.inReplyToStatus.value, inReplyToUserId: fields.inReplyToUser.value,
            inReplyToScreenName: fields.inReplyToScreenName, urls: fields.urls, editOfTweetId: fields.editOf,
            deletedAt: fields.deletedAt.flatMap(TwitterDate.parse), lang: fields.lang)
        tweet.retweetOf = retweetedAccount(fields.retweetedUser, text: text, mentions: fields.mentions)
        if let quoted = fields.quotedStatus.value {
            tweet.quotedTweetId = quoted
            // The current archive gives no quoted status, only its id and, among the links, its link.
            tweet.quotedScreenName = fields.quotedScreenName
                ?? fields.urls.lazy.compactMap(StatusLink.init).first { $0.id == quoted }?.screenName
        } else if !tweet.isRetweet, let link = fields.urls.lazy.compactMap(StatusLink.init).first {
            tweet.quotedTweetId = link.id
            tweet.quotedScreenName = link.screenName
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
