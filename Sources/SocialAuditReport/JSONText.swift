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
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the container being written has had a member or element yet.
    private var started: [Bool] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// A value written on its own, to be put in a text at `depth` with ``value(written:)``:
    /// what many findings repeat (a rule's policy sentences) is escaped once.
    init(fragmentAt depth: Int) {
        self.depth = depth
    }

    /// A value made by a text ``init(fragmentAt:)`` of this text's depth, after ``key(_:)``.
    mutating func value(written fragment: JSONText) {
        bytes.append(contentsOf: fragment.bytes)
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
        separate()
        bytes.append(0x22)
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x20)
        bytes.append(0x3A)
        bytes.append(0x20)
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
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    mutating func member(_ key: StaticString, _ value: Date?) {
        if let value { member(key, TwitterDate.iso8601(value)) }
    }

    mutating func string(_ value: String) {
        bytes.append(0x22)
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
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<at]))
                start = at + 1
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
    }

    /// Whether any of the eight bytes is a control character, `"` or `\` (bit tricks: a byte
    /// below 0x20 borrows when 0x20 is taken from it; a byte equal to `"` or `\` is zero once
    /// xored with it).
    private static let spaces = [UInt8](repeating: 0x20, count: 32)

    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs
        return below != 0 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        started.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        // An empty container stays on one line: `[]`, `{}`.
        if started.removeLast() { newLine() }
        bytes.append(bracket)
    }

    private mutating func separate() {
        if started[started.count - 1] { bytes.append(0x2C) } else { started[started.count - 1] = true }
        newLine()
    }

    private mutating func newLine() {
        bytes.append(0x0A)
        let width = 2 * depth
        if width <= Self.spaces.count {
            bytes.append(contentsOf: Self.spaces[0..<width])
        } else {
            bytes.append(contentsOf: repeatElement(0x20, count: width))
        }
    }
}
