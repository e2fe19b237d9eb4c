import Foundation
import Testing
import SocialAuditCore
import SocialAuditInventory
import SocialAuditReport
import SocialAuditTestSupport
@testable import SocialAuditMail

/// Defence in depth behind the readers: whatever reaches the composer, no value ends a header
/// line or an SMTP command, and no header line passes 998 characters.
@Suite("E-mail header and command injection")
struct HeaderInjectionTests {
    static let date = Date(timeIntervalSince1970: 1_795_000_000)

    func message(from: String = "socialaudit@haywood.k12.nc.us", to: [String], subject: String = "Audit",
                 extra: [(String, String)] = []) -> String {
        let bytes = MIME.message(from: from, to: to, subject: subject, date: Self.date, messageID: "<x@haywood.k12.nc.us>",
                                 headers: extra, text: "text", html: "<p>html</p>")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The header block's physical lines.
    func headerLines(_ message: String) -> [Substring] {
        let head = message[..<message.range(of: "\r\n\r\n")!.lowerBound]
        return head.split(separator: "\r\n", omittingEmptySubsequences: false)
    }

    /// Every line break of the message is CRLF.
    func onlyCRLF(_ message: String) -> Bool {
        let bytes = Array(message.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) { return false }
            if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { return false }
        }
        return true
    }

    @Test("a recipient with a line break and a Bcc: is not written; no Bcc: line exists")
    func injectedRecipient() {
        let text = message(to: ["principal@haywood.k12.nc.us", "principal@d\r\nBcc: attacker@evil.example", "x@d\nRSET"])
        #expect(!text.contains("Bcc:") && !text.contains("attacker@evil.example") && !text.contains("RSET"))
        #expect(headerLines(text).contains("To: principal@haywood.k12.nc.us"))
        #expect(onlyCRLF(text))
    }

    @Test("a sender that is not one address is replaced, not written")
    func injectedSender() {
        let text = message(from: "audit@d.example\r\nBcc: attacker@evil.example", to: ["a@d.example"])
        #expect(!text.contains("attacker"))
        #expect(headerLines(text).first == "From: socialaudit@localhost")
    }

    @Test("display names: plain words as they are, others as RFC 2047 words, so no quote or comma reaches the header")
    func displayNames() throws {
        #expect(MIME.mailbox(try MailAddress.parse("Pat ONeil <pat@d.example>")) == "Pat ONeil <pat@d.example>")
        let comma = MIME.mailbox(try MailAddress.parse("\"Reed, Morgan\" <mreed@d.example>"))
        #expect(comma.hasPrefix("=?UTF-8?B?") && comma.hasSuffix(" <mreed@d.example>") && !comma.contains(","))
        let accented = MIME.mailbox(try MailAddress.parse("Zoë Müller <zm@d.example>"))
        #expect(accented == "=?UTF-8?B?\(Data("Zoë Müller".utf8).base64EncodedString())?= <zm@d.example>")
        let text = message(to: ["\"Reed, Morgan\" <mreed@d.example>", "b@d.example"])
        let parsed = try #require(EML.parse(Array(text.utf8), report: "district"))
        #expect(parsed.recipients == ["mreed@d.example", "b@d.example"])
    }

    @Test("header values with line breaks become one line; the subject and extra headers cannot add a header")
    func valuesOnOneLine() {
        let text = message(to: ["a@d.example"], subject: "Audit\r\nBcc: attacker@evil.example", extra: [("X-Socialaudit-Report", "x\nBcc: y@evil.example")])
        #expect(!headerLines(text).contains { $0.hasPrefix("Bcc:") })
        #expect(headerLines(text).contains("Subject: Audit Bcc: attacker@evil.example"))
        #expect(onlyCRLF(text))
        #expect(MIME.encodeHeader("é\r\nBcc: x").split(separator: "\r\n").allSatisfy { $0.hasPrefix("=?") || $0.hasPrefix(" =?") })
    }

    @Test("no header line passes 998 characters: long subjects, many recipients, long names, a huge character",
          arguments: [String(repeating: "Pisgah ", count: 400), String(repeating: "x", count: 3000),
                      String(repeating: "é", count: 2000), "e" + String(repeating: "\u{301}", count: 3000)])
    func folded(_ subject: String) {
        let recipients = (0..<300).map { "Principal Number \($0) <principal\($0)@haywood.k12.nc.us>" }
        let text = message(to: recipients, subject: subject, extra: [("X-Socialaudit-Report", subject)])
        let lines = headerLines(text)
        #expect(lines.allSatisfy { $0.utf8.count <= 998 }, "longest \(lines.map(\.utf8.count).max() ?? 0)")
        #expect(lines.filter { $0.hasPrefix("To:") }.count == 1)
        #expect(lines.filter { $0.hasPrefix(" principal") || $0.hasPrefix(" Principal") }.count == 299)
        #expect(onlyCRLF(text))
    }

    @Test("a command with a line break in it is refused before it is sent")
    func commandLineBreak() throws {
        // A listening socket that accepts and stays silent: the refusal comes before any write.
        let connection = try SilentServer.connection()
        #expect(throws: SMTPError.self) { try connection.command("RCPT TO:<a@d.example>\r\nRSET") }
        connection.close()
    }

    @Test("the EHLO name is a host name, or localhost")
    func heloName() {
        #expect(MailDelivery(transport: .smtp(host: "127.0.0.1", port: 25), heloName: "mail.d.example").heloName == "mail.d.example")
        #expect(MailDelivery(transport: .smtp(host: "127.0.0.1", port: 25), heloName: "x\r\nRSET").heloName == "localhost")
    }
}

/// A TCP listener on 127.0.0.1 that never answers, for a connection to exist.
enum SilentServer {
    static func connection() throws -> SMTPConnection {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        listen(listener, 1)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        return try SMTPConnection(host: "127.0.0.1", port: Int(UInt16(bigEndian: address.sin_port)), timeout: 2)
    }
}
