import Foundation
import SocialAuditCore

// Header values are written so that none can end its header line or start another: every value
// is made one line before it is written, addresses are written from their parsed parts only, and
// a line that would pass RFC 5322's 998 characters is folded or encoded.

extension MIME {
    /// RFC 5322's limit of a header line, CRLF aside.
    static let maximumLine = 998

    /// `From:`/`To:` form of an address: its addr-spec, after its display name when it has one.
    /// The name is written as RFC 2047 encoded words unless it is plain words (letters, digits,
    /// spaces and the other atom characters), so no quote, comma or `<` of it reaches the header.
    public static func mailbox(_ address: MailAddress) -> String {
        guard let name = address.displayName.map({ DisplayText.singleLine($0, limit: 200) }), !name.isEmpty else {
            return address.addrSpec
        }
        let plain = name.utf8.allSatisfy { MailAddress.atext.contains($0) || $0 == 0x20 }
        return "\(plain ? name : encodedWords(name)) <\(address.addrSpec)>"
    }

    /// The `To:` value: each address on its own folded line.
    static func addressList(_ recipients: [String]) -> String {
        let mailboxes = recipients.compactMap(MailAddress.parsed).map(mailbox)
        return mailboxes.isEmpty ? "undisclosed-recipients:;" : mailboxes.joined(separator: ",\r\n ")
    }

    /// A header value: as it is when it is printable ASCII and its line fits, else RFC 2047
    /// encoded words of UTF-8 (base64), each at most 75 characters on a folded line of its own,
    /// never splitting a scalar's bytes. Line breaks and other controls become spaces first.
    public static func encodeHeader(_ value: String, name: String = "Subject") -> String {
        let value = DisplayText.singleLine(value, limit: maximumLine)
        if value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }),
           name.utf8.count + 2 + value.utf8.count <= maximumLine {
            return value
        }
        return encodedWords(value)
    }

    static func encodedWords(_ value: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        // By scalar, not by character: a character of a thousand combining marks would be one
        // over-long word.
        for scalar in value.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if !chunk.isEmpty, (chunk.count + bytes.count + 2) / 3 * 4 > 60 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `name: value` with no bare CR or LF of the value: a CRLF may only be a fold, followed by
    /// a space. Anything else is turned into a space (the composer's values never have one).
    static func header(_ name: String, _ value: String) -> String {
        var out = ""
        let scalars = Array(value.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\r", index + 2 < scalars.count, scalars[index + 1] == "\n", scalars[index + 2] == " " {
                out += "\r\n "
                index += 3
                continue
            }
            out.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
            index += 1
        }
        return "\(name): \(out)"
    }
}
