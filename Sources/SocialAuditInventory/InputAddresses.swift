import Foundation
import SocialAuditCore

// Addresses that mail is sent to or from (`reportRecipients`, `mail.from`) are parsed where they
// are read, so a value that is not one address — a line break and a `Bcc:`, a second address, an
// SMTP command — stops `validate` and `run` with its place instead of reaching a header.

extension StrictJSON.Fields {
    /// An e-mail address (``InputType/mailbox``), normalised; nil and a problem when it is not one.
    func mailbox(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        return InputAddresses.checked(text, report: { json.report(path(key), $0) })
    }

    /// A list of e-mail addresses (``InputType/mailboxes``); each that is not one is a problem at its index.
    func mailboxes(_ key: String) -> [String] {
        guard case let .array(items)? = value[key] else { return strings(key) }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.text?.trimmingWhitespaceAndNewlines(), !text.isEmpty else {
                json.report("\(path(key))[\(index)]", "expected a non-empty string, found \(item.kindName)")
                continue
            }
            if let address = InputAddresses.checked(text, report: { json.report("\(path(key))[\(index)]", $0) }) {
                result.append(address)
            }
        }
        return result
    }
}

enum InputAddresses {
    /// `text` as a normalised address, or nil after `report` was told why it is not one. The value
    /// is quoted with its control characters escaped, so the message is one line too.
    static func checked(_ text: String, report: (String) -> Void) -> String? {
        do {
            return try MailAddress.parse(text).description
        } catch {
            report("\(quoted(text)) is not an e-mail address: \(error.reason); expected name@domain or Name <name@domain>")
            return nil
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars.prefix(120) {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || BidiControls.contains(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + (text.unicodeScalars.count > 120 ? "…'" : "'")
    }
}
