/// Reads a template into ``CompiledTemplate`` steps, as swift-mustache's parser reads it: the
/// same tokens, split in the same places (a partial's indentation is applied per token), the
/// same standalone lines. Nil for anything it leaves to the library (see ``CompiledTemplate``).
struct TemplateParser {
    private struct Declined: Error {}

    private let bytes: [UInt8]
    private var position = 0

    static func parse(_ text: String) -> [CompiledTemplate.Step]? {
        var parser = TemplateParser(bytes: Array(text.utf8))
        guard parser.plainLineEnds(), parser.separateCharacters() else { return nil }
        do {
            return try parser.block(section: nil, newLine: true)
        } catch {
            return nil
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: What the library reads as characters, not bytes

    /// Only LF and CRLF end lines. The library also ends a line at a lone CR, VT, FF, NEL, LS
    /// or PS where it looks for a standalone tag, but not where it splits text.
    private func plainLineEnds() -> Bool {
        for index in bytes.indices {
            switch bytes[index] {
            case 0x0B, 0x0C: return false
            case 0x0D where index + 1 == bytes.count || bytes[index + 1] != 0x0A: return false
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: return false
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                return false
            default: continue
            }
        }
        return true
    }

    /// No ASCII character is one grapheme with its non-ASCII neighbour (a `{` with a combining
    /// accent is not a `{` to the library, which reads characters). Only the bytes around
    /// non-ASCII runs need a look.
    private func separateCharacters() -> Bool {
        var index = 0
        while index < bytes.count {
            guard bytes[index] >= 0x80 else { index += 1; continue }
            var end = index
            while end < bytes.count, bytes[end] >= 0x80 { end += 1 }
            let window = String(decoding: bytes[max(0, index - 1)..<min(bytes.count, end + 1)], as: UTF8.self)
            for character in window where character.unicodeScalars.count > 1 && character.unicodeScalars.contains(where: \.isASCII) {
                return false
            }
            index = end
        }
        return true
    }

    // MARK: The grammar

    private var atEnd: Bool { position == bytes.count }

    /// The length of the line end at `index` (LF or CRLF), or 0.
    private func lineEnd(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        if bytes[index] == 0x0A { return 1 }
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { return 2 }
        return 0
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameByte(_ byte: UInt8, slash: Bool = false, brackets: Bool = true) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            return true
        case UInt8(ascii: "("), UInt8(ascii: ")"): return brackets
        case UInt8(ascii: "/"): return slash
        default: return false
        }
    }

    private mutating func skipWhitespace() {
        while !atEnd, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    private mutating func expect(_ text: String) throws(Declined) {
        for byte in text.utf8 {
            guard !atEnd, bytes[position] == byte else { throw Declined() }
            position += 1
        }
    }

    private mutating func word(slash: Bool = false, brackets: Bool = true) -> String {
        let start = position
        while !atEnd, Self.isNameByte(bytes[position], slash: slash, brackets: brackets) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A tag's name and its `}}`. A name with brackets is a transform, left to the library.
    private mutating func name() throws(Declined) -> String {
        skipWhitespace()
        let name = word()
        skipWhitespace()
        try expect("}}")
        // On bytes: `String.contains` with a string argument goes through Foundation.
        guard !name.utf8.contains(where: { $0 == 0x28 || $0 == 0x29 }) else { throw Declined() }
        return name
    }

    /// After a tag at a line's start: whether only spaces and tabs follow it to the line's end
    /// (or the template's), which is then consumed.
    private mutating func standalone(_ newLine: Bool) -> Bool {
        guard newLine else { return false }
        if atEnd { return true }
        var index = position
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        let end = lineEnd(at: index)
        guard end > 0 else { return false }
        position = index + end
        return true
    }

    /// The steps up to the end of the template, or of the section `section`.
    private mutating func block(section: String?, newLine start: Bool) throws(Declined) -> [CompiledTemplate.Step] {
        var steps: [CompiledTemplate.Step] = []
        var newLine = start
        var before: [UInt8] = []  // the white space that began the line
        while !atEnd {
            if newLine {
                let from = position
                while !atEnd, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
                before = Array(bytes[from..<position])
            }
            // Text, to a line end or a tag.
            let from = position
            var tag = false
            while !atEnd {
                if lineEnd(at: position) > 0 { break }
                if bytes[position] == UInt8(ascii: "{") {
                    // The library reads two characters here, and fails where there are not two.
                    guard position + 1 < bytes.count else { throw Declined() }
                    if bytes[position + 1] == UInt8(ascii: "{") { tag = true; break }
                }
                position += 1
            }
            let text = Array(bytes[from..<position])
            if !tag, !atEnd {
                let end = lineEnd(at: position)
                steps.append(.text(before + text + bytes[position..<position + end]))
                position += end
                newLine = true
                continue
            }
            if tag { position += 2 }
            if !text.isEmpty {
                steps.append(.text(before + text))
                before = []
                newLine = false
            }
            if atEnd {
                // The library reads on past `{{` at the very end and fails.
                if tag { throw Declined() }
                break
            }
            var nextLine = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let name = try name()
                if standalone(newLine) {
                    nextLine = true
                } else if !before.isEmpty {
                    steps.append(.text(before))
                    before = []
                }
                let inner = try block(section: name, newLine: nextLine)
                steps.append(.section(CompiledTemplate.Path(name), inner, inverted: inverted))
            case UInt8(ascii: "/"):
                position += 1
                let name = try name()
                guard let section, name == section else { throw Declined() }
                if !standalone(newLine), !before.isEmpty {
                    steps.append(.text(before))
                }
                return steps
            case UInt8(ascii: "!"):
                position += 1
                // To the first `}}`.
                while true {
                    guard position + 1 < bytes.count else { throw Declined() }
                    if bytes[position] == UInt8(ascii: "}"), bytes[position + 1] == UInt8(ascii: "}") { position += 2; break }
                    position += 1
                }
                nextLine = standalone(newLine)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[position] == UInt8(ascii: "{")
                if !before.isEmpty {
                    steps.append(.text(before))
                    before = []
                }
                position += 1
                let name = try name()
                if triple { try expect("}") }
                steps.append(.variable(CompiledTemplate.Path(name), escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                guard atEnd || bytes[position] != UInt8(ascii: "*") else { throw Declined() }  // a dynamic partial
                skipWhitespace()
                let name = word(slash: true)
                skipWhitespace()
                try expect("}}")
                if !before.isEmpty { steps.append(.text(before)) }
                if standalone(newLine) {
                    nextLine = true
                    steps.append(.partial(name, indentation: before))
                } else {
                    steps.append(.partial(name, indentation: nil))
                }
                before = []
            case UInt8(ascii: "%"):
                position += 1
                skipWhitespace()
                let variable = word(brackets: false)
                skipWhitespace()
                try expect(":")
                skipWhitespace()
                let value = word(brackets: false)
                skipWhitespace()
                try expect("}}")
                guard variable == "CONTENT_TYPE" else { throw Declined() }
                switch value {
                case "HTML_BYTES": steps.append(.contentType(.htmlBytes))
                case "TEXT": steps.append(.contentType(.identity))
                default: throw Declined()  // the library's own HTML escaping, or a content type registered elsewhere
                }
                nextLine = standalone(newLine)
            case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "$"):
                throw Declined()  // set delimiters, inheritance
            default:
                if !before.isEmpty {
                    steps.append(.text(before))
                    before = []
                }
                let name = try name()
                steps.append(.variable(CompiledTemplate.Path(name), escaped: true))
            }
            newLine = nextLine
        }
        guard section == nil else { throw Declined() }
        return steps
    }
}
