import Foundation
import SocialAuditCore
import SocialAuditJSON

/// Why a record was not usable: said in words, for the problem list.
struct RecordError: Error {
    var message: String
}

/// Turns parsed archive records into the model. Every field the archive marks optional is
/// optional here; numbers may come as strings or numbers; ids stay text.
enum RecordDecoding {
    /// Unwraps `{ "tweet" : {…} }`-style records; older tweets have no wrapper.
    static func unwrap(_ value: JSONValue, _ key: String) -> JSONValue {
        if case let .object(members) = value, members.count == 1, members[0].0 == key { return members[0].1 }
        if let inner = value[key], case .object = inner { return inner }
        return value
    }

    static func requireObject(_ value: JSONValue, _ what: String) throws(RecordError) -> JSONValue {
        guard case .object = value else {
            throw RecordError(message: "expected \(what) object, found \(value.kindName)")
        }
        return value
    }

    static func date(_ value: JSONValue?) -> Date? {
        guard let text = value?.nonEmptyText else { return nil }
        return TwitterDate.parse(text)
    }

    // MARK: - Records

    static func manifest(_ value: JSONValue) throws(RecordError) -> ArchiveManifest {
        let object = try requireObject(value, "a manifest")
        let user = object["userInfo"]
        let info = object["archiveInfo"]
        var files: [String: [String]] = [:]
        if case let .object(types)? = object["dataTypes"] {
            for (type, description) in types {
                let names = (description["files"]?.elements ?? []).compactMap { $0["fileName"]?.nonEmptyText }
                if !names.isEmpty { files[type] = names }
            }
        }
        return ArchiveManifest(
            accountId: user?["accountId"]?.nonEmptyText,
            userName: user?["userName"]?.nonEmptyText,
            displayName: user?["displayName"]?.nonEmptyText,
            generationDate: date(info?["generationDate"]),
            isPartialArchive: info?["isPartialArchive"]?.bool,
            sizeBytes: info?["sizeBytes"]?.nonEmptyText,
            dataFiles: files)
    }

    static func account(_ value: JSONValue) throws(RecordError) -> ArchiveAccount {
        let object = try requireObject(unwrap(value, "account"), "an account")
        guard let accountId = object["accountId"]?.nonEmptyText else {
            throw RecordError(message: "the account record has no accountId")
        }
        guard let username = object["username"]?.nonEmptyText else {
            throw RecordError(message: "the account record has no username")
        }
        return ArchiveAccount(
            accountId: accountId, username: username,
            displayName: object["accountDisplayName"]?.nonEmptyText,
            email: object["email"]?.nonEmptyText,
            createdAt: date(object["createdAt"]),
            createdVia: object["createdVia"]?.nonEmptyText)
    }

    /// Grailbird's `user_details.js`.
    static func grailbirdUser(_ value: JSONValue) throws(RecordError) -> ArchiveAccount {
        let object = try requireObject(value, "a user_details")
        guard let accountId = object["id_str"]?.nonEmptyText ?? object["id"]?.nonEmptyText,
              let username = object["screen_name"]?.nonEmptyText else {
            throw RecordError(message: "user_details has no id or screen_name")
        }
        return ArchiveAccount(accountId: accountId, username: username,
                              displayName: object["full_name"]?.nonEmptyText,
                              createdAt: date(object["created_at"]))
    }

    static func grailbirdProfile(_ value: JSONValue) -> Profile {
        Profile(bio: value["bio"]?.nonEmptyText, website: value["url"]?.nonEmptyText,
                location: value["location"]?.nonEmptyText)
    }

    static func profile(_ value: JSONValue) throws(RecordError) -> Profile {
        let object = try requireObject(unwrap(value, "profile"), "a profile")
        let description = object["description"]
        return Profile(bio: description?["bio"]?.nonEmptyText,
                       website: description?["website"]?.nonEmptyText,
                       location: description?["location"]?.nonEmptyText)
    }

    static func conversation(_ value: JSONValue, group: Bool) throws(RecordError) -> Conversation {
        let object = try requireObject(unwrap(value, "dmConversation"), "a conversation")
        guard let id = object["conversationId"]?.nonEmptyText else {
            throw RecordError(message: "the conversation has no conversationId")
        }
        let isOneToOne = !group && id.split(separator: "-").count == 2
        var conversation = Conversation(id: id, kind: isOneToOne ? .oneToOne : .group,
                                        name: object["name"]?.nonEmptyText)
        if isOneToOne {
            for part in id.split(separator: "-") { conversation.participantIds.insert(String(part)) }
        }
        var latestNameAt: Date?
        for event in object["messages"]?.elements ?? [] {
            guard case let .object(members) = event, let (kind, body) = members.first else { continue }
            switch kind {
            case "messageCreate":
                guard let sender = body["senderId"]?.nonEmptyText else { continue }
                let message = DirectMessage(
                    id: body["id"]?.nonEmptyText ?? "", senderId: sender,
                    recipientId: body["recipientId"]?.nonEmptyText,
                    text: body["text"]?.text ?? "", createdAt: date(body["createdAt"]))
                conversation.participantIds.insert(sender)
                if let recipient = message.recipientId { conversation.participantIds.insert(recipient) }
                conversation.messages.append(message)
            case "joinConversation":
                if let who = body["initiatingUserId"]?.nonEmptyText { conversation.participantIds.insert(who) }
                for participant in body["participantsSnapshot"]?.elements ?? [] {
                    if let p = participant.nonEmptyText { conversation.participantIds.insert(p) }
                }
            case "participantsJoin", "participantsLeave":
                if let who = body["initiatingUserId"]?.nonEmptyText { conversation.participantIds.insert(who) }
                for user in body["userIds"]?.elements ?? [] {
                    if let u = user.nonEmptyText { conversation.participantIds.insert(u) }
                }
            case "conversationNameUpdate":
                if let who = body["initiatingUserId"]?.nonEmptyText { conversation.participantIds.insert(who) }
                let at = date(body["createdAt"])
                if let name = body["name"]?.nonEmptyText, latestNameAt == nil || (at ?? .distantPast) >= latestNameAt! {
                    conversation.name = name
                    latestNameAt = at ?? latestNameAt
                }
            default:
                continue
            }
        }
        return conversation
    }

    static func application(_ value: JSONValue) throws(RecordError) -> ConnectedApplication {
        let object = try requireObject(unwrap(value, "connectedApplication"), "a connected application")
        guard let name = object["name"]?.nonEmptyText ?? object["organization"]?["name"]?.nonEmptyText else {
            throw RecordError(message: "the connected application has no name")
        }
        return ConnectedApplication(
            id: object["id"]?.nonEmptyText, name: name,
            organizationName: object["organization"]?["name"]?.nonEmptyText,
            organizationURL: object["organization"]?["url"]?.nonEmptyText,
            description: object["description"]?.nonEmptyText,
            permissions: (object["permissions"]?.elements ?? []).compactMap(\.nonEmptyText),
            approvedAt: date(object["approvedAt"]))
    }

    static func login(_ value: JSONValue) throws(RecordError) -> LoginRecord {
        let object = try requireObject(unwrap(value, "ipAudit"), "a login record")
        guard let ip = object["loginIp"]?.nonEmptyText else {
            throw RecordError(message: "the login record has no loginIp")
        }
        return LoginRecord(accountId: object["accountId"]?.nonEmptyText, createdAt: date(object["createdAt"]), ip: ip)
    }
}

/// A link to a tweet: `https://twitter.com/<user>/status/<id>` (also x.com, mobile., www.).
struct StatusLink {
    var screenName: String
    var id: String

    init?(_ url: String) {
        // Most links are not to tweets: a look at the bytes spares parsing them as URLs.
        guard Self.mentionsStatus(url) else { return nil }
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return nil }
        let hosts = ["twitter.com", "x.com", "www.twitter.com", "www.x.com", "mobile.twitter.com", "mobile.x.com"]
        guard hosts.contains(host) else { return nil }
        let parts = components.path.split(separator: "/")
        guard parts.count >= 3, parts[1] == "status" || parts[1] == "statuses",
              !parts[2].isEmpty, parts[2].allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        screenName = String(parts[0])
        id = String(parts[2])
    }
}

extension StatusLink {
    /// Whether `/status` occurs in the text (a link to a tweet needs it).
    static func mentionsStatus(_ url: String) -> Bool {
        let needle: StaticString = "/status"
        let count = needle.utf8CodeUnitCount
        var text = url
        return text.withUTF8 { b in
            guard b.count >= count, let base = b.baseAddress else { return false }
            var i = 0
            while i <= b.count - count {
                if b[i] == 0x2F, memcmp(base + i, needle.utf8Start, count) == 0 { return true }
                i += 1
            }
            return false
        }
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

/// Decodes the HTML entities that Twitter writes into `full_text`: `&amp;`, `&lt;`, `&gt;`,
/// and the few others seen in older archives (`&quot;`, `&#39;`, numeric references).
/// One pass, so `&amp;lt;` becomes `&lt;` and is never decoded twice.
public enum HTMLEntities {
    public static func decode(_ text: String) -> String {
        guard text.containsByte(0x26) else { return text }
        // On bytes, into one new string: every tweet passes here, and Character-wise slicing
        // cost a tenth of a run. A reference can only shorten the text.
        var source = text
        return source.withUTF8 { b in
            String(unsafeUninitializedCapacity: b.count) { out in
                var i = 0
                var n = 0
                while i < b.count {
                    let c = b[i]
                    if c == 0x26 {
                        // A reference is at most ten bytes up to its `;`.
                        var j = i + 1
                        while j < b.count, j - i <= 10, b[j] != 0x3B { j += 1 }
                        if j < b.count, b[j] == 0x3B, j - i <= 10,
                           let scalar = entity(UnsafeBufferPointer(rebasing: b[(i + 1)..<j])) {
                            UTF8.encode(scalar) { byte in
                                out[n] = byte
                                n += 1
                            }
                            i = j + 1
                            continue
                        }
                    }
                    out[n] = c
                    n += 1
                    i += 1
                }
                return n
            }
        }
    }

    /// The character a reference's name (the bytes between `&` and `;`) stands for.
    private static func entity(_ name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        func named(_ word: StaticString) -> Bool {
            name.count == word.utf8CodeUnitCount && memcmp(name.baseAddress!, word.utf8Start, name.count) == 0
        }
        guard let first = name.first else { return nil }
        if first != 0x23 {
            if named("amp") { return "&" }
            if named("lt") { return "<" }
            if named("gt") { return ">" }
            if named("quot") { return "\"" }
            if named("apos") { return "'" }
            if named("nbsp") { return "\u{00A0}" }
            return nil
        }
        let digits = String(decoding: UnsafeBufferPointer(rebasing: name.dropFirst()), as: UTF8.self)
        let value: UInt32?
        if digits.first == "x" || digits.first == "X" {
            value = UInt32(digits.dropFirst(), radix: 16)
        } else {
            value = UInt32(digits, radix: 10)
        }
        return value.flatMap(UnicodeScalar.init)
    }
}
