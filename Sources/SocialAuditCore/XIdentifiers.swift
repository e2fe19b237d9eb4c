/// What X allows as a tweet id and as a username. Archive values pass these checks before they
/// become evidence ids or parts of an `x.com` link, so a forged archive cannot steer a link.
public enum XIdentifiers {
    /// A tweet id: ASCII digits only (ids are 64-bit numbers, so at most 20 of them).
    public static func isTweetId(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= 20 && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A username: 1 to 20 ASCII letters, digits or `_`. The character set is what keeps a link
    /// safe; X gives new names at most 15 characters, but the sample district (and so its
    /// reports) holds longer ones, so the length is a bound against absurd values only.
    public static func isUsername(_ name: String) -> Bool {
        let bytes = name.utf8
        return !bytes.isEmpty && bytes.count <= 20 && bytes.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F
        }
    }
}
