import Foundation
import SocialAuditCore

/// Reads back a summary written as `.eml`: its sender, recipients and subject, for `socialaudit mail`.
public enum EML {
    public static func parse(_ bytes: [UInt8], report: String) -> MailMessage? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") ?? text.range(of: "\n\n") else { return nil }
        // Unfold the header lines (a line that begins with white space continues the one before).
        var headers: [(String, String)] = []
        // Split on line ends by Character: "\r\n" is one Character, so splitting on "\n" would not split it.
        for line in text[..<end.lowerBound].split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init) {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]).lowercased(), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        func header(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
        // Addresses are kept only when they parse (the composer writes display names as encoded
        // words, so a comma in the header always separates two addresses); the envelope takes their addr-specs.
        guard let from = header("from").flatMap(MailAddress.parsed) else { return nil }
        let to = (header("to") ?? "").split(separator: ",").compactMap { MailAddress.parsed(String($0))?.addrSpec }
        return MailMessage(report: report, from: from.addrSpec, recipients: to, subject: decodeWords(header("subject") ?? ""), bytes: bytes)
    }

    /// Decodes RFC 2047 `=?UTF-8?B?…?=` words (the only kind the composer writes).
    static func decodeWords(_ value: String) -> String {
        var result = ""
        for word in value.split(separator: " ") {
            if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
               let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) {
                result += String(decoding: data, as: UTF8.self)
            } else {
                result += (result.isEmpty ? "" : " ") + word
            }
        }
        return result
    }
}
