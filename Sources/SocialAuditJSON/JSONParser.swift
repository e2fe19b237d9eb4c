import Foundation

/// A syntax error in a JSON record: the byte offset in the parsed bytes and what was expected.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}

/// A recursive-descent JSON parser over UTF-8 bytes.
///
/// Written by hand because the archive needs what Foundation's parsers do not give: numbers
/// kept as text (ids never through a Double), byte offsets in every error so a fault can be
/// reported at its place in a file of hundreds of megabytes, invalid UTF-8 and lone surrogates
/// decoded with U+FFFD and reported rather than failing the record, and a nesting limit so a
/// hostile file cannot overflow the stack. It parses one record at a time (see ``DataFileStream``).
public struct JSONParser {
    /// Deeper nesting than this is refused (real archive records nest five or six levels).
    public static let maximumDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0
    /// Line breaks passed (valid JSON holds them in white space only).
    var newlines = 0
    /// Offsets of strings that held invalid UTF-8 or lone surrogates (decoded with U+FFFD).
    var encodingRepairs: [Int] = []
    /// When set, the byte offset of every object key and array element, by JSON path
    /// (`accounts[2].managr`), so a problem found after parsing can be given its line.
    private var keyOffsets: [String: Int]?
    private var path: [String] = []
    /// The filter of the parse, and its node for the value being parsed (-1: keep everything).
    var filter: JSONKeyFilter?
    var node = -1

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses the whole buffer as one JSON value (surrounding white space allowed).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> (JSONValue, repairs: [Int]) {
        try parse(bytes, keeping: nil)
    }

    /// Parses the whole buffer keeping only what `filter` names (see ``JSONKeyFilter``). The
    /// skipped members are checked exactly as a full parse checks them: the same errors at the
    /// same offsets, and invalid UTF-8 in them reported the same way.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, keeping filter: JSONKeyFilter?) throws(JSONSyntaxError) -> (JSONValue, repairs: [Int]) {
        try read(bytes) { parser throws(JSONSyntaxError) in try parser.value(keeping: filter) }
    }

    public static func parse(_ data: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        do {
            return try data.withUnsafeBufferPointer { buffer in try parse(buffer).0 }
        } catch let error as JSONSyntaxError {
            throw error
        } catch {
            throw JSONSyntaxError(offset: 0, message: "\(error)")
        }
    }

    /// Parses a whole document and returns, with it, the byte offset of every key and array
    /// element by JSON path, for messages that point at a line (configuration and inventory files).
    public static func parseLocated(_ data: [UInt8]) throws(JSONSyntaxError) -> (JSONValue, offsets: [String: Int]) {
        do {
            return try data.withUnsafeBufferPointer { buffer in
                var parser = JSONParser(bytes: buffer)
                parser.keyOffsets = [:]
                parser.skipWhitespace()
                let value = try parser.parseValue()
                parser.skipWhitespace()
                if parser.index < buffer.count {
                    throw JSONSyntaxError(offset: parser.index, message: "unexpected \(describe(buffer[parser.index])) after the value")
                }
                return (value, parser.keyOffsets ?? [:])
            }
        } catch let error as JSONSyntaxError {
            throw error
        } catch {
            throw JSONSyntaxError(offset: 0, message: "\(error)")
        }
    }

    public static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
        return String(format: "byte 0x%02X", byte)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20:
                // A run of spaces (an exported archive is indented), eight at a time.
                while index + 8 <= bytes.count {
                    let others = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) ^ 0x2020_2020_2020_2020
                    index += others == 0 ? 8 : others.trailingZeroBitCount >> 3
                    if others != 0 { break }
                }
                if index < bytes.count, bytes[index] == 0x20 { index += 1 }
            case 0x0D, 0x09: index += 1
            case 0x0A:
                newlines += 1
                index += 1
            default: return
            }
        }
    }

    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: index, message: message)
    }

    func unexpected(expecting what: String) -> JSONSyntaxError {
        if index >= bytes.count { return error("the record ends where \(what) was expected") }
        return error("expected \(what), found \(Self.describe(bytes[index]))")
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw unexpected(expecting: "a value") }
        switch bytes[index] {
        case 0x7B: return try parseObject()
        case 0x5B: return try parseArray()
        case 0x22: return .string(try parseString())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        case 0x2D, 0x30...0x39: return .number(try parseNumber())
        default: throw unexpected(expecting: "a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("expected '\(word)'") }
        for i in 0..<count where bytes[start + i] != word.utf8Start[i] {
            throw error("expected '\(word)'")
        }
        index += count
    }

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw error("nesting deeper than \(Self.maximumDepth) levels")
        }
    }

    // MARK: Objects and arrays
    // The punctuation of objects and arrays is read in one place for building and for skipping,
    // so both give the same errors at the same offsets.

    /// Called after `{` (with `first` true) and after each member's value: moves to the next
    /// member's key and says true, or past the closing `}` and says false.
    mutating func nextMember(_ first: inout Bool) throws(JSONSyntaxError) -> Bool {
        guard try nextItem(&first, closedBy: 0x7D, expecting: "',' or '}'") else { return false }
        guard index < bytes.count, bytes[index] == 0x22 else { throw unexpected(expecting: "a key in quotes") }
        return true
    }

    /// The `:` between a key and its value, and the white space around it.
    mutating func memberColon() throws(JSONSyntaxError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == 0x3A else { throw unexpected(expecting: "':' after a key") }
        index += 1
        skipWhitespace()
    }

    /// Called after `[` (with `first` true) and after each element: moves to the next element and
    /// says true, or past the closing `]` and says false.
    mutating func nextElement(_ first: inout Bool) throws(JSONSyntaxError) -> Bool {
        try nextItem(&first, closedBy: 0x5D, expecting: "',' or ']'")
    }

    /// The separator between two items of an object or an array, or its closing bracket `close`.
    private mutating func nextItem(_ first: inout Bool, closedBy close: UInt8, expecting: String) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if first {
            first = false
        } else {
            guard index < bytes.count, bytes[index] == 0x2C || bytes[index] == close else { throw unexpected(expecting: expecting) }
            if bytes[index] == 0x2C {
                index += 1
                skipWhitespace()
                return true
            }
        }
        if index < bytes.count, bytes[index] == close {
            index += 1
            return false
        }
        return true
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(8)
        var first = true
        while try nextMember(&first) {
            let keyStart = index
            var keep = true
            var child = -1
            var key = ""
            if node >= 0, let filter {
                // Compare the raw key bytes (no escapes in the keys the audit keeps); a kept key
                // is the filter's own string.
                var end = keyStart + 1
                while end < bytes.count, bytes[end] != 0x22, bytes[end] != 0x5C { end += 1 }
                if end < bytes.count, bytes[end] == 0x22, let kept = filter.lookup(node, bytes, keyStart + 1, end) {
                    (key, child) = kept
                    index = end + 1
                } else {
                    keep = false
                    _ = try skipString()
                }
            } else {
                key = try parseString()
            }
            if keyOffsets != nil {
                path.append(path.isEmpty ? key : ".\(key)")
                keyOffsets?[path.joined()] = keyStart
            }
            defer { if keyOffsets != nil { path.removeLast() } }
            try memberColon()
            if keep {
                let saved = node
                node = child
                let value = try parseValue()
                node = saved
                members.append((key, value))
            } else {
                try skipValue()
            }
        }
        return .object(members)
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSONValue] = []
        var first = true
        while try nextElement(&first) {
            if keyOffsets != nil {
                path.append("[\(items.count)]")
                keyOffsets?[path.joined()] = index
            }
            defer { if keyOffsets != nil { path.removeLast() } }
            items.append(try parseValue())
        }
        return .array(items)
    }

    /// Checks a value as ``parseValue()`` would, building nothing.
    mutating func skipValue() throws(JSONSyntaxError) {
        guard index < bytes.count else { throw unexpected(expecting: "a value") }
        switch bytes[index] {
        case 0x7B, 0x5B:
            try enter()
            defer { depth -= 1 }
            let isObject = bytes[index] == 0x7B
            index += 1
            var first = true
            while try isObject ? nextMember(&first) : nextElement(&first) {
                if isObject {
                    _ = try skipString()
                    try memberColon()
                }
                try skipValue()
            }
        case 0x22:
            _ = try skipString()
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        case 0x2D, 0x30...0x39: _ = try parseNumber()
        default: throw unexpected(expecting: "a value")
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if bytes[index] == 0x2D { index += 1 }
        var digits = 0
        while index < bytes.count {
            let c = bytes[index]
            if (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x65 || c == 0x45 || c == 0x2B || c == 0x2D {
                if c >= 0x30 && c <= 0x39 { digits += 1 }
                index += 1
            } else {
                break
            }
        }
        guard digits > 0 else {
            index = start
            throw error("expected a number")
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

}
