/// What X allows as a tweet id and as a username. Archive values pass these checks before they
/// become evidence ids or parts of an `x.com` link, so a forged archive cannot steer a link.
public enum XIdentifiers {
    /// A tweet id: ASCII digits only (ids are 64-bit numbers, so at most 20 of them).
    public static func isTweetId(_ id: String) -> Bool {
        let bytes = id.utf8
        guard !bytes.isEmpty, bytes.count <= 20 else { return false }
        // Over the bytes in place where the string has them so (every tweet's id passes here).
        func digits<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool { bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return bytes.withContiguousStorageIfAvailable(digits) ?? digits(bytes)
    }

    /// A username as X gives them: 1 to 15 ASCII letters, digits or `_`. Only such a name becomes
    /// part of an `x.com/<name>/status/<id>` link; a tweet of any other goes by its id alone.
    public static func isUsername(_ name: String) -> Bool {
        name.utf8.count <= 15 && isUsernameLike(name)
    }

    /// A name of a username's characters, at most 20 (older accounts and hand-made archives carry
    /// up to 20): the reader reports an archive whose username is anything else.
    public static func isUsernameLike(_ name: String) -> Bool {
        let bytes = name.utf8
        return !bytes.isEmpty && bytes.count <= 20 && bytes.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F
        }
    }

    /// The link to a tweet: by the username when X could have given it, else by the id alone
    /// (`x.com/i/status/<id>`, which X resolves to the tweet); nil when the id is not one.
    public static func tweetURL(id: String, username: String? = nil) -> String? {
        guard isTweetId(id) else { return nil }
        guard let username, isUsername(username) else { return "https://x.com/i/status/\(id)" }
        return "https://x.com/\(username)/status/\(id)"
    }
}
