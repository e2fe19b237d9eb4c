import Foundation
import SocialAuditCore

/// The student roster as read, with the line (or JSON path) of each student for messages.
public struct LoadedRoster: Sendable {
    public var students: [Student]
    public var file: String
    public var places: [InputPlace]
    /// Columns of a CSV roster that are not the roster's and were ignored (a student information
    /// system exports more than the audit needs).
    public var ignoredColumns: [String]
    /// Set when the file was not UTF-8 and was read as Windows-1252.
    public var encodingNote: String?

    public var optedOut: Int { students.filter(\.directoryOptOut).count }
}

/// Reads the roster from CSV (with a header row) or JSON (an array of objects with the same keys),
/// told apart by content.
public enum RosterReader {
    // The columns, which are required and their defaults are those of the input reference (docs/inputs.md).
    public static let requiredColumns = InputReference.roster.fields.filter(\.required).map(\.key)
    public static let optionalColumns = InputReference.roster.fields.filter { !$0.required }.map(\.key)
    static let columns = InputReference.roster.keys
    static let defaultOptOut: Bool = {
        guard case let .boolean(flag)? = InputReference.roster["directory_opt_out"].defaultValue else {
            preconditionFailure("directory_opt_out has no default")
        }
        return flag
    }()

    public static func load(_ url: URL) throws(InputError) -> LoadedRoster {
        try read(InputText.contents(of: url), file: url.path)
    }

    public static func read(_ bytes: [UInt8], file: String) throws(InputError) -> LoadedRoster {
        var roster: LoadedRoster
        switch InputFormat.sniff(bytes) {
        case .json: roster = try readJSON(bytes, file: file)
        case .empty: throw InputError(InputProblem(file: file, message: "the roster is empty; expected a header row: \(columns.joined(separator: ","))"))
        case .xml: throw InputError(InputProblem(file: file, line: 1, message: "the roster is XML; expected CSV with a header row (\(columns.joined(separator: ","))) or JSON"))
        case .unknown:
            let text = InputText.utf8(bytes)
            roster = try readCSV(text.bytes, file: file)
            if text.transcoded { roster.encodingNote = InputText.note(file) }
        }
        try check(roster)
        return roster
    }

    // MARK: CSV

    static func readCSV(_ bytes: [UInt8], file: String) throws(InputError) -> LoadedRoster {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.parse(bytes)
        } catch {
            throw InputError(InputProblem(file: file, line: error.line, column: error.column, message: "not valid CSV: \(error.message)"))
        }
        guard let header = records.first else {
            throw InputError(InputProblem(file: file, message: "the roster is empty; expected a header row: \(columns.joined(separator: ","))"))
        }
        var problems: [InputProblem] = []
        var position: [String: Int] = [:]
        var ignored: [String] = []
        for (index, raw) in header.fields.enumerated() {
            let name = raw.trimmingWhitespace().lowercased()
            if columns.contains(name) {
                if position[name] != nil {
                    problems.append(InputProblem(file: file, line: header.line, message: "the column '\(name)' appears twice in the header"))
                }
                position[name] = index
            } else if let near = StrictJSON.nearest(name, in: columns) {
                // A misspelt roster column would silently lose data (an opt-out, an account id).
                problems.append(InputProblem(file: file, line: header.line, column: index + 1,
                                             message: "unknown column '\(raw)'; did you mean '\(near)'?"))
            } else if !name.isEmpty {
                ignored.append(raw)
            }
        }
        let missing = requiredColumns.filter { position[$0] == nil }
        if !missing.isEmpty {
            problems.append(InputProblem(
                file: file, line: header.line,
                message: "the header lacks the required column\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", ")); expected a header row such as \(columns.joined(separator: ","))"))
        }
        if !problems.isEmpty { throw InputError(problems) }

        var students: [Student] = [], places: [InputPlace] = []
        for record in records.dropFirst() {
            func value(_ column: String) -> String? {
                guard let index = position[column], index < record.fields.count else { return nil }
                let text = record.fields[index].trimmingWhitespace()
                return text.isEmpty ? nil : text
            }
            let place = InputPlace(line: record.line)
            if record.fields.count != header.fields.count {
                problems.append(place.problem(in: file, "the row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"); the header has \(header.fields.count)"))
                continue
            }
            if let student = makeStudent(value, place: place, file: file, problems: &problems) {
                students.append(student)
                places.append(place)
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
        return LoadedRoster(students: students, file: file, places: places, ignoredColumns: ignored)
    }

    /// Builds a student from a row's values, reporting what is missing or wrong.
    private static func makeStudent(_ value: (String) -> String?, place: InputPlace, file: String,
                                    problems: inout [InputProblem]) -> Student? {
        var ok = true
        for column in requiredColumns where value(column) == nil {
            problems.append(place.problem(in: file, "'\(column)' is empty; every student needs a \(column)"))
            ok = false
        }
        var optOut = defaultOptOut
        if let raw = value("directory_opt_out") {
            switch raw.lowercased() {
            case "true", "yes", "y", "1": optOut = true
            case "false", "no", "n", "0": optOut = false
            default:
                problems.append(place.problem(in: file, "directory_opt_out is '\(raw)'; expected true or false"))
                ok = false
            }
        }
        let accountId = value("account_id")
        if let accountId, !InventoryReader.isAccountId(accountId) {
            problems.append(place.problem(in: file, "account_id '\(accountId)' is not an account id; expected the digits of the student's numeric account id"))
            ok = false
        }
        guard ok, let id = value("student_id"), let school = value("school"),
              let first = value("first_name"), let last = value("last_name") else { return nil }
        let handle = value("handle").map(Handle.normalized)
        return Student(studentId: id, school: school, handle: handle?.isEmpty == true ? nil : handle,
                       accountId: accountId, firstName: first, lastName: last, directoryOptOut: optOut)
    }

    // MARK: JSON

    static func readJSON(_ bytes: [UInt8], file: String) throws(InputError) -> LoadedRoster {
        let (json, root) = try StrictJSON.parse(file: file, bytes: bytes)
        guard case let .array(items) = root else {
            throw InputError(InputProblem(file: file, line: 1, message: "expected a JSON array of students, found \(root.kindName)"))
        }
        var students: [Student] = [], places: [InputPlace] = []
        var problems: [InputProblem] = []
        for (index, item) in items.enumerated() {
            let path = "[\(index)]"
            guard let fields = json.object(item, at: path, declared: InputReference.roster) else { continue }
            let place = json.place(path)
            let student = makeStudent({ column in
                guard let member = fields.member(column) else { return nil }
                if case let .bool(flag) = member { return flag ? "true" : "false" }
                if case .null = member { return nil }
                guard member.text != nil else {
                    json.report(fields.path(column), "expected a string, found \(member.kindName)")
                    return nil
                }
                guard let text = member.text?.trimmingWhitespace(), !text.isEmpty else { return nil }
                return text
            }, place: place, file: file, problems: &problems)
            if let student {
                students.append(student)
                places.append(place)
            }
        }
        problems = json.problems + problems
        if !problems.isEmpty { throw InputError(problems) }
        return LoadedRoster(students: students, file: file, places: places, ignoredColumns: [])
    }

    // MARK: Checks

    /// Two rows for one student, or one account id for two students, make the roster ambiguous.
    static func check(_ roster: LoadedRoster) throws(InputError) {
        var problems: [InputProblem] = []
        var ids: [String: Int] = [:], accounts: [String: Int] = [:], handles: [String: Int] = [:]
        func earlier(_ index: Int) -> String {
            roster.places[index].line.map { "line \($0)" } ?? roster.places[index].path ?? "entry \(index + 1)"
        }
        for (index, student) in roster.students.enumerated() {
            let place = roster.places[index]
            if let first = ids[student.studentId] {
                problems.append(place.problem(in: roster.file, "student_id '\(student.studentId)' is already used (\(earlier(first)))"))
            } else {
                ids[student.studentId] = index
            }
            if let account = student.accountId {
                if let first = accounts[account] {
                    problems.append(place.problem(in: roster.file, "account_id '\(account)' is already given to another student (\(earlier(first)))"))
                } else {
                    accounts[account] = index
                }
            }
            if let handle = student.handle {
                if let first = handles[handle] {
                    problems.append(place.problem(in: roster.file, "handle '\(handle)' is already given to another student (\(earlier(first)))"))
                } else {
                    handles[handle] = index
                }
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
    }
}
