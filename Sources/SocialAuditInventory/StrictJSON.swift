import Foundation
import SocialAuditCore
import SocialAuditJSON

/// Reads a district's JSON input (configuration, inventory, roster) strictly: every problem is
/// collected with its JSON path and, where the key exists in the file, its line and column, so a
/// misspelt field is never silently ignored and the person fixing the file is sent to the place.
final class StrictJSON {
    let file: String
    private let bytes: [UInt8]
    private let offsets: [String: Int]
    private(set) var problems: [InputProblem] = []

    private init(file: String, bytes: [UInt8], offsets: [String: Int]) {
        self.file = file
        self.bytes = bytes
        self.offsets = offsets
    }

    /// Parses `bytes`; a syntax error is thrown at once, with its line and column.
    static func parse(file: String, bytes: [UInt8]) throws(InputError) -> (StrictJSON, JSONValue) {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        do {
            let (value, offsets) = try JSONParser.parseLocated(body)
            return (StrictJSON(file: file, bytes: body, offsets: offsets), value)
        } catch {
            let position = TextPosition(offset: error.offset, in: body)
            throw InputError(InputProblem(file: file, line: position.line, column: position.column,
                                          message: "not valid JSON: \(error.message)"))
        }
    }

    /// Records a problem at `path` (the line is that of the key, or of the nearest enclosing one).
    func report(_ path: String, _ message: String) {
        problems.append(place(path).problem(in: file, message))
    }

    static func parent(of path: String) -> String {
        guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return "" }
        return String(path[..<cut])
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An object at `path` whose keys must be those `declared`; nil (and a problem) when it is not
    /// an object. Its annotations (`$schema`, `$comment`) must hold strings, and are ignored.
    func object(_ value: JSONValue, at path: String, declared: InputObject) -> Fields? {
        guard case let .object(members) = value else {
            report(path, "expected an object, found \(value.kindName)")
            return nil
        }
        let allowed = declared.keys, annotations = declared.annotations
        var seen = Set<String>()
        for (key, member) in members {
            if !seen.insert(key).inserted {
                report(Self.join(path, key), "the key '\(key)' is given twice")
            }
            if annotations.contains(key) {
                checkAnnotation(member, at: Self.join(path, key))
            } else if !allowed.contains(key) {
                var message = "unknown key '\(key)'"
                if let near = Self.nearest(key, in: allowed + annotations) { message += "; did you mean '\(near)'?" }
                message += " Expected one of: \(allowed.joined(separator: ", "))"
                report(Self.join(path, key), message)
            }
        }
        return Fields(json: self, path: path, value: value, declaration: declared)
    }

    /// The members of an object whose keys the district names (the lexicon's categories, the
    /// severities' rule ids), `$comment` aside; nil (and a problem) when it is not an object.
    func map(_ value: JSONValue, at path: String, expected: String) -> [(String, JSONValue)]? {
        guard case let .object(members) = value else {
            report(path, "expected \(expected), found \(value.kindName)")
            return nil
        }
        return members.filter { key, member in
            guard key == InputReference.commentKey else { return true }
            checkAnnotation(member, at: Self.join(path, key))
            return false
        }
    }

    /// An annotation holds a string (of any content); anything else is most likely a misplaced value.
    func checkAnnotation(_ value: JSONValue, at path: String) {
        if case .string = value { return }
        report(path, "expected a string, found \(value.kindName)")
    }

    /// The allowed name closest to a misspelt one, when it is close enough to be a likely typo.
    static func nearest(_ name: String, in allowed: [String]) -> String? {
        let lowered = name.lowercased()
        var best: (String, Int)?
        for candidate in allowed {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= max(2, candidate.count / 3), distance < (best?.1 ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Typed access to an object's members, reporting wrong types and missing required keys.
    struct Fields {
        let json: StrictJSON
        let path: String
        let value: JSONValue
        /// The object's declaration, where it has one (a map's members have none); it gives the
        /// fields' ranges and whether they are required, and reading an undeclared key trips.
        var declaration: InputObject?

        init(json: StrictJSON, path: String, value: JSONValue, declaration: InputObject? = nil) {
            self.json = json
            self.path = path
            self.value = value
            self.declaration = declaration
        }

        /// The declared field `key`, or nil for an undeclared object's member.
        private func declared(_ key: String) -> InputField? { declaration?[key] }

        /// Debug builds check that a reader reads only what the reference declares.
        private func checkDeclared(_ key: String) { assert(declaration?.has(key) != false, "'\(key)' is not declared in '\(path)'") }

        func has(_ key: String) -> Bool {
            checkDeclared(key)
            return value[key] != nil
        }

        func path(_ key: String) -> String { StrictJSON.join(path, key) }

        /// A string (a number's text is accepted too, as ids are written both ways).
        func string(_ key: String, required declaredRequired: Bool? = nil) -> String? {
            let required = declaredRequired ?? declared(key)?.required ?? false
            guard let member = value[key] else {
                if required { json.report(path, "the required key '\(key)' is missing") }
                return nil
            }
            switch member {
            case let .string(text):
                let trimmed = text.trimmingWhitespaceAndNewlines()
                if trimmed.isEmpty {
                    if required { json.report(path(key), "expected a non-empty string") }
                    return nil
                }
                return trimmed
            case let .number(text):
                return text
            case .null where !required:
                return nil
            default:
                json.report(path(key), "expected a string, found \(member.kindName)")
                return nil
            }
        }

        /// A list of strings; a missing key is an empty list.
        func strings(_ key: String) -> [String] {
            checkDeclared(key)
            guard let member = value[key] else { return [] }
            guard case let .array(items) = member else {
                json.report(path(key), "expected a list of strings, found \(member.kindName)")
                return []
            }
            var result: [String] = []
            for (index, item) in items.enumerated() {
                if let text = item.text?.trimmingWhitespaceAndNewlines(), !text.isEmpty {
                    result.append(text)
                } else {
                    json.report("\(path(key))[\(index)]", "expected a non-empty string, found \(item.kindName)")
                }
            }
            return result
        }

        /// A whole number within the declared range.
        func integer(_ key: String) -> Int? {
            guard let field = declared(key) else { preconditionFailure("'\(key)' has no declared range") }
            return integer(key, in: field.type.range)
        }

        /// A whole number within `range`.
        func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let member = value[key] else { return nil }
            guard case let .number(text) = member, let number = Int(text) else {
                json.report(path(key), "expected a whole number, found \(member.kindName == "a number" ? text(member) : member.kindName)")
                return nil
            }
            guard range.contains(number) else {
                json.report(path(key), "expected a number from \(range.lowerBound) to \(range.upperBound), found \(number)")
                return nil
            }
            return number
        }

        /// A number from 0 to 1.
        func share(_ key: String) -> Double? {
            checkDeclared(key)
            guard let member = value[key] else { return nil }
            guard case let .number(text) = member, let number = Double(text), (0...1).contains(number) else {
                json.report(path(key), "expected a number from 0 to 1 (such as 0.5), found \(member.kindName == "a number" ? text(member) : member.kindName)")
                return nil
            }
            return number
        }

        private func text(_ value: JSONValue) -> String { value.text ?? value.kindName }

        func bool(_ key: String) -> Bool? {
            checkDeclared(key)
            guard let member = value[key] else { return nil }
            guard case let .bool(flag) = member else {
                json.report(path(key), "expected true or false, found \(member.kindName)")
                return nil
            }
            return flag
        }

        /// A value of a closed set (a tier, a role, …), reporting the accepted values when it is not one.
        func choice<T: RawRepresentable>(_ key: String, of type: T.Type, accepted: [T], required: Bool? = nil) -> T?
        where T.RawValue == String {
            guard let raw = string(key, required: required) else { return nil }
            if let found = accepted.first(where: { $0.rawValue == raw }) { return found }
            let list = accepted.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            json.report(path(key), "'\(raw)' is not a valid \(key); expected one of \(list)")
            return nil
        }

        /// A member list of objects; a missing key is an empty list.
        func array(_ key: String) -> [(String, JSONValue)] {
            checkDeclared(key)
            guard let member = value[key] else { return [] }
            guard case let .array(items) = member else {
                json.report(path(key), "expected a list, found \(member.kindName)")
                return []
            }
            return items.enumerated().map { ("\(path(key))[\($0.offset)]", $0.element) }
        }

        func member(_ key: String) -> JSONValue? {
            checkDeclared(key)
            return value[key]
        }
    }
}

extension StrictJSON {
    /// The place of `path` in the file (the line of its key, or of the nearest enclosing one).
    func place(_ path: String) -> InputPlace {
        var probe = path
        var offset = offsets[probe]
        while offset == nil, !probe.isEmpty {
            probe = Self.parent(of: probe)
            offset = offsets[probe]
        }
        let position = offset.map { TextPosition(offset: $0, in: bytes) }
        return InputPlace(line: position?.line, column: position?.column, path: path.isEmpty ? nil : path)
    }
}
