import Foundation
import SocialAuditCore

/// A JSON text written straight into bytes, pretty-printed with two spaces, for `findings.json`.
///
/// Written here rather than with Foundation's `JSONEncoder`: encoding a few hundred findings
/// through `Encodable` containers took longer than rendering every HTML page of the run (the
/// largest part of a nightly run that reads no archive, measured with `make bench`). The writer
/// knows only what the file holds — objects whose keys the caller gives in sorted order, arrays,
/// strings, integers, booleans — and a test holds its output to `JSONEncoder`'s.
struct JSONText {
    private let buffer: ByteBuffer
    var bytes: [UInt8] { buffer.bytes }
    var output: ByteBuffer { buffer }
    private var depth = 0
    /// Whether the container being written has had a member or element yet: a bit per depth
    /// (the text's containers nest a few levels deep; an array of flags was checked for
    /// uniqueness on every member).
    private var started: UInt64 = 0

    init(capacity: Int = 0) {
        buffer = ByteBuffer(capacity: capacity)
    }

    /// A value written on its own, to be put in a text at `depth` with ``value(written:)``:
    /// what many findings repeat (a rule's policy sentences) is escaped once.
    init(fragmentAt depth: Int) {
        buffer = ByteBuffer(capacity: 1024)
        self.depth = depth
    }

    /// A value made by a text ``init(fragmentAt:)`` of this text's depth, after ``key(_:)``.
    mutating func value(written fragment: JSONText) {
        buffer.append(fragment.buffer)
    }

    mutating func object(_ members: (inout JSONText) -> Void) {
        open(0x7B)
        members(&self)
        close(0x7D)
    }

    mutating func array<S: Sequence>(_ elements: S, _ element: (inout JSONText, S.Element) -> Void) {
        open(0x5B)
        for value in elements {
            separate()
            element(&self, value)
        }
        close(0x5D)
    }

    /// `"key" : ` before a member's value, after a comma and a new line when it is not the first.
    mutating func key(_ key: StaticString) {
        // Comma, new line, indentation, `"key" : `: one piece, room made once.
        let comma = isStarted ? 1 : 0
        isStarted = true
        let width = 2 * depth
        let length = key.utf8CodeUnitCount
        buffer.append(count: comma + 1 + width + length + 5) { out in
            var at = 0
            if comma == 1 { out[0] = 0x2C; at = 1 }
            out[at] = 0x0A
            (out + at + 1).initialize(repeating: 0x20, count: width)
            at += 1 + width
            out[at] = 0x22
            (out + at + 1).initialize(from: key.utf8Start, count: length)
            at += 1 + length
            out[at] = 0x22
            out[at + 1] = 0x20
            out[at + 2] = 0x3A
            out[at + 3] = 0x20
        }
    }

    /// A new line after the text's last line.
    mutating func endLine() {
        buffer.append(0x0A)
    }

    mutating func member(_ key: StaticString, _ value: String) {
        self.key(key)
        string(value)
    }

    mutating func member(_ key: StaticString, _ value: String?) {
        if let value { member(key, value) }
    }

    mutating func member(_ key: StaticString, _ value: Int?) {
        if let value {
            self.key(key)
            buffer.append(String(value))
        }
    }

    mutating func member(_ key: StaticString, _ value: Date?) {
        if let value { member(key, TwitterDate.iso8601(value)) }
    }

    mutating func string(_ value: String) {
        buffer.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time while none needs escaping (policy sentences and tweets
                // are long, and most of findings.json).
                if index + 8 <= utf8.count {
                    let word = UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if !Self.needsEscape(word) { index += 8; continue }
                }
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                let at = index - 1
                buffer.append(UnsafeBufferPointer(rebasing: utf8[start..<at]))
                start = at + 1
                switch byte {
                case 0x22: buffer.append(0x5C); buffer.append(0x22)
                case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
                case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
                case 0x0D: buffer.append(0x5C); buffer.append(0x72)
                case 0x09: buffer.append(0x5C); buffer.append(0x74)
                case 0x08: buffer.append(0x5C); buffer.append(0x62)
                case 0x0C: buffer.append(0x5C); buffer.append(0x66)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    for escaped in [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]] { buffer.append(escaped) }
                }
            }
            buffer.append(UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        buffer.append(0x22)
    }

    /// Whether any of the eight bytes is a control character, `"` or `\` (bit tricks: a byte
    /// below 0x20 borrows when 0x20 is taken from it; a byte equal to `"` or `\` is zero once
    /// xored with it).
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs
        return below != 0 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    /// Whether the innermost container has had a member or element yet.
    private var isStarted: Bool {
        get { started & (1 << UInt64(depth)) != 0 }
        set { if newValue { started |= 1 << UInt64(depth) } else { started &= ~(1 << UInt64(depth)) } }
    }

    private mutating func open(_ bracket: UInt8) {
        precondition(depth < 63, "findings.json nests a few levels deep")
        buffer.append(bracket)
        depth += 1
        isStarted = false
    }

    private mutating func close(_ bracket: UInt8) {
        // An empty container stays on one line: `[]`, `{}`.
        let wasStarted = isStarted
        depth -= 1
        if wasStarted { newLine() }
        buffer.append(bracket)
    }

    private mutating func separate() {
        if isStarted { buffer.append(0x2C) } else { isStarted = true }
        newLine()
    }

    private mutating func newLine() {
        buffer.append(0x0A)
        let width = 2 * depth
        buffer.append(repeating: 0x20, count: width)
    }
}
