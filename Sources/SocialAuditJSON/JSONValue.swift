import Foundation

/// A parsed JSON value of one archive record (one tweet, one conversation, …).
///
/// Numbers keep their text: archive ids reach 19 digits, and an id must never pass through a
/// floating-point type. Objects keep their keys in order; where a key repeats, the last wins.
public enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(a), .array(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.bool(a), .bool(b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// The member `key` of an object (the last one where the key repeats), or nil.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        // Lengths first: most keys differ in length, and a string comparison costs far more.
        let length = key.utf8.count
        for index in members.indices.reversed() where members[index].0.utf8.count == length && members[index].0 == key {
            return members[index].1
        }
        return nil
    }

    /// The element list of an array, or empty.
    public var elements: [JSONValue] {
        if case let .array(items) = self { return items }
        return []
    }

    /// A string, or the text of a number (the archive writes numbers both ways), or nil.
    public var text: String? {
        switch self {
        case let .string(s): s
        case let .number(n): n
        default: nil
        }
    }

    /// A non-empty string or number text.
    public var nonEmptyText: String? {
        guard let t = text, !t.isEmpty else { return nil }
        return t
    }

    public var bool: Bool? {
        switch self {
        case let .bool(b): b
        case let .string(s): s == "true" ? true : (s == "false" ? false : nil)
        default: nil
        }
    }

    /// A short name of the value's type, for messages ("an object", "a string", …).
    public var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// Which members of objects a parse keeps: the keys named, each with the filter for its value
/// (nil keeps the whole value). Other members are checked for syntax and skipped without being
/// built: the audit needs few of a record's fields (tweets are read member by member instead,
/// through ``JSONParser/readObject(_:)``).
/// A filter applies to every element of an array in its place.
public final class JSONKeyFilter: Sendable {
    /// A key kept: its bytes, its string, and the node that filters its value (-1: keep it whole).
    struct Key: Sendable {
        var bytes: [UInt8]
        var key: String
        var child: Int
    }

    /// The filter and those of its values, flattened (the root is node 0), each node's keys by
    /// their length in bytes: a parse follows node numbers, and retains no filter per member.
    let nodes: [[[Key]]]

    public init(_ keys: [String: JSONKeyFilter?]) {
        var nodes: [[[Key]]] = [[]]
        var byLength: [[Key]] = []
        for key in keys.keys.sorted() {
            let bytes = Array(key.utf8)
            while byLength.count <= bytes.count { byLength.append([]) }
            var child = -1
            if let filter = keys[key]! {
                // The child's nodes, renumbered after those already here.
                child = nodes.count
                nodes += filter.nodes.map { $0.map { $0.map { Key(bytes: $0.bytes, key: $0.key, child: $0.child < 0 ? -1 : $0.child + child) } } }
            }
            byLength[bytes.count].append(Key(bytes: bytes, key: key, child: child))
        }
        nodes[0] = byLength
        self.nodes = nodes
    }

    /// The key kept in `node` whose bytes are `start..<end` (a key without escapes), and the node of its value.
    @inline(__always)
    func lookup(_ node: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (key: String, child: Int)? {
        let count = end - start
        return nodes.withUnsafeBufferPointer { nodes in
            guard count < nodes[node].count else { return nil }
            for candidate in nodes[node][count] where candidate.bytes.withUnsafeBufferPointer({ wanted in
                for i in 0..<count where wanted[i] != bytes[start + i] { return false }
                return true
            }) {
                return (candidate.key, candidate.child)
            }
            return nil
        }
    }
}
