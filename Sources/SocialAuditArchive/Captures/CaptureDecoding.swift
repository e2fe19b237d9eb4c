import Foundation
import SocialAuditCore
import SocialAuditJSON

/// Tweets of X API v2 captures (as twarc2 writes them) in the archive reader's model, so that the
/// rules see a captured tweet as they see the same tweet in an archive.
enum CaptureDecoding {
    /// What a page of a capture says of users and referenced tweets (`includes`), or what a
    /// flattened tweet carries inline: ids → handles, and tweet ids → their authors' ids.
    struct Includes {
        var handles: [String: String] = [:]
        var authors: [String: String] = [:]

        /// A page's `includes.users` and `includes.tweets`.
        mutating func take(page includes: JSONValue?) {
            for user in includes?["users"]?.elements ?? [] { takeUser(user) }
            for tweet in includes?["tweets"]?.elements ?? [] { takeReferenced(tweet) }
        }

        /// A flattened tweet's inline users: its author, the account it replies to, its mentions
        /// and its referenced tweets' authors.
        mutating func take(flattened tweet: JSONValue) {
            takeUser(tweet["author"])
            takeUser(tweet["in_reply_to_user"])
            for mention in tweet["entities"]?["mentions"]?.elements ?? [] { takeUser(mention, idKey: "id") }
            for referenced in tweet["referenced_tweets"]?.elements ?? [] { takeReferenced(referenced) }
        }

        private mutating func takeUser(_ user: JSONValue?, idKey: String = "id") {
            guard let id = user?[idKey]?.nonEmptyText, let handle = user?["username"]?.nonEmptyText else { return }
            handles[id] = handle
        }

        private mutating func takeReferenced(_ tweet: JSONValue) {
            guard let id = tweet["id"]?.nonEmptyText, let author = tweet["author_id"]?.nonEmptyText else { return }
            authors[id] = author
            takeUser(tweet["author"])
        }
    }

    /// A v2 tweet object. Its text is the long post's whole text where `note_tweet` gives it;
    /// replies, quotes and retweets come from `referenced_tweets`, their accounts from `includes`.
    static func tweet(_ object: JSONValue, _ includes: Includes) throws(RecordError) -> (tweet: Tweet, authorId: String?) {
        guard case .object = object else { throw RecordError(message: "expected a tweet object, found \(object.kindName)") }
        guard let id = object["id"]?.nonEmptyText, XIdentifiers.isTweetId(id) else {
            throw RecordError(message: "the tweet has no id of digits")
        }
        guard let raw = object["note_tweet"]?["text"]?.text ?? object["text"]?.text else {
            throw RecordError(message: "tweet \(id) has no text")
        }
        let text = HTMLEntities.decode(raw)
        let entities = object["note_tweet"]?["entities"] ?? object["entities"]
        let mentions: [Mention] = (entities?["mentions"]?.elements ?? []).compactMap { mention in
            guard let handle = mention["username"]?.nonEmptyText else { return nil }
            let userId = mention["id"]?.nonEmptyText ?? includes.handles.first { $0.value.equalsIgnoringCase(handle) }?.key
            return Mention(screenName: handle, userId: userId)
        }
        let urls = (object["entities"]?["urls"]?.elements ?? []).compactMap { $0["expanded_url"]?.nonEmptyText ?? $0["url"]?.nonEmptyText }
        var tweet = Tweet(id: id, createdAt: RecordDecoding.date(object["created_at"]), text: text, mentions: mentions,
                          urls: urls, lang: object["lang"]?.nonEmptyText)
        for referenced in object["referenced_tweets"]?.elements ?? [] {
            guard let refId = referenced["id"]?.nonEmptyText else { continue }
            let author = referenced["author_id"]?.nonEmptyText ?? includes.authors[refId]
            let handle = author.flatMap { includes.handles[$0] }
            switch referenced["type"]?.text {
            case "replied_to":
                tweet.inReplyToStatusId = refId
            case "quoted":
                tweet.quotedTweetId = refId
                tweet.quotedScreenName = handle ?? urls.lazy.compactMap(StatusLink.init).first { $0.id == refId }?.screenName
            case "retweeted":
                tweet.retweetOf = handle.map { Mention(screenName: $0, userId: author) }
                    ?? RecordDecoding.retweetedAccount(nil, text: text, mentions: mentions)
            default:
                continue
            }
        }
        if tweet.isRetweet {
            tweet.inReplyToStatusId = nil
        } else if let user = object["in_reply_to_user_id"]?.nonEmptyText {
            tweet.inReplyToUserId = user
            tweet.inReplyToScreenName = includes.handles[user]
        }
        return (tweet, object["author_id"]?.nonEmptyText)
    }
}
