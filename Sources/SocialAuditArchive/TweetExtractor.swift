import Foundation
import SocialAuditCore

/// The fields of a tweet record that the audit reads, resolved as ``RecordDecoding`` reads them
/// (ids from `…_str` or the number, empty texts as absent). Both ways of reading a record fill it.
struct RawTweet {
    var id: String?
    /// `full_text`, else `text` (an empty text counts).
    var text: String?
    var createdAt: Date?
    var mentions: [Mention] = []
    var urls: [String] = []
    var inReplyToStatusId: String?
    var inReplyToUserId: String?
    var inReplyToScreenName: String?
    var editOfTweetId: String?
    var deletedAt: Date?
    var lang: String?
    var quotedStatusId: String?
    var quotedScreenName: String?
    /// `retweeted_status.user`, where it is an object with a screen name.
    var retweetedUser: Mention?
}

/// Reads a tweet record's fields straight from its bytes, in one pass, building nothing but the
/// few strings the audit keeps.
///
/// This is the hot path of a nightly run: a busy account's archive holds hundreds of thousands
/// of tweets of forty-odd fields each, and the audit needs a dozen. Building a ``JSONValue``
/// tree per tweet and looking fields up in it cost two thirds of a whole run (measured on the
/// benchmark archive; see the README's Performance section), so this reader walks the bytes
/// once, checks the syntax exactly as ``JSONParser`` does, and notes where the wanted values are.
///
/// It only takes the plain case. Anything else — a syntax error, invalid UTF-8 or a lone
/// surrogate, a repeated key among the wanted ones, a `tweet` member that is not an object,
/// nesting deeper than the parser allows — makes it give up (return nil) and the record goes the
/// general way (``JSONParser`` and ``RecordDecoding/tweet(_:)-(JSONValue)``), which gives every
/// message and repair. So both ways give the same tweets and the same problems; a test compares
/// them on the samples, on generated archives and on the hostile corpus.
enum TweetExtractor {
    /// Gives up: the record is left to the general path.
    struct GiveUp: Error {}

    /// Where a scalar value lies in the record.
    struct Slot {
        enum Kind: UInt8 { case absent, string, escapedString, number, other }
        var kind = Kind.absent
        /// The string's bytes between its quotes (quotes included when escaped), or the number's text.
        var start = 0
        var end = 0
    }

    /// The fields of one object that the audit may read.
    struct Fields {
        var id = Slot(), idStr = Slot(), fullText = Slot(), text = Slot(), createdAt = Slot(), deletedAt = Slot()
        var lang = Slot(), replyStatus = Slot(), replyStatusStr = Slot(), replyUser = Slot(), replyUserStr = Slot()
        var replyScreenName = Slot(), quoted = Slot(), quotedStr = Slot(), editInitial = Slot()
        var quotedScreenName = Slot()
        var retweetedIsObject = false
        var retweetedUser: MentionSlots?
        var mentions: [MentionSlots] = []
        var urls: [(expanded: Slot, url: Slot)] = []
        /// Containers already seen (a repeated one gives up).
        var seen: UInt16 = 0
    }

    struct MentionSlots {
        var screenName = Slot(), id = Slot(), idStr = Slot(), name = Slot()
        var isObject = true
    }

    /// The tweet's fields, or nil where the record must go the general way. `bytes` is the
    /// record and nothing else.
    static func extract(_ bytes: UnsafeBufferPointer<UInt8>) -> RawTweet? {
        guard let (raw, length, _) = extract(prefixOf: bytes) else { return nil }
        // Only white space may follow the record.
        for byte in UnsafeBufferPointer(rebasing: bytes[length...]) where !(byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09) {
            return nil
        }
        return raw
    }

    /// The tweet record at the start of `bytes` (at its `{`, perhaps followed by more of the
    /// file): its fields, its length up to its closing brace and the line breaks in it; nil
    /// where the record must go the general way, or does not end within `bytes`.
    static func extract(prefixOf bytes: UnsafeBufferPointer<UInt8>) -> (RawTweet, length: Int, newlines: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        var cursor = Cursor(base: base, count: bytes.count)
        do throws(GiveUp) {
            // Most records are `{"tweet": {…}}`: the outer fields are made only when needed.
            var outer: Fields?
            var inner = Fields()
            var wrapped = false
            try cursor.expect(0x7B)
            try cursor.enter()
            var first = true
            while try cursor.nextMember(&first) {
                let key = try cursor.key()
                try cursor.colon()
                if cursor.matches(key, "tweet") {
                    // `{"tweet": {…}}`: the tweet is the inner object; a second `tweet` or one
                    // that is not an object is the general path's to explain.
                    guard !wrapped, cursor.peek == 0x7B else { throw GiveUp() }
                    wrapped = true
                    try cursor.tweetObject(&inner)
                } else {
                    if outer == nil { outer = Fields() }
                    try cursor.tweetMember(key, &outer!)
                }
            }
            cursor.depth -= 1
            // The record ends at its closing brace; what follows is the stream's.
            return (try cursor.resolve(wrapped ? inner : outer ?? Fields()), cursor.index, cursor.newlines)
        } catch {
            return nil
        }
    }

    /// A position in the record's bytes; every method checks the syntax as ``JSONParser`` does.
    struct Cursor {
        let base: UnsafePointer<UInt8>
        let count: Int
        var index = 0
        var depth = 0
        /// Line breaks passed (only white space holds them in valid JSON).
        var newlines = 0

        init(base: UnsafePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
        }

        var peek: UInt8 { index < count ? base[index] : 0 }

        mutating func skipWhitespace() {
            var i = index
            var lines = newlines
            defer {
                index = i
                newlines = lines
            }
            while i < count {
                let c = base[i]
                if c == 0x20 {
                    // A run of spaces (an exported archive is indented): to its end, up to eight
                    // at a time. The first byte is a space, so this always moves on.
                    if i + 8 <= count {
                        let others = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ 0x2020_2020_2020_2020
                        i += others == 0 ? 8 : others.trailingZeroBitCount >> 3
                    } else {
                        i += 1
                    }
                    continue
                }
                if c == 0x0A {
                    lines += 1
                } else if c != 0x0D && c != 0x09 {
                    return
                }
                i += 1
            }
        }

        mutating func expect(_ byte: UInt8) throws(GiveUp) {
            guard index < count, base[index] == byte else { throw GiveUp() }
            index += 1
        }

        mutating func enter() throws(GiveUp) {
            depth += 1
            guard depth <= JSONParser.maximumDepth else { throw GiveUp() }
        }

        /// After `{` or a member's value: true at the next key's opening quote, false past `}`.
        mutating func nextMember(_ first: inout Bool) throws(GiveUp) -> Bool {
            skipWhitespace()
            guard index < count else { throw GiveUp() }
            if base[index] == 0x7D {
                index += 1
                first = false
                return false
            }
            if !first {
                try expect(0x2C)
                skipWhitespace()
            }
            first = false
            guard index < count, base[index] == 0x22 else { throw GiveUp() }
            return true
        }

        /// After `[` or an element: true at the next element, false past `]`.
        mutating func nextElement(_ first: inout Bool) throws(GiveUp) -> Bool {
            skipWhitespace()
            guard index < count else { throw GiveUp() }
            if base[index] == 0x5D {
                index += 1
                first = false
                return false
            }
            if !first {
                try expect(0x2C)
                skipWhitespace()
            }
            first = false
            return true
        }

        mutating func colon() throws(GiveUp) {
            // `"key" : value`, as exports write it, in one comparison.
            if index + 3 <= count, base[index] == 0x20, base[index + 1] == 0x3A, base[index + 2] == 0x20 {
                index += 3
                if index < count, base[index] <= 0x20 { skipWhitespace() }
                return
            }
            skipWhitespace()
            try expect(0x3A)
            skipWhitespace()
        }

        /// Reads a key; its slot. A key with escapes is never one the audit wants (as in
        /// ``JSONKeyFilter``), so its slot says so.
        mutating func key() throws(GiveUp) -> Slot {
            try string()
        }

        func matches(_ key: Slot, _ name: StaticString) -> Bool {
            guard key.kind == .string, key.end - key.start == name.utf8CodeUnitCount,
                  base[key.start] == name.utf8Start[0] else { return false }
            return memcmp(base + key.start, name.utf8Start, key.end - key.start) == 0
        }

        /// Reads a string at its opening quote, checking it as ``JSONParser`` would. Gives up on
        /// control characters, bad escapes, lone surrogates and invalid UTF-8 (the general path
        /// explains or repairs them).
        mutating func string() throws(GiveUp) -> Slot {
            let open = index
            var i = index + 1
            var ascii = true
            var escaped = false
            while true {
                // Eight bytes at a time to the next quote, backslash, control character or byte
                // outside ASCII: most of an archive's bytes are in strings.
                if i + 8 <= count {
                    let bits = Self.specialBytes(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    if bits == 0 {
                        i += 8
                        continue
                    }
                    i += bits.trailingZeroBitCount >> 3
                }
                guard i < count else { throw GiveUp() }
                let c = base[i]
                if c == 0x22 { break }
                if c < 0x20 { throw GiveUp() }
                if c >= 0x80 {
                    ascii = false
                } else if c == 0x5C {
                    escaped = true
                    i += 1
                    guard i < count else { throw GiveUp() }
                    switch base[i] {
                    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: break
                    case 0x75:
                        let value = try hex4(i + 1)
                        i += 4
                        if value >= 0xD800 && value <= 0xDBFF {
                            // Only a high surrogate followed by a low one is plain.
                            guard i + 6 < count, base[i + 1] == 0x5C, base[i + 2] == 0x75 else { throw GiveUp() }
                            let low = try hex4(i + 3)
                            guard low >= 0xDC00 && low <= 0xDFFF else { throw GiveUp() }
                            i += 6
                        } else if value >= 0xDC00 && value <= 0xDFFF {
                            throw GiveUp()
                        }
                    default: throw GiveUp()
                    }
                }
                i += 1
            }
            index = i + 1
            if !ascii {
                let content = UnsafeBufferPointer(start: base + open + 1, count: i - open - 1)
                let invalid = transcode(content.makeIterator(), from: UTF8.self, to: UTF32.self,
                                        stoppingOnError: true, into: { _ in })
                if invalid { throw GiveUp() }
            }
            if escaped { return Slot(kind: .escapedString, start: open, end: i + 1) }
            return Slot(kind: .string, start: open + 1, end: i)
        }

        /// The high bit set in each byte of `word` (little-endian) that is `"`, `\\`, below 0x20
        /// or above 0x7F — exact for the lowest such byte, which is all that is used (the classic
        /// "has a zero byte" bit trick, applied to the word xor-ed with each byte sought).
        @inline(__always)
        static func specialBytes(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let zeroQuote = (quote &- ones) & ~quote
            let zeroBackslash = (backslash &- ones) & ~backslash
            let control = (word &- ones &* 0x20) & ~word
            return (zeroQuote | zeroBackslash | control | word) & highs
        }

        func hex4(_ at: Int) throws(GiveUp) -> UInt32 {
            guard at + 4 <= count else { throw GiveUp() }
            var value: UInt32 = 0
            for k in 0..<4 {
                let c = base[at + k]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
                default: throw GiveUp()
                }
                value = value << 4 | digit
            }
            return value
        }

        /// A number, with ``JSONParser``'s (lenient) grammar.
        mutating func number() throws(GiveUp) -> Slot {
            let start = index
            if base[index] == 0x2D { index += 1 }
            var digits = 0
            while index < count {
                let c = base[index]
                if c >= 0x30 && c <= 0x39 {
                    digits += 1
                } else if !(c == 0x2E || c == 0x65 || c == 0x45 || c == 0x2B || c == 0x2D) {
                    break
                }
                index += 1
            }
            guard digits > 0 else { throw GiveUp() }
            return Slot(kind: .number, start: start, end: index)
        }

        mutating func literal(_ word: StaticString) throws(GiveUp) {
            let n = word.utf8CodeUnitCount
            guard index + n <= count else { throw GiveUp() }
            for k in 0..<n where base[index + k] != word.utf8Start[k] { throw GiveUp() }
            index += n
        }

        /// A scalar's slot, or a container checked and skipped (its slot says `other`).
        mutating func scalar() throws(GiveUp) -> Slot {
            guard index < count else { throw GiveUp() }
            switch base[index] {
            case 0x22: return try string()
            case 0x2D, 0x30...0x39: return try number()
            default:
                try skipValue()
                return Slot(kind: .other)
            }
        }

        /// Checks a value as ``JSONParser`` would, keeping nothing.
        mutating func skipValue() throws(GiveUp) {
            guard index < count else { throw GiveUp() }
            switch base[index] {
            case 0x7B:
                index += 1
                try enter()
                var first = true
                while try nextMember(&first) {
                    _ = try string()
                    try colon()
                    try skipValue()
                }
                depth -= 1
            case 0x5B:
                index += 1
                try enter()
                var first = true
                while try nextElement(&first) { try skipValue() }
                depth -= 1
            case 0x22: _ = try string()
            case 0x74: try literal("true")
            case 0x66: try literal("false")
            case 0x6E: try literal("null")
            case 0x2D, 0x30...0x39: _ = try number()
            default: throw GiveUp()
            }
        }

        /// Stores a scalar in its slot; a repeated wanted key gives up (the last one would win).
        mutating func store(_ slot: inout Slot) throws(GiveUp) {
            guard slot.kind == .absent else { throw GiveUp() }
            slot = try scalar()
        }

        /// Marks a container member as seen; a repeated one gives up.
        func once(_ bit: UInt16, _ fields: inout Fields) throws(GiveUp) {
            guard fields.seen & bit == 0 else { throw GiveUp() }
            fields.seen |= bit
        }

        /// Runs `member` for each member of the object here; anything but an object is skipped
        /// (the general path reads no member of it either).
        @inline(__always)
        mutating func eachMember(_ member: (inout Cursor, Slot) throws(GiveUp) -> Void) throws(GiveUp) {
            guard peek == 0x7B else { return try skipValue() }
            index += 1
            try enter()
            var first = true
            while try nextMember(&first) {
                let key = try key()
                try colon()
                try member(&self, key)
            }
            depth -= 1
        }

        /// Runs `element` for each element of the array here; anything but an array is skipped.
        @inline(__always)
        mutating func eachElement(_ element: (inout Cursor) throws(GiveUp) -> Void) throws(GiveUp) {
            guard peek == 0x5B else { return try skipValue() }
            index += 1
            try enter()
            var first = true
            while try nextElement(&first) { try element(&self) }
            depth -= 1
        }

        mutating func tweetObject(_ fields: inout Fields) throws(GiveUp) {
            try eachMember { cursor, key throws(GiveUp) in try cursor.tweetMember(key, &fields) }
        }

        mutating func tweetMember(_ key: Slot, _ f: inout Fields) throws(GiveUp) {
            guard key.kind == .string else { return try skipValue() }
            switch key.end - key.start {
            case 2 where matches(key, "id"): try store(&f.id)
            case 6 where matches(key, "id_str"): try store(&f.idStr)
            case 9 where matches(key, "full_text"): try store(&f.fullText)
            case 4 where matches(key, "text"): try store(&f.text)
            case 4 where matches(key, "lang"): try store(&f.lang)
            case 10 where matches(key, "created_at"): try store(&f.createdAt)
            case 10 where matches(key, "deleted_at"): try store(&f.deletedAt)
            case 21 where matches(key, "in_reply_to_status_id"): try store(&f.replyStatus)
            case 25 where matches(key, "in_reply_to_status_id_str"): try store(&f.replyStatusStr)
            case 19 where matches(key, "in_reply_to_user_id"): try store(&f.replyUser)
            case 23 where matches(key, "in_reply_to_user_id_str"): try store(&f.replyUserStr)
            case 23 where matches(key, "in_reply_to_screen_name"): try store(&f.replyScreenName)
            case 16 where matches(key, "quoted_status_id"): try store(&f.quoted)
            case 20 where matches(key, "quoted_status_id_str"): try store(&f.quotedStr)
            case 8 where matches(key, "entities"):
                try once(1, &f)
                try eachMember { cursor, key throws(GiveUp) in
                    if cursor.matches(key, "user_mentions") {
                        try cursor.once(2, &f)
                        try cursor.eachElement { cursor throws(GiveUp) in
                            var mention = MentionSlots()
                            if cursor.peek == 0x7B {
                                try cursor.eachMember { cursor, key throws(GiveUp) in
                                    try cursor.userMember(key, &mention)
                                }
                            } else {
                                try cursor.skipValue()
                                mention.isObject = false
                            }
                            f.mentions.append(mention)
                        }
                    } else if cursor.matches(key, "urls") {
                        try cursor.once(4, &f)
                        try cursor.eachElement { cursor throws(GiveUp) in
                            var expanded = Slot(), url = Slot()
                            try cursor.eachMember { cursor, key throws(GiveUp) in
                                if cursor.matches(key, "expanded_url") {
                                    try cursor.store(&expanded)
                                } else if cursor.matches(key, "url") {
                                    try cursor.store(&url)
                                } else {
                                    try cursor.skipValue()
                                }
                            }
                            f.urls.append((expanded, url))
                        }
                    } else {
                        try cursor.skipValue()
                    }
                }
            case 9 where matches(key, "edit_info"):
                try once(8, &f)
                try eachMember { cursor, key throws(GiveUp) in
                    guard cursor.matches(key, "edit") else { return try cursor.skipValue() }
                    try cursor.once(16, &f)
                    try cursor.eachMember { cursor, key throws(GiveUp) in
                        guard cursor.matches(key, "initialTweetId") else { return try cursor.skipValue() }
                        try cursor.store(&f.editInitial)
                    }
                }
            case 16 where matches(key, "retweeted_status"):
                try once(32, &f)
                f.retweetedIsObject = peek == 0x7B
                try eachMember { cursor, key throws(GiveUp) in
                    guard cursor.matches(key, "user") else { return try cursor.skipValue() }
                    try cursor.once(64, &f)
                    var user = MentionSlots()
                    user.isObject = cursor.peek == 0x7B
                    try cursor.eachMember { cursor, key throws(GiveUp) in try cursor.userMember(key, &user) }
                    f.retweetedUser = user
                }
            case 13 where matches(key, "quoted_status"):
                try once(128, &f)
                try eachMember { cursor, key throws(GiveUp) in
                    guard cursor.matches(key, "user") else { return try cursor.skipValue() }
                    try cursor.once(256, &f)
                    try cursor.eachMember { cursor, key throws(GiveUp) in
                        guard cursor.matches(key, "screen_name") else { return try cursor.skipValue() }
                        try cursor.store(&f.quotedScreenName)
                    }
                }
            default:
                try skipValue()
            }
        }

        /// A member of a user or mention object: screen_name, id, id_str, name.
        mutating func userMember(_ key: Slot, _ m: inout MentionSlots) throws(GiveUp) {
            if matches(key, "screen_name") {
                try store(&m.screenName)
            } else if matches(key, "id") {
                try store(&m.id)
            } else if matches(key, "id_str") {
                try store(&m.idStr)
            } else if matches(key, "name") {
                try store(&m.name)
            } else {
                try skipValue()
            }
        }

        // MARK: Values

        /// A string's text or a number's (``JSONValue/text``), nil for anything else.
        func text(_ slot: Slot) throws(GiveUp) -> String? {
            let bytes = UnsafeBufferPointer(start: base + slot.start, count: slot.end - slot.start)
            switch slot.kind {
            case .string, .number:
                return String(decoding: bytes, as: UTF8.self)
            case .escapedString:
                // Escapes are rare in the fields kept: the parser decodes them, so both paths agree.
                guard let parsed = try? JSONParser.parse(bytes), parsed.repairs.isEmpty,
                      case let .string(text) = parsed.0 else { throw GiveUp() }
                return text
            case .absent, .other:
                return nil
            }
        }

        func nonEmpty(_ slot: Slot) throws(GiveUp) -> String? {
            guard slot.kind != .absent, slot.kind != .other, slot.end > slot.start else { return nil }
            guard let text = try text(slot), !text.isEmpty else { return nil }
            return text
        }

        /// A date (``RecordDecoding/date(_:)``): read from the bytes where it is a plain string,
        /// sparing a string per tweet.
        func date(_ slot: Slot) throws(GiveUp) -> Date? {
            guard slot.kind == .string else { return try nonEmpty(slot).flatMap(TwitterDate.parse) }
            var end = slot.end
            while end > slot.start, base[end - 1] == 0x20 { end -= 1 }
            return TwitterDate.parse(bytes: UnsafeBufferPointer(start: base + slot.start, count: end - slot.start))
        }

        /// An id: `…_str`, else the number; `-1` means none (``RecordDecoding/id(_:_:)``).
        func id(_ string: Slot, _ number: Slot) throws(GiveUp) -> String? {
            guard let raw = try nonEmpty(string, else: number), raw != "-1" else { return nil }
            return raw
        }

        /// The first slot's non-empty text, else the second's.
        func nonEmpty(_ first: Slot, else second: Slot) throws(GiveUp) -> String? {
            if let text = try nonEmpty(first) { return text }
            return try nonEmpty(second)
        }

        func resolve(_ f: Fields) throws(GiveUp) -> RawTweet {
            var raw = RawTweet()
            raw.id = try id(f.idStr, f.id)
            raw.text = try text(f.fullText)
            if raw.text == nil { raw.text = try text(f.text) }
            raw.createdAt = try date(f.createdAt)
            for m in f.mentions where m.isObject {
                guard let screenName = try nonEmpty(m.screenName) else { continue }
                raw.mentions.append(Mention(screenName: screenName, userId: try id(m.idStr, m.id), name: try nonEmpty(m.name)))
            }
            for (expanded, url) in f.urls {
                if let link = try nonEmpty(expanded, else: url) { raw.urls.append(link) }
            }
            raw.inReplyToStatusId = try id(f.replyStatusStr, f.replyStatus)
            raw.inReplyToUserId = try id(f.replyUserStr, f.replyUser)
            raw.inReplyToScreenName = try nonEmpty(f.replyScreenName)
            raw.editOfTweetId = try nonEmpty(f.editInitial)
            raw.deletedAt = try date(f.deletedAt)
            raw.lang = try nonEmpty(f.lang)
            raw.quotedStatusId = try id(f.quotedStr, f.quoted)
            raw.quotedScreenName = try nonEmpty(f.quotedScreenName)
            if f.retweetedIsObject, let user = f.retweetedUser, user.isObject,
               let screenName = try nonEmpty(user.screenName) {
                raw.retweetedUser = Mention(screenName: screenName, userId: try id(user.idStr, user.id),
                                            name: try nonEmpty(user.name))
            }
            return raw
        }
    }
}
