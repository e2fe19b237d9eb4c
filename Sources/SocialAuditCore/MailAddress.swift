import Foundation

/// An e-mail address as the district writes it in the inventory or the configuration:
/// an RFC 5322 addr-spec `local@domain`, or a mailbox `Display Name <local@domain>`.
///
/// Only the forms a district needs are accepted: a dot-atom local part (no quoted local parts,
/// no comments), a host name of letters, digits and hyphens (an international domain in its
/// `xn--` form) and a display name of printable characters. Anything else is refused where it is
/// read, so no value can carry a line break, a second address or an SMTP command into a header or
/// a command. Written by hand: no package available here parses addresses, and the subset is small.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public var displayName: String?
    public var localPart: String
    public var domain: String

    /// `local@domain`, as the SMTP envelope (`MAIL FROM`, `RCPT TO`) takes it.
    public var addrSpec: String { "\(localPart)@\(domain)" }

    /// The address as the district wrote it, normalised: `Name <local@domain>` or `local@domain`;
    /// a name with a special character (`,`, `"`, `<`, …) in double quotes, so it parses back the same.
    public var description: String {
        guard let name = displayName else { return addrSpec }
        guard name.contains(where: { Self.specials.contains($0) }) else { return "\(name) <\(addrSpec)>" }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\" <\(addrSpec)>"
    }

    /// RFC 5322 specials: a display name holding one is written in quotes.
    static let specials = Set("<>\"@,;:\\[]().")

    /// Why `text` is not an address, in a sentence for the district's technician.
    public struct Refusal: Error, Sendable, Hashable {
        public var reason: String
    }

    /// Parses `text`; throws why it is not an address of the accepted forms.
    public static func parse(_ text: String) throws(Refusal) -> MailAddress {
        func refuse(_ reason: String) -> Refusal { Refusal(reason: reason) }
        if let control = text.unicodeScalars.first(where: isForbidden) {
            throw refuse("it holds the control character U+\(String(control.value, radix: 16, uppercase: true).leftPadded(4)); an address is one line of printable characters")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count <= 320 else { throw refuse("it is longer than an address can be") }
        var name: String?
        var spec = trimmed
        if trimmed.hasSuffix(">") {
            guard let open = trimmed.lastIndex(of: "<") else { throw refuse("it ends with '>' but has no '<'") }
            spec = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let phrase = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            name = phrase.isEmpty ? nil : try displayName(phrase)
        }
        let (local, domain) = try addrSpec(spec)
        return MailAddress(displayName: name, localPart: local, domain: domain)
    }

    /// The address or nil, for callers that only need to know.
    public static func parsed(_ text: String) -> MailAddress? { try? parse(text) }

    // MARK: - The parts

    /// RFC 5322 atext: the characters of an atom.
    public static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)

    static func addrSpec(_ spec: String) throws(Refusal) -> (String, String) {
        guard let at = spec.lastIndex(of: "@") else {
            throw Refusal(reason: "'\(spec)' is not of the form name@domain")
        }
        let local = String(spec[..<at]), domain = String(spec[spec.index(after: at)...]).lowercased()
        guard !local.isEmpty, local.utf8.count <= 64,
              local.utf8.allSatisfy({ atext.contains($0) || $0 == UInt8(ascii: ".") }),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            throw Refusal(reason: "the part before '@' of '\(spec)' is not a plain mailbox name (letters, digits, and ! # $ % & ' * + - / = ? ^ _ ` { | } ~ between dots)")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let isHostName = domain.utf8.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { $0 == UInt8(ascii: "-") || ($0 < 0x80 && Character(Unicode.Scalar($0)).isLetter) || ($0 >= 0x30 && $0 <= 0x39) }
        }
        guard isHostName else {
            throw Refusal(reason: "the domain of '\(spec)' is not a host name (letters, digits and '-' between dots; an international domain in its xn-- form)")
        }
        return (local, domain)
    }

    /// A display name: printable text, unquoted or in double quotes (`\"` and `\\` inside).
    static func displayName(_ phrase: String) throws(Refusal) -> String {
        var name = phrase
        if phrase.count >= 2, phrase.hasPrefix("\""), phrase.hasSuffix("\"") {
            var unquoted = "", escaped = false
            for character in phrase.dropFirst().dropLast() {
                if escaped {
                    unquoted.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    throw Refusal(reason: "the display name \(phrase) has a quote inside its quotes; write it as \\\"")
                } else {
                    unquoted.append(character)
                }
            }
            if escaped { throw Refusal(reason: "the display name \(phrase) ends in a lone backslash") }
            name = unquoted
        } else if let special = phrase.first(where: { specials.contains($0) && $0 != "." }) {
            throw Refusal(reason: "the display name '\(phrase)' holds '\(special)'; put the name in double quotes")
        }
        name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { throw Refusal(reason: "the display name is empty or too long") }
        return name
    }

    /// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls
    /// (which would show a reader a different address than the one written).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
            || BidiControls.contains(scalar)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
