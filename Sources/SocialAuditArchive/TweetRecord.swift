import SocialAuditCore
import SocialAuditJSON

/// A tweet record's members that the audit reads, taken as the parser meets them: nothing is
/// built for the rest, and no tree of values for these (one built and freed for every tweet of
/// an archive). A repeated key's last value wins, as in a tree of the record.
struct TweetFields {
    /// An id given as `…_str` and as a number: the text is preferred, `-1` is none.
    struct Id {
        var text: String?
        var number: String?
        var value: String? {
            guard let raw = text ?? number, raw != "-1" else { return nil }
            return raw
        }
    }

    var id = Id()
    var fullText: String?
    var text: String?
    var createdAt: String?
    var deletedAt: String?
    var lang: String?
    var inReplyToStatus = Id()
    var inReplyToUser = Id()
    var inReplyToScreenName: String?
    var quotedStatus = Id()
    var quotedScreenName: String?
    var mentions: [Mention] = []
    var urls: [String] = []
    var retweetedUser: Mention?
    var editOf: String?

    /// Reads the member `key` if it is one the audit reads, and says so; leaves it to the caller otherwise.
    mutating func read(_ key: JSONParser.Key, _ parser: inout JSONParser) throws(JSONSyntaxError) -> Bool {
        // By length first: most of a record's keys are none of these.
        switch key.count {
        case 2 where key.is("id"): id.number = try parser.readText().nonEmpty
        case 4 where key.is("text"): text = try parser.readText()
        case 4 where key.is("lang"): lang = try parser.readText().nonEmpty
        // Grailbird's author: not read, but a member of the record as the format has it.
        case 4 where key.is("user"): try parser.skip()
        case 6 where key.is("id_str"): id.text = try parser.readText().nonEmpty
        case 8 where key.is("entities"): try readEntities(&parser)
        case 9 where key.is("full_text"): fullText = try parser.readText()
        case 9 where key.is("edit_info"): try readEditInfo(&parser)
        case 10 where key.is("created_at"): createdAt = try parser.readText().nonEmpty
        case 10 where key.is("deleted_at"): deletedAt = try parser.readText().nonEmpty
        case 13 where key.is("quoted_status"): quotedScreenName = try Self.readUser(in: &parser)?.screenName
        case 16 where key.is("quoted_status_id"): quotedStatus.number = try parser.readText().nonEmpty
        case 16 where key.is("retweeted_status"): retweetedUser = try Self.readUser(in: &parser)
        case 19 where key.is("in_reply_to_user_id"): inReplyToUser.number = try parser.readText().nonEmpty
        case 20 where key.is("quoted_status_id_str"): quotedStatus.text = try parser.readText().nonEmpty
        case 21 where key.is("in_reply_to_status_id"): inReplyToStatus.number = try parser.readText().nonEmpty
        case 23 where key.is("in_reply_to_user_id_str"): inReplyToUser.text = try parser.readText().nonEmpty
        case 23 where key.is("in_reply_to_screen_name"): inReplyToScreenName = try parser.readText().nonEmpty
        case 25 where key.is("in_reply_to_status_id_str"): inReplyToStatus.text = try parser.readText().nonEmpty
        default: return false
        }
        return true
    }

    private mutating func readEntities(_ parser: inout JSONParser) throws(JSONSyntaxError) {
        (mentions, urls) = ([], [])
        try parser.readObject { parser, key throws(JSONSyntaxError) in
            if key.is("user_mentions") {
                mentions = []
                try parser.readArray { parser throws(JSONSyntaxError) in
                    if let mention = try Self.readMention(&parser) { mentions.append(mention) }
                }
            } else if key.is("urls") {
                urls = []
                try parser.readArray { parser throws(JSONSyntaxError) in
                    var expanded: String?, short: String?
                    try parser.readObject { parser, key throws(JSONSyntaxError) in
                        if key.is("expanded_url") { expanded = try parser.readText().nonEmpty }
                        else if key.is("url") { short = try parser.readText().nonEmpty }
                        else { try parser.skip() }
                    }
                    if let url = expanded ?? short { urls.append(url) }
                }
            } else {
                try parser.skip()
            }
        }
    }

    private mutating func readEditInfo(_ parser: inout JSONParser) throws(JSONSyntaxError) {
        editOf = nil
        try parser.readObject { parser, key throws(JSONSyntaxError) in
            guard key.is("edit") else { return try parser.skip() }
            editOf = nil
            try parser.readObject { parser, key throws(JSONSyntaxError) in
                if key.is("initialTweetId") { editOf = try parser.readText().nonEmpty } else { try parser.skip() }
            }
        }
    }

    /// A user mention, or a status's author: its handle (none without one), id and name.
    static func readMention(_ parser: inout JSONParser) throws(JSONSyntaxError) -> Mention? {
        var screenName: String?, name: String?, id = Id()
        try parser.readObject { parser, key throws(JSONSyntaxError) in
            if key.is("screen_name") { screenName = try parser.readText().nonEmpty }
            else if key.is("id_str") { id.text = try parser.readText().nonEmpty }
            else if key.is("id") { id.number = try parser.readText().nonEmpty }
            else if key.is("name") { name = try parser.readText().nonEmpty }
            else { try parser.skip() }
        }
        return screenName.map { Mention(screenName: $0, userId: id.value, name: name) }
    }

    /// The `user` of a status object (`retweeted_status`, `quoted_status`).
    static func readUser(in parser: inout JSONParser) throws(JSONSyntaxError) -> Mention? {
        var user: Mention?
        try parser.readObject { parser, key throws(JSONSyntaxError) in
            if key.is("user") { user = try readMention(&parser) } else { try parser.skip() }
        }
        return user
    }
}

/// A tweet record as the archive writes it: the tweet's members, wrapped in `{"tweet": {…}}`
/// in the current format and bare in Grailbird's. A class: the reader hands it on through
/// generic code, where a struct of some forty fields was copied member by member.
final class TweetRecord {
    var outer = TweetFields()
    /// Members of the record the audit reads, the wrapper's `tweet` among them.
    var outerCount = 0
    /// The last `tweet` member: its members if it is an object, else what it is.
    var inner: TweetFields?
    var innerKind: String?
    var isObject = true
    var kind = "an object"

    static func read(_ parser: inout JSONParser) throws(JSONSyntaxError) -> TweetRecord {
        let record = TweetRecord()
        record.kind = parser.kindName
        record.isObject = try parser.readObject { parser, key throws(JSONSyntaxError) in
            if key.is("tweet") {
                record.outerCount += 1
                record.innerKind = parser.kindName
                var inner = TweetFields()
                let isObject = try parser.readObject { parser, key throws(JSONSyntaxError) in
                    if try !inner.read(key, &parser) { try parser.skip() }
                }
                // Moved, not copied: a copy of the fields retains and releases each of their strings.
                record.inner = isObject ? consume inner : nil
            } else if try record.outer.read(key, &parser) {
                record.outerCount += 1
            } else {
                try parser.skip()
            }
        }
        return record
    }

    /// The tweet's members, handed over (the record keeps none): the wrapper's `tweet` where it is
    /// the record's only member or an object, the record itself otherwise.
    func takeTweet() throws(RecordError) -> TweetFields {
        guard isObject else { throw RecordError(message: "expected a tweet object, found \(kind)") }
        if outerCount == 1, let innerKind, inner == nil {
            throw RecordError(message: "expected a tweet object, found \(innerKind)")
        }
        if let inner = inner.take() { return inner }
        var fields = TweetFields()
        swap(&fields, &outer)
        return fields
    }
}

fileprivate extension Optional where Wrapped == String {
    /// The text where it is not empty.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
