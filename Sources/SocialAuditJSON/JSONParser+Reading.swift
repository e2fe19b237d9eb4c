/// Reading a record's members as the parser meets them, for a decoder that builds its model
/// straight from the bytes: what it does not ask for is checked and skipped, and no tree of
/// values is built and freed for what it does (tweets, the bulk of an archive). The checks,
/// errors and offsets are the parser's own, as for a tree.
extension JSONParser {
    /// An object's key as it is written (a key with an escape is never one a decoder looks for).
    public struct Key {
        @usableFromInline let bytes: UnsafeBufferPointer<UInt8>

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// Its length in bytes: a decoder's first test, which most keys fail.
        @inlinable public var count: Int { bytes.count }

        @inlinable @inline(__always) public func `is`(_ name: StaticString) -> Bool {
            guard bytes.count == name.utf8CodeUnitCount else { return false }
            for i in 0..<bytes.count where bytes[i] != name.utf8Start[i] { return false }
            return true
        }
    }

    /// Reads the value at the start of `bytes` (which may go on past it) with `read`: its result,
    /// how many bytes the value took, the line breaks among them, and the repaired strings' offsets.
    /// A value that does not end within `bytes` (the rest of a data file's chunk) is an error like any other.
    public static func read<Value>(prefixOf bytes: UnsafeBufferPointer<UInt8>,
                                   _ read: (inout JSONParser) throws(JSONSyntaxError) -> Value) throws(JSONSyntaxError)
        -> (value: Value, length: Int, newlines: Int, repairs: [Int]) {
        var parser = JSONParser(bytes: bytes)
        let value = try read(&parser)
        return (value, parser.index, parser.newlines, parser.encodingRepairs)
    }

    /// Reads the whole buffer as one value with `read` (white space around it allowed).
    public static func read<Value>(_ bytes: UnsafeBufferPointer<UInt8>,
                                   _ read: (inout JSONParser) throws(JSONSyntaxError) -> Value) throws(JSONSyntaxError)
        -> (value: Value, repairs: [Int]) {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try read(&parser)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw JSONSyntaxError(offset: parser.index, message: "unexpected \(describe(bytes[parser.index])) after the value")
        }
        return (value, parser.encodingRepairs)
    }

    /// The value at the cursor as a tree, keeping what `filter` names (everything where it is nil).
    public mutating func value(keeping filter: JSONKeyFilter?) throws(JSONSyntaxError) -> JSONValue {
        self.filter = filter
        node = filter == nil ? -1 : 0
        return try parseValue()
    }

    /// What the value at the cursor is, by its first byte, for a message ("an object", "a string", …).
    public var kindName: String {
        guard index < bytes.count else { return "nothing" }
        switch bytes[index] {
        case 0x7B: return "an object"
        case 0x5B: return "an array"
        case 0x22: return "a string"
        case 0x74, 0x66: return "a boolean"
        case 0x6E: return "null"
        default: return "a number"
        }
    }

    /// Reads the object at the cursor, handing `member` each key with the parser at its value,
    /// which `member` must read or skip. Any other value is checked and skipped: says false.
    @discardableResult
    public mutating func readObject(_ member: (inout JSONParser, Key) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) -> Bool {
        try readContainer(0x7B) { parser throws(JSONSyntaxError) in
            var first = true
            while try parser.nextMember(&first) {
                let key = try parser.readKey()
                try parser.memberColon()
                try member(&parser, key)
            }
        }
    }

    /// Reads the array at the cursor, handing `element` the parser at each element, which it must
    /// read or skip. Any other value is checked and skipped: says false.
    @discardableResult
    public mutating func readArray(_ element: (inout JSONParser) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) -> Bool {
        try readContainer(0x5B) { parser throws(JSONSyntaxError) in
            var first = true
            while try parser.nextElement(&first) {
                try element(&parser)
            }
        }
    }

    /// Enters the object or array at the cursor (`open`: its bracket) and reads its items with
    /// `items`; any other value is checked and skipped: says false.
    private mutating func readContainer(_ open: UInt8, _ items: (inout JSONParser) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) -> Bool {
        guard index < bytes.count, bytes[index] == open else {
            try skipValue()
            return false
        }
        try enter()
        defer { depth -= 1 }
        index += 1
        try items(&self)
        return true
    }

    /// The key at the cursor, which is past it then.
    private mutating func readKey() throws(JSONSyntaxError) -> Key {
        var end = index + 1
        while end < bytes.count, bytes[end] != 0x22, bytes[end] != 0x5C { end += 1 }
        guard end < bytes.count, bytes[end] == 0x22 else {
            _ = try skipString()
            return Key(bytes: UnsafeBufferPointer(start: nil, count: 0))
        }
        defer { index = end + 1 }
        return Key(bytes: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]))
    }

    /// A string's value or a number's text (the archive writes numbers both ways); any other
    /// value is checked, skipped and nil.
    public mutating func readText() throws(JSONSyntaxError) -> String? {
        guard index < bytes.count else { throw unexpected(expecting: "a value") }
        switch bytes[index] {
        case 0x22: return try parseString()
        case 0x2D, 0x30...0x39: return try parseNumber()
        default:
            try skipValue()
            return nil
        }
    }

    /// Checks the value at the cursor as a tree would, building nothing.
    public mutating func skip() throws(JSONSyntaxError) {
        try skipValue()
    }
}
