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
    /// A CSV roster's columns by name, numbered from 1, so that messages name a cell's place.
    public var columnNumbers: [String: Int] = [:]
    /// The headers read as a column under another spelling: `'Twitter Handle' as handle`.
    public var respelled: [String] = []
    /// Handle cells that were a profile link or `@name`, read as the handle: how many, and the first's line.
    public var handleFixes: (count: Int, firstLine: Int?) = (0, nil)

    public var optedOut: Int { students.filter(\.directoryOptOut).count }
}

/// Reads the roster from CSV (with a header row) or JSON (an array of objects with the same keys),
/// told apart by content.
///
/// Its messages name a cell by line and column (or JSON path), never by its value: a row shifted
/// by a column puts a student's name where an id or a flag belongs, and the messages go to the
/// cron log.
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

    /// `optOutColumn` is the configuration's `roster.optOutColumn` (nil: the known spellings).
    public static func load(_ url: URL, optOutColumn: String? = nil) throws(InputError) -> LoadedRoster {
        try read(InputText.contents(of: url), file: url.path, optOutColumn: optOutColumn)
    }

    public static func read(_ bytes: [UInt8], file: String, optOutColumn: String? = nil) throws(InputError) -> LoadedRoster {
        var roster: LoadedRoster
        let known = RosterColumns(optOutColumn: optOutColumn)
        switch InputFormat.sniff(bytes) {
        case .json: roster = try readJSON(bytes, file: file, columns: known)
        case .empty: throw InputError(InputProblem(file: file, message: "the roster is empty; expected a header row: \(columns.joined(separator: ","))"))
        case .xml: throw InputError(InputProblem(file: file, line: 1, message: "the roster is XML; expected CSV with a header row (\(columns.joined(separator: ","))) or JSON"))
        case .unknown:
            let text = InputText.utf8(bytes)
            roster = try readCSV(text.bytes, file: file, columns: known)
            if text.transcoded { roster.encodingNote = InputText.note(file) }
        }
        try check(roster)
        return roster
    }

    // MARK: CSV

    static func readCSV(_ bytes: [UInt8], file: String, columns known: RosterColumns) throws(InputError) -> LoadedRoster {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.parse(bytes)
        } catch {
            throw InputError(InputProblem(file: file, line: error.line, column: error.column, message: "not valid CSV: \(error.message)"))
        }
        guard let header = records.first else {
            throw InputError(InputProblem(file: file, message: "the roster is empty; expected a header row: \(columns.joined(separator: ","))"))
        }
        var (position, problems, unknown, respelled) = headerColumns(header, file: file, known: known)
        let ignored = checkColumns(unknown, position: position, header: header, file: file, known: known, problems: &problems)
        if !problems.isEmpty { throw InputError(problems) }
        let (students, places, fixes) = readRows(records.dropFirst(), header: header, position: position, file: file,
                                                 problems: &problems)
        if !problems.isEmpty { throw InputError(problems) }
        var roster = LoadedRoster(students: students, file: file, places: places, ignoredColumns: ignored)
        roster.columnNumbers = position.mapValues { $0 + 1 }
        roster.respelled = respelled
        roster.handleFixes = fixes
        return roster
    }

    /// Reports the required columns the header lacks and the unknown headers that look like a roster
    /// column; gives the other unknown headers, which are ignored.
    private static func checkColumns(_ unknown: [(index: Int, raw: String)], position: [String: Int], header: CSVReader.Record,
                                     file: String, known: RosterColumns, problems: inout [InputProblem]) -> [String] {
        let missing = requiredColumns.filter { position[$0] == nil }
        // Without the required columns the first line is likely a student's row, not a header:
        // its cells are then named by number only.
        let isHeader = missing.isEmpty
        var ignored: [String] = []
        for (index, raw) in unknown {
            // Close to a required column that the header has too, it is another column (`School ID` beside `School`).
            guard let near = known.resembled(raw),
                  RosterColumns.privacyColumns.contains(near) || position[near] == nil else {
                ignored.append(raw)
                continue
            }
            // A misspelt roster column would silently lose data (an opt-out, an account id).
            let what = isHeader ? "unknown column '\(raw)'" : "column \(index + 1) is not a roster column"
            let privacy = RosterColumns.privacyColumns.contains(near)
                ? " (a column the privacy rules read, under \(RosterColumns.spelled(near)) only)" : ""
            problems.append(InputProblem(file: file, line: header.line, column: index + 1, message: "\(what); did you mean '\(near)'?\(privacy)"))
        }
        if !missing.isEmpty {
            problems.append(InputProblem(
                file: file, line: header.line,
                message: "the header lacks the required column\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", ")); expected a header row such as \(columns.joined(separator: ","))"))
        } else if let problem = known.missingOptOut(in: position, file: file, line: header.line) {
            problems.append(problem)
        }
        return ignored
    }

    /// The students of the rows under the header, each row's line, and how many handles were
    /// fixed (the first's line); a row's problems are reported at its cells.
    private static func readRows(_ rows: ArraySlice<CSVReader.Record>, header: CSVReader.Record, position: [String: Int],
                                 file: String, problems: inout [InputProblem])
    -> (students: [Student], places: [InputPlace], fixes: (count: Int, firstLine: Int?)) {
        var students: [Student] = [], places: [InputPlace] = []
        var fixes: (count: Int, firstLine: Int?) = (0, nil)
        for record in rows {
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
            let cell = { (column: String) in InputPlace(line: record.line, column: position[column].map { $0 + 1 }) }
            var fixed = false
            if let student = makeStudent(value, cell: cell, file: file, problems: &problems, fixed: &fixed) {
                students.append(student)
                places.append(place)
            }
            if fixed { fixes = (fixes.count + 1, fixes.firstLine ?? record.line) }
        }
        return (students, places, fixes)
    }

    /// Which header is which column (by index), the problems of the header itself, the headers
    /// that are no column, and those read as a column under another spelling.
    private static func headerColumns(_ header: CSVReader.Record, file: String, known: RosterColumns)
    -> (position: [String: Int], problems: [InputProblem], unknown: [(index: Int, raw: String)], respelled: [String]) {
        var position: [String: Int] = [:], problems: [InputProblem] = []
        var unknown: [(index: Int, raw: String)] = [], respelled: [String] = []
        for (index, raw) in header.fields.enumerated() {
            let name = raw.trimmingWhitespace()
            if let column = known.column(name) {
                if position[column] != nil {
                    problems.append(InputProblem(file: file, line: header.line, column: index + 1, message: "the column '\(column)' appears twice in the header"))
                }
                position[column] = index
                if name != column { respelled.append("'\(name)' as \(column)") }
            } else if !name.isEmpty {
                unknown.append((index, name))
            }
        }
        return (position, problems, unknown, respelled)
    }

    /// Builds a student from a row's values, reporting what is missing or wrong at the cell's
    /// place (`cell`: a column's place in the row).
    private static func makeStudent(_ value: (String) -> String?, cell: (String) -> InputPlace, file: String,
                                    problems: inout [InputProblem], fixed: inout Bool) -> Student? {
        var ok = true
        for column in requiredColumns where value(column) == nil {
            problems.append(cell(column).problem(in: file, "'\(column)' is empty; every student needs a \(column)"))
            ok = false
        }
        var optOut = defaultOptOut
        if let raw = value("directory_opt_out") {
            switch raw.lowercased() {
            case "true", "yes", "y", "1": optOut = true
            case "false", "no", "n", "0": optOut = false
            default:
                problems.append(cell("directory_opt_out").problem(in: file, "directory_opt_out is not true or false \(notShown)"))
                ok = false
            }
        }
        let accountId = value("account_id")
        if let accountId, !InventoryReader.isAccountId(accountId) {
            problems.append(cell("account_id").problem(in: file, "account_id is not an account id; expected the digits of the student's numeric account id \(notShown)"))
            ok = false
        }
        var handle: String?
        if let given = value("handle") {
            if let read = RosterHandle.read(given) {
                handle = read.handle
                fixed = read.fixed
            } else {
                problems.append(cell("handle").problem(in: file, "handle is not a Twitter/X handle; expected 1 to 15 letters, digits or _ (or @name, or a link to the profile) \(notShown)"))
                ok = false
            }
        }
        guard ok, let id = value("student_id"), let school = value("school"),
              let first = value("first_name"), let last = value("last_name") else { return nil }
        return Student(studentId: id, school: school, handle: handle,
                       accountId: accountId, firstName: first, lastName: last, directoryOptOut: optOut)
    }

    /// Why a message shows no value.
    static let notShown = "(the value is not shown: a row shifted by a column may hold a student's name there)"

    // MARK: JSON

    static func readJSON(_ bytes: [UInt8], file: String, columns known: RosterColumns) throws(InputError) -> LoadedRoster {
        let (json, root) = try StrictJSON.parse(file: file, bytes: bytes)
        guard case let .array(items) = root else {
            throw InputError(InputProblem(file: file, line: 1, message: "expected a JSON array of students, found \(root.kindName)"))
        }
        var students: [Student] = [], places: [InputPlace] = []
        var problems: [InputProblem] = []
        var fixes: (count: Int, firstLine: Int?) = (0, nil)
        var respelled: Set<String> = [], hasOptOut = false
        for (index, given) in items.enumerated() {
            let path = "[\(index)]"
            // Keys under another known spelling are read as the column's own.
            var item = given
            if case let .object(members) = given {
                item = .object(members.map { key, value in
                    guard let column = known.column(key), column != key else { return (key, value) }
                    respelled.insert("'\(key)' as \(column)")
                    return (column, value)
                })
            }
            guard let fields = json.object(item, at: path, declared: InputReference.roster) else { continue }
            hasOptOut = hasOptOut || fields.has("directory_opt_out")
            let place = json.place(path)
            let cell = { (column: String) in fields.member(column) == nil ? place : json.place(fields.path(column)) }
            var fixed = false
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
            }, cell: cell, file: file, problems: &problems, fixed: &fixed)
            if let student {
                students.append(student)
                places.append(place)
            }
            if fixed { fixes = (fixes.count + 1, fixes.firstLine ?? place.line) }
        }
        problems = json.problems + problems
        if !items.isEmpty, let problem = known.missingOptOut(in: hasOptOut ? ["directory_opt_out": 0] : [:], file: file, line: nil) {
            problems.append(problem)
        }
        if !problems.isEmpty { throw InputError(problems) }
        var roster = LoadedRoster(students: students, file: file, places: places, ignoredColumns: [])
        roster.respelled = respelled.sorted()
        roster.handleFixes = fixes
        return roster
    }

    // MARK: Checks

    /// Two rows for one student, or one account id for two students, make the roster ambiguous.
    static func check(_ roster: LoadedRoster) throws(InputError) {
        var problems: [InputProblem] = []
        var ids: [String: Int] = [:], accounts: [String: Int] = [:], handles: [String: Int] = [:]
        func earlier(_ index: Int) -> String {
            roster.places[index].line.map { "line \($0)" } ?? roster.places[index].path ?? "entry \(index + 1)"
        }
        func cell(_ index: Int, _ column: String) -> InputPlace {
            var place = roster.places[index]
            if let number = roster.columnNumbers[column] {
                place.column = number
            } else if let path = place.path {
                place.path = path + "." + column
            }
            return place
        }
        for (index, student) in roster.students.enumerated() {
            if let first = ids[student.studentId] {
                problems.append(cell(index, "student_id").problem(in: roster.file, "this student_id is already used (\(earlier(first)))"))
            } else {
                ids[student.studentId] = index
            }
            if let account = student.accountId {
                if let first = accounts[account] {
                    problems.append(cell(index, "account_id").problem(in: roster.file, "this account_id is already given to another student (\(earlier(first)))"))
                } else {
                    accounts[account] = index
                }
            }
            if let handle = student.handle {
                if let first = handles[handle] {
                    problems.append(cell(index, "handle").problem(in: roster.file, "this handle is already given to another student (\(earlier(first)))"))
                } else {
                    handles[handle] = index
                }
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
    }
}
