import Foundation

/// The bidirectional controls (U+202A–U+202E, U+2066–U+2069), which make text display in
/// another order than it is stored: a file name or a URL that reads one way and is another.
///
/// Every output that shows text to a person (HTML, CSV, e-mail) replaces each with a visible
/// marker, `[U+202E]`, through this one implementation, so a reviewer sees that one was there.
public enum BidiControls {
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// What a control is replaced by.
    public static func marker(_ value: UInt32) -> String { "[U+\(String(value, radix: 16, uppercase: true))]" }

    /// The control whose UTF-8 encoding starts at `index` (all are three bytes, `E2 80 xx` or `E2 81 xx`).
    @inline(__always)
    public static func control(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard bytes[index] == 0xE2, index + 2 < bytes.count else { return nil }
        let value = 0x2000 + (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
        guard bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80,
              (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) else { return nil }
        return value
    }

    /// `text` with each control replaced by its marker; `text` itself when it has none.
    public static func neutralised(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: contains) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if contains(scalar) { out.append(contentsOf: marker(scalar.value).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}

/// A value from an archive (a username, a file name) shown as data in a place made for one line:
/// an e-mail summary, a header.
public enum DisplayText {
    /// The longest a value is shown; longer ones end in an ellipsis.
    public static let defaultLimit = 80

    /// `text` on one line: line breaks, tabs and other controls become spaces (so no value can
    /// start a paragraph of its own), runs of spaces one, bidi controls their markers, and at most
    /// `limit` characters, the last an ellipsis when it was cut.
    public static func singleLine(_ text: String, limit: Int = defaultLimit) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in BidiControls.neutralised(text).unicodeScalars {
            let isSpace = scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            if isSpace {
                if !lastWasSpace { out.append(" ") }
            } else {
                out.append(scalar)
            }
            lastWasSpace = isSpace
        }
        var line = String(out)
        while line.last == " " { line.removeLast() }
        guard line.count > limit else { return line }
        return String(line.prefix(max(0, limit - 1))) + "…"
    }
}
