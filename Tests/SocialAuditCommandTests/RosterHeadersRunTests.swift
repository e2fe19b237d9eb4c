import Foundation
import Testing
import SocialAuditTestSupport

/// Rosters as student information systems export them (issue 20), run by the real binary on the
/// sample district: the privacy rules find what they find with the canonical headers, or the run
/// stops naming the column — never a column passed over in silence.
@Suite("Roster headers and handle cells")
struct RosterHeadersRunTests {
    static let canonical = "student_id,school,handle,account_id,first_name,last_name,directory_opt_out"

    /// The sample roster with its header, and each row passed through `row`.
    static func roster(_ district: URL, header: String, row: (Int, [String]) -> [String] = { $1 }) throws {
        let url = district.appendingPathComponent("students.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        var out = [header]
        for (index, line) in lines.dropFirst().enumerated() {
            out.append(row(index + 2, CSVLine.fields(line)).map(CSVLine.quoted).joined(separator: ","))
        }
        try (out.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// The student findings of a run: rule and fingerprint.
    static func studentFindings(_ district: URL) throws -> [String] {
        let data = try Data(contentsOf: district.appendingPathComponent("out/findings.json"))
        let findings = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return findings.filter { ($0["rule"] as? String)?.hasPrefix("student.") == true }
            .map { "\($0["rule"]!) \($0["fingerprint"]!)" }.sorted()
    }

    static func baseline() throws -> [String] {
        let district = try OutputSafetyTests.district()
        #expect(try OutputSafetyTests.run(district, []).status == 0)
        return try studentFindings(district)
    }

    @Test("Twitter Handle, Opt Out and twitter_id: read as the columns, named by validate, the same student findings")
    func respelledHeaders() throws {
        let expected = try Self.baseline()
        #expect(expected.contains { $0.hasPrefix("student.opted-out-named") } && expected.contains { $0.hasPrefix("student.mention") })
        let district = try OutputSafetyTests.district()
        try Self.roster(district, header: "Student ID,School,Twitter Handle,twitter_id,First Name,Last Name,Opt Out")
        let validate = try Invocation.run(["validate", "--config", district.appendingPathComponent("socialaudit.json").path,
                                           "--templates", Invocation.repository.appendingPathComponent("templates").path])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("'Twitter Handle' as handle") && validate.stdout.contains("'twitter_id' as account_id")
                && validate.stdout.contains("'Opt Out' as directory_opt_out"), "\(validate.stdout)")
        #expect(validate.stdout.contains("1 opted out"))
        #expect(try OutputSafetyTests.run(district, []).status == 0)
        #expect(try Self.studentFindings(district) == expected)
    }

    @Test("a header that resembles a privacy column but is none of its spellings: exit 2 naming it and the nearest",
          arguments: [("Opt-Outs", "directory_opt_out"), ("twiter_handle", "handle"), ("Twitter Username", "handle"),
                      ("FERPA flag", "directory_opt_out")])
    func nearMiss(_ header: String, _ nearest: String) throws {
        let district = try OutputSafetyTests.district()
        try Self.roster(district, header: Self.canonical.replacingOccurrences(of: nearest, with: header))
        let result = try OutputSafetyTests.run(district, [])
        #expect(result.status == 2)
        #expect(result.stderr.contains("students.csv:1:") && result.stderr.contains("unknown column '\(header)'; did you mean '\(nearest)'?"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: district.appendingPathComponent("out").path))
    }

    @Test("handle cells as profile links or @names: read as the handles, said once, the same findings")
    func linkHandles() throws {
        let expected = try Self.baseline()
        let district = try OutputSafetyTests.district()
        let forms = ["https://x.com/%@", "@%@", "https://twitter.com/%@/", "www.x.com/%@?lang=en"]
        try Self.roster(district, header: Self.canonical) { index, fields in
            var fields = fields
            if !fields[2].isEmpty { fields[2] = forms[index % forms.count].replacingOccurrences(of: "%@", with: fields[2]) }
            return fields
        }
        let result = try OutputSafetyTests.run(district, [])
        #expect(result.status == 0, "\(result.stderr)")
        let said = NightlyLogTests.lines(result.stderr).filter { $0.contains("profile link or @name") }
        #expect(said.count == 1 && said[0].contains("6 handle cells were") && said[0].contains("(the first at line 2)"), "\(result.stderr)")
        #expect(try Self.studentFindings(district) == expected)
    }

    @Test("a handle cell of two words: exit 2 with its line and column, and not its value")
    func twoWordHandle() throws {
        let district = try OutputSafetyTests.district()
        try Self.roster(district, header: Self.canonical) { index, fields in
            index == 4 ? fields.enumerated().map { $0.offset == 2 ? "Riley Barnes" : $0.element } : fields
        }
        let result = try OutputSafetyTests.run(district, [])
        #expect(result.status == 2)
        #expect(result.stderr.contains("students.csv:4:3: handle is not a Twitter/X handle"), "\(result.stderr)")
        #expect(!result.stderr.contains("Riley") && !result.stderr.contains("Barnes"))
    }

    @Test("no opt-out column: exit 2 saying how to say there is none; with roster.optOutColumn none, the run goes on")
    func noOptOutColumn() throws {
        let district = try OutputSafetyTests.district()
        try Self.roster(district, header: "student_id,school,handle,account_id,first_name,last_name") { Array($1.prefix(6)) }
        let refused = try OutputSafetyTests.run(district, [])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("students.csv:1: the header has no opt-out column 'directory_opt_out'")
                && refused.stderr.contains("\"optOutColumn\": \"none\""), "\(refused.stderr)")
        let url = district.appendingPathComponent("socialaudit.json")
        var configuration = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        configuration["roster"] = ["file": "students.csv", "optOutColumn": "none"]
        try JSONSerialization.data(withJSONObject: configuration).write(to: url)
        let result = try OutputSafetyTests.run(district, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("no student counts as opted out"))
        #expect(try !Self.studentFindings(district).contains { $0.hasPrefix("student.opted-out-named") })
    }

    @Test("the district's own opt-out header, named by roster.optOutColumn, is read as the opt-out column")
    func ownOptOutHeader() throws {
        let expected = try Self.baseline()
        let district = try OutputSafetyTests.district()
        try Self.roster(district, header: Self.canonical.replacingOccurrences(of: "directory_opt_out", with: "Withhold Directory Info"))
        let url = district.appendingPathComponent("socialaudit.json")
        var configuration = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        configuration["roster"] = ["file": "students.csv", "optOutColumn": "Withhold Directory Info"]
        try JSONSerialization.data(withJSONObject: configuration).write(to: url)
        #expect(try OutputSafetyTests.run(district, []).status == 0)
        #expect(try Self.studentFindings(district) == expected)
    }
}

/// The sample roster's lines as fields and back (quotes where a cell holds a comma or a quote).
enum CSVLine {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            switch character {
            case "\"" where quoted && characters.first == "\"": field.append("\""); characters.removeFirst()
            case "\"": quoted.toggle()
            case "," where !quoted: fields.append(field); field = ""
            default: field.append(character)
            }
        }
        return fields + [field]
    }

    static func quoted(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
