import Foundation

// What the audit needs of a Twitter/X archive, in the archive's own terms. Ids are kept as
// the strings the archive carries: they reach 19 digits and must never pass through a Double.

/// The archive's `manifest.js` (`window.__THAR_CONFIG`): who the archive is of and when it was made.
public struct ArchiveManifest: Sendable, Hashable, Codable {
    public var accountId: String?
    public var userName: String?
    public var displayName: String?
    /// `archiveInfo.generationDate`: when Twitter/X generated the archive.
    public var generationDate: Date?
    public var isPartialArchive: Bool?
    public var sizeBytes: String?
    /// The data files the manifest lists, by type (`tweets` → `["data/tweets.js", …]`).
    public var dataFiles: [String: [String]]

    public init(accountId: String? = nil, userName: String? = nil, displayName: String? = nil,
                generationDate: Date? = nil, isPartialArchive: Bool? = nil, sizeBytes: String? = nil,
                dataFiles: [String: [String]] = [:]) {
        self.accountId = accountId
        self.userName = userName
        self.displayName = displayName
        self.generationDate = generationDate
        self.isPartialArchive = isPartialArchive
        self.sizeBytes = sizeBytes
        self.dataFiles = dataFiles
    }
}

/// The account the archive belongs to (`account.js`).
public struct ArchiveAccount: Sendable, Hashable, Codable {
    public var accountId: String
    public var username: String
    public var displayName: String?
    /// The registered e-mail address; absent where none was given.
    public var email: String?
    public var createdAt: Date?
    public var createdVia: String?

    public init(accountId: String, username: String, displayName: String? = nil, email: String? = nil,
                createdAt: Date? = nil, createdVia: String? = nil) {
        self.accountId = accountId
        self.username = username
        self.displayName = displayName
        self.email = email
        self.createdAt = createdAt
        self.createdVia = createdVia
    }
}

/// The public profile (`profile.js`).
public struct Profile: Sendable, Hashable, Codable {
    public var bio: String?
    /// Usually a t.co short link.
    public var website: String?
    public var location: String?

    public init(bio: String? = nil, website: String? = nil, location: String? = nil) {
        self.bio = bio
        self.website = website
        self.location = location
    }
}

/// An account named in a tweet's `entities.user_mentions` (or a note tweet's mentions, which carry no id).
public struct Mention: Sendable, Hashable, Codable {
    public var screenName: String
    public var userId: String?
    public var name: String?

    public init(screenName: String, userId: String? = nil, name: String? = nil) {
        self.screenName = screenName
        self.userId = userId
        self.name = name
    }
}

/// One tweet, with the entity escapes of `full_text` decoded.
public struct Tweet: Sendable, Hashable, Codable {
    public var id: String
    public var createdAt: Date?
    /// The text as a person reads it: `&amp;`, `&lt;`, `&gt;` decoded. For a long post this is
    /// the whole text from `note-tweet.js` where the archive has it.
    public var text: String
    public var mentions: [Mention]
    public var inReplyToStatusId: String?
    public var inReplyToUserId: String?
    public var inReplyToScreenName: String?
    /// Set on retweets: the retweeted account, from the retweet fields or the `RT @user:` text.
    public var retweetOf: Mention?
    /// Set on quotes: the quoted tweet's id and its author's screen name, from the link to it.
    public var quotedTweetId: String?
    public var quotedScreenName: String?
    /// The expanded links of the tweet.
    public var urls: [String]
    /// For a later version of an edited tweet: the first version's id.
    public var editOfTweetId: String?
    /// For tweets from `deleted-tweets.js`: when the tweet was deleted.
    public var deletedAt: Date?
    public var lang: String?

    public init(id: String, createdAt: Date? = nil, text: String, mentions: [Mention] = [],
                inReplyToStatusId: String? = nil, inReplyToUserId: String? = nil,
                inReplyToScreenName: String? = nil, retweetOf: Mention? = nil,
                quotedTweetId: String? = nil, quotedScreenName: String? = nil, urls: [String] = [],
                editOfTweetId: String? = nil, deletedAt: Date? = nil, lang: String? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.text = text
        self.mentions = mentions
        self.inReplyToStatusId = inReplyToStatusId
        self.inReplyToUserId = inReplyToUserId
        self.inReplyToScreenName = inReplyToScreenName
        self.retweetOf = retweetOf
        self.quotedTweetId = quotedTweetId
        self.quotedScreenName = quotedScreenName
        self.urls = urls
        self.editOfTweetId = editOfTweetId
        self.deletedAt = deletedAt
        self.lang = lang
    }

    /// A retweet: never a mention, never a reply.
    public var isRetweet: Bool { retweetOf != nil }
    /// A reply to a tweet or to an account.
    public var isReply: Bool { inReplyToStatusId != nil || inReplyToUserId != nil || inReplyToScreenName != nil }
    public var isQuote: Bool { quotedTweetId != nil }

    /// Whether this tweet replies to the given account (a thread when it is the author's own).
    public func repliesTo(accountId: String?, username: String?) -> Bool {
        if let id = inReplyToUserId, let accountId, id == accountId { return true }
        if let name = inReplyToScreenName, let username,
           name.equalsIgnoringCase(username) { return true }
        return false
    }
}

/// One direct message.
public struct DirectMessage: Sendable, Hashable, Codable {
    public var id: String
    public var senderId: String
    /// Absent in group conversations.
    public var recipientId: String?
    /// Plain text (DMs are not entity-escaped).
    public var text: String
    public var createdAt: Date?

    public init(id: String, senderId: String, recipientId: String? = nil, text: String, createdAt: Date? = nil) {
        self.id = id
        self.senderId = senderId
        self.recipientId = recipientId
        self.text = text
        self.createdAt = createdAt
    }
}

/// A direct-message conversation, one-to-one or group. A long conversation can come as several
/// entries with the same id (the archive splits at 1,000 messages); ``ConversationSummary`` merges them.
public struct Conversation: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case oneToOne = "one-to-one"
        case group
    }

    public var id: String
    public var kind: Kind
    /// A group conversation's name, the latest the archive shows.
    public var name: String?
    /// Newest first, as in the archive.
    public var messages: [DirectMessage]
    /// Every account id the archive shows taking part: the ids in a one-to-one id, senders and
    /// recipients, and for groups everyone in join, participant and leave events.
    public var participantIds: Set<String>

    public init(id: String, kind: Kind, name: String? = nil, messages: [DirectMessage] = [],
                participantIds: Set<String> = []) {
        self.id = id
        self.kind = kind
        self.name = name
        self.messages = messages
        self.participantIds = participantIds
    }

    public var firstMessageAt: Date? { messages.compactMap(\.createdAt).min() }
    public var lastMessageAt: Date? { messages.compactMap(\.createdAt).max() }
}

/// A connected (third-party) application (`connected-application.js`).
public struct ConnectedApplication: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String
    public var organizationName: String?
    public var organizationURL: String?
    public var description: String?
    public var permissions: [String]
    public var approvedAt: Date?

    public init(id: String? = nil, name: String, organizationName: String? = nil, organizationURL: String? = nil,
                description: String? = nil, permissions: [String] = [], approvedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.organizationName = organizationName
        self.organizationURL = organizationURL
        self.description = description
        self.permissions = permissions
        self.approvedAt = approvedAt
    }
}

/// One login record (`ip-audit.js`).
public struct LoginRecord: Sendable, Hashable, Codable {
    public var accountId: String?
    public var createdAt: Date?
    public var ip: String

    public init(accountId: String? = nil, createdAt: Date? = nil, ip: String) {
        self.accountId = accountId
        self.createdAt = createdAt
        self.ip = ip
    }
}

/// Something in an archive that could not be read: which archive, which file, where, and what.
/// Whatever was read before the fault has been kept and handed on.
public struct ArchiveProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The archive's file or folder name, as found in the archives folder.
    public var archive: String
    /// The file inside the archive (`data/tweets.js`), or nil for the archive as a whole.
    public var file: String?
    /// Byte offset in the (uncompressed) file, 0-based.
    public var offset: Int?
    /// Line in the file, 1-based.
    public var line: Int?
    public var message: String

    public init(archive: String, file: String? = nil, offset: Int? = nil, line: Int? = nil, message: String) {
        self.archive = archive
        self.file = file
        self.offset = offset
        self.line = line
        self.message = message
    }

    /// Where, in words: `data/tweets.js, line 12 (byte 3071)`.
    public var place: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line, let offset {
            parts.append("line \(line) (byte \(offset))")
        } else if let offset {
            parts.append("byte \(offset)")
        }
        return parts.joined(separator: ", ")
    }

    public var description: String {
        let where_ = place
        return where_.isEmpty ? "\(archive): \(message)" : "\(archive): \(where_): \(message)"
    }
}

/// One thing read from an archive, handed on as soon as it is parsed.
public enum ArchiveRecord: Sendable {
    case manifest(ArchiveManifest)
    case account(ArchiveAccount)
    case profile(Profile)
    case tweet(Tweet)
    case conversation(Conversation)
    case application(ConnectedApplication)
    case login(LoginRecord)
}

extension StringProtocol {
    /// Whether the two are equal but for case: ASCII on bytes (handles are ASCII, and this runs
    /// per tweet), anything else through Foundation's case-insensitive comparison.
    @inlinable
    public func equalsIgnoringCase<Other: StringProtocol>(_ other: Other) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else {
            if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) { return false }
            return caseInsensitiveCompare(other) == .orderedSame
        }
        var ascii = true
        var same = true
        for (x, y) in zip(a, b) {
            if x >= 0x80 || y >= 0x80 {
                ascii = false
                break
            }
            let lower = x | 0x20
            if x != y && !(lower == y | 0x20 && lower >= 0x61 && lower <= 0x7A) { same = false }
        }
        return ascii ? same : caseInsensitiveCompare(other) == .orderedSame
    }

    /// Whether the text's UTF-8 holds `byte`.
    @inlinable
    public func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ $0.firstIndex(of: byte) != nil }) { return found }
        return utf8.contains(byte)
    }
}
