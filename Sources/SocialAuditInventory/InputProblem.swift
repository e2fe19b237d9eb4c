import Foundation

/// A problem in one of the district's input files (configuration, inventory, roster):
/// the file, the place (line and column, or a path such as `accounts[2].managr`) and what was expected.
public struct InputProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// A JSON path (`accounts[2].managr`) or, for XML, the element's path (`/inventory/accounts/account[3]`).
    public var path: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `inventory.json:12:7: accounts[2].managr: unknown key; expected one of …`
    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        if let path, !path.isEmpty { place += ": \(path)" }
        return "\(place): \(message)"
    }
}

/// An input that cannot be used, with every problem found in it (not only the first).
public struct InputError: Error, Sendable, LocalizedError {
    public var problems: [InputProblem]

    public init(_ problems: [InputProblem]) {
        self.problems = problems
    }

    public init(_ problem: InputProblem) {
        self.problems = [problem]
    }

    public var errorDescription: String? {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// Where an entry sits in an input file: its line and column and, for JSON, its path.
public struct InputPlace: Sendable, Hashable, Codable {
    public var line: Int?
    public var column: Int?
    public var path: String?

    public init(line: Int? = nil, column: Int? = nil, path: String? = nil) {
        self.line = line
        self.column = column
        self.path = path
    }

    public func problem(in file: String, _ message: String) -> InputProblem {
        InputProblem(file: file, line: line, column: column, path: path, message: message)
    }
}

/// Text files from a district's systems are UTF-8, but a student information system or a
/// spreadsheet may write Windows-1252. Bytes that are not valid UTF-8 are read as Windows-1252
/// (every byte means something there) and the caller is told, rather than names being mangled
/// into U+FFFD.
enum InputText {
    /// A whole input file, or a problem that says why it cannot be read.
    static func contents(of url: URL) throws(InputError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw InputError(InputProblem(file: url.path, message: "cannot be read: \(InventoryReader.reason(error))"))
        }
    }

    static func utf8(_ bytes: [UInt8]) -> (bytes: [UInt8], transcoded: Bool) {
        if String(validating: bytes, as: UTF8.self) != nil { return (bytes, false) }
        guard let text = String(data: Data(bytes), encoding: .windowsCP1252) else { return (bytes, false) }
        return (Array(text.utf8), true)
    }

    static func note(_ file: String) -> String {
        "\(file) is not UTF-8; it was read as Windows-1252. Save it as UTF-8 to be sure names are read as written"
    }
}
