/// JSON strings: read, or checked and skipped without being built.
extension JSONParser {
    /// Checks a string as ``parseString()`` would, building nothing where it can: plain text,
    /// valid UTF-8 and the one-letter escapes. A `\u` escape (surrogates, repairs), invalid UTF-8,
    /// a control character or an unclosed string take the full path, for exactly its errors and repairs.
    mutating func skipString() throws(JSONSyntaxError) -> String {
        let open = index
        var i = index + 1
        var ascii = true
        scan: while true {
            i = Self.plainRun(bytes, from: i, ascii: &ascii)
            guard i < bytes.count else { break }
            let c = bytes[i]
            if c == 0x22 {
                if ascii || Self.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[open + 1..<i])) {
                    index = i + 1
                    return ""
                }
                break
            }
            // A backslash or a control character.
            guard c == 0x5C, i + 1 < bytes.count else { break }
            switch bytes[i + 1] {
            case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 2
            default: break scan
            }
        }
        index = open
        return try parseString()
    }

    /// The first byte from `from` on that ends a string's plain text (a quote, a backslash or a
    /// control character), or the end; `ascii` becomes false where a byte of the run is not ASCII.
    /// Eight bytes at a time: most of an archive's bytes are inside strings.
    @inline(__always)
    static func plainRun(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, ascii: inout Bool) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = from
        var high: UInt64 = 0
        while i + 8 <= bytes.count {
            let x = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
            let quote = x ^ (0x22 &* ones), backslash = x ^ (0x5C &* ones)
            // A byte is flagged where it is zero (the quote, the backslash) or below 0x20; the
            // lowest flag is exact (a borrow only reaches the bytes above it).
            let stops = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (x &- 0x20 &* ones) & ~x) & highs
            if stops != 0 {
                let at = stops.trailingZeroBitCount >> 3
                let below: UInt64 = at == 0 ? 0 : ~0 >> UInt64(64 - 8 * at)
                high |= x & highs & below
                i += at
                if high != 0 { ascii = false }
                return i
            }
            high |= x & highs
            i += 8
        }
        if high != 0 { ascii = false }
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 || c == 0x5C || c < 0x20 { break }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        return i
    }

    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Parses a string at `index` (which is at the opening quote).
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let start = index
        // No escapes: the string is the bytes as they are.
        var ascii = true
        index = Self.plainRun(bytes, from: start, ascii: &ascii)
        if index < bytes.count, bytes[index] != 0x5C {
            let c = bytes[index]
            guard c == 0x22 else {
                throw error("a control character (\(Self.describe(c))) inside a string; it must be escaped")
            }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            return ascii ? String(decoding: slice, as: UTF8.self) : decodeUTF8(slice, at: start)
        }
        guard index < bytes.count else {
            index = open
            throw error("a string that is never closed")
        }
        return try parseEscapedString(open: open, start: start)
    }

    /// The rest of a string from its first backslash (at `index`) on: escapes change the bytes,
    /// so the string is built in a copy of them.
    private mutating func parseEscapedString(open: Int, start: Int) throws(JSONSyntaxError) -> String {
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        var repaired = false
        while index < bytes.count {
            let c = bytes[index]
            if c == 0x22 {
                index += 1
                let text = out.withUnsafeBufferPointer { decodeUTF8($0, at: start) }
                if repaired { encodingRepairs.append(start) }
                return text
            }
            if c < 0x20 {
                throw error("a control character (\(Self.describe(c))) inside a string; it must be escaped")
            }
            if c != 0x5C {
                out.append(c)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            try unescape(into: &out, repaired: &repaired)
        }
        index = open
        throw error("a string that is never closed")
    }

    /// The escape after a backslash (its letter at `index`), its bytes appended to `out`.
    private mutating func unescape(into out: inout [UInt8], repaired: inout Bool) throws(JSONSyntaxError) {
        let e = bytes[index]
        index += 1
        switch e {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x2F: out.append(0x2F)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x75:
            let value = try unicodeEscape(repaired: &repaired)
            let scalar = UnicodeScalar(value) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            index -= 1
            throw error("an unknown escape '\\\(Character(UnicodeScalar(e)))' in a string")
        }
    }

    /// The scalar of a `\u` escape (its digits at `index`), a surrogate pair joined; a lone
    /// surrogate is U+FFFD, and `repaired` says so.
    private mutating func unicodeEscape(repaired: inout Bool) throws(JSONSyntaxError) -> UInt32 {
        var scalarValue = try hex4()
        if (0xD800...0xDBFF).contains(scalarValue) {
            // A high surrogate must be followed by `\u` and a low surrogate.
            if index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 {
                let save = index
                index += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) {
                    scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = save
                    scalarValue = 0xFFFD
                    repaired = true
                }
            } else {
                scalarValue = 0xFFFD
                repaired = true
            }
        } else if (0xDC00...0xDFFF).contains(scalarValue) {
            scalarValue = 0xFFFD
            repaired = true
        }
        return scalarValue
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: throw error("a \\u escape needs four hex digits, found \(Self.describe(c))")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Decodes UTF-8, replacing invalid sequences with U+FFFD and remembering where.
    mutating func decodeUTF8(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        var allASCII = true
        for c in slice where c >= 0x80 {
            allASCII = false
            break
        }
        if allASCII { return String(decoding: slice, as: UTF8.self) }
        if let valid = String(validating: slice, as: UTF8.self) { return valid }
        encodingRepairs.append(offset)
        return String(decoding: slice, as: UTF8.self)
    }
}
