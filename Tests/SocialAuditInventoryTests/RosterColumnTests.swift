import Foundation
import Testing
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditInventory

/// The roster's columns as student information systems name them, and its handle cells as people
/// type them (issue 20): what the reader takes, what it refuses, and that no message shows a cell's value.
@Suite("Roster columns and handle cells")
struct RosterColumnTests {
    static let rows = "S1,pisgah-high,jamie_hoops7,880001,Zoë,Hollis-Ñúñez,true\n"
        + "S2,pisgah-high,olena_7,,Олена,Шевченко,no\n"
        + "S3,pisgah-high,,880003,نور,الهدى,false\n"

    static func problems(_ text: String, file: String = "students.csv", optOutColumn: String? = nil) -> [InputProblem] {
        do {
            _ = try RosterReader.read(Array(text.utf8), file: file, optOutColumn: optOutColumn)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("each known spelling of a column, in any case and with spaces, '_' or '-', is that column",
          arguments: [("handle", "handle"), ("Twitter Handle", "handle"), ("twitter_handle", "handle"), ("TWITTER-HANDLE", "handle"),
                      ("X Handle", "handle"), ("account_id", "account_id"), ("twitter_id", "account_id"), ("Twitter ID", "account_id"),
                      ("directory_opt_out", "directory_opt_out"), ("Opt Out", "directory_opt_out"), ("opt_out", "directory_opt_out"),
                      ("Directory Opt-Out", "directory_opt_out"), ("Student ID", "student_id"), ("First Name", "first_name")])
    func knownSpellings(_ header: String, _ column: String) {
        #expect(RosterColumns(optOutColumn: nil).column(header) == column)
    }

    @Test("a roster under a student information system's header reads the same students as under the canonical one")
    func renamedHeaderReadsTheSame() throws {
        let canonical = try RosterReader.read(Array((RosterTests.header + "\n" + Self.rows).utf8), file: "students.csv")
        let renamed = try RosterReader.read(Array(("Student ID,School,Twitter Handle,twitter_id,First Name,Last Name,Opt Out\n" + Self.rows).utf8),
                                            file: "students.csv")
        #expect(renamed.students == canonical.students)
        #expect(renamed.optedOut == 1)
        #expect(renamed.students[1].firstName == "Олена" && renamed.students[2].lastName == "الهدى")
        #expect(renamed.respelled.contains("'Twitter Handle' as handle") && renamed.respelled.contains("'twitter_id' as account_id")
                && renamed.respelled.contains("'Opt Out' as directory_opt_out"))
        #expect(canonical.respelled.isEmpty)
        #expect(renamed.ignoredColumns.isEmpty)
    }

    @Test("a header like a privacy column but none of its spellings is an error at its column, naming the column",
          arguments: [("Opt-Outs", "directory_opt_out"), ("twiter_handle", "handle"), ("Twitter Username", "handle"),
                      ("Directory Opt Out Status", "directory_opt_out"), ("acount_id", "account_id"), ("Handel", "handle")])
    func nearMiss(_ header: String, _ column: String) {
        let text = "student_id,school,first_name,last_name,directory_opt_out,\(header)\nS1,pisgah-high,Zoë,Hollis,false,x\n"
        let found = Self.problems(text)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 1 && found.first?.column == 6)
        #expect(found.first?.message.hasPrefix("unknown column '\(header)'; did you mean '\(column)'? (a column the privacy rules read") == true,
                "\(found)")
    }

    @Test("a header close to a required column the roster also has is another column, and ignored; one unlike any column is ignored")
    func otherColumns() throws {
        let text = "student_id,School ID,school,first_name,last_name,directory_opt_out,grade,Email\nS1,0042,pisgah-high,Zoë,Hollis,false,9,z@example.org\n"
        let roster = try RosterReader.read(Array(text.utf8), file: "students.csv")
        #expect(roster.ignoredColumns == ["School ID", "grade", "Email"])
        #expect(roster.students.first?.school == "pisgah-high")
        // Without the school column, the same header is the misspelt school column.
        let alone = Self.problems("student_id,School ID,first_name,last_name,directory_opt_out\nS1,pisgah-high,Zoë,Hollis,false\n")
        #expect(alone.contains { $0.column == 2 && $0.message.contains("did you mean 'school'?") }, "\(alone)")
    }

    @Test("no opt-out column is an error at the header, unless the configuration says there is none or names the header")
    func missingOptOutColumn() throws {
        let text = "student_id,school,handle,first_name,last_name\nS1,pisgah-high,jamie_hoops7,Zoë,Hollis\n"
        let found = Self.problems(text)
        #expect(found.count == 1 && found.first?.line == 1)
        #expect(found.first?.message.hasPrefix("the header has no opt-out column") == true, "\(found)")
        let roster = try RosterReader.read(Array(text.utf8), file: "students.csv", optOutColumn: "none")
        #expect(roster.optedOut == 0 && roster.students.count == 1)
        let own = try RosterReader.read(Array("student_id,school,first_name,last_name,FERPA Withhold\nS1,pisgah-high,Zoë,Hollis,Y\n".utf8),
                                        file: "students.csv", optOutColumn: "FERPA Withhold")
        #expect(own.optedOut == 1)
        // A roster without its header row is told it lacks the required columns, not the opt-out.
        #expect(Self.problems("S1,pisgah-high,jamie_hoops7,Zoë,Hollis\n").allSatisfy { !$0.message.contains("opt-out column") })
    }

    @Test("a profile's link or @name in a handle cell is the handle, and counted as a fix",
          arguments: ["https://x.com/Jamie_Hoops7", "https://twitter.com/jamie_hoops7/", "http://x.com/jamie_hoops7?s=20",
                      "www.twitter.com/jamie_hoops7", "mobile.twitter.com/jamie_hoops7", "HTTPS://X.COM/@jamie_hoops7#top",
                      "x.com/jamie_hoops7", "@Jamie_Hoops7"])
    func handleForms(_ cell: String) throws {
        let roster = try RosterReader.read(Array("\(RosterTests.header)\nS1,pisgah-high,\(cell),,Zoë,Hollis,false\n".utf8), file: "students.csv")
        #expect(roster.students.first?.handle == "jamie_hoops7")
        #expect(roster.handleFixes.count == 1 && roster.handleFixes.firstLine == 2)
    }

    @Test("the fixes are counted once for the roster, with the first one's line; a plain handle is no fix")
    func handleFixCount() throws {
        let text = RosterTests.header + "\n"
            + "S1,pisgah-high,jamie_hoops7,,Zoë,Hollis,false\n"
            + "S2,pisgah-high,https://x.com/olena_7,,Олена,Шевченко,false\n"
            + "S3,pisgah-high,@noor_h,,نور,الهدى,true\n"
        let roster = try RosterReader.read(Array(text.utf8), file: "students.csv")
        #expect(roster.handleFixes.count == 2 && roster.handleFixes.firstLine == 3)
        #expect(roster.students.map(\.handle) == ["jamie_hoops7", "olena_7", "noor_h"])
    }

    @Test("anything else in a handle cell is an error at its line and column, without its value",
          arguments: ["Jamie Hollis", "Zoë_H", "jamie🏀", "https://x.com/jamie_hoops7/status/2106748863180570627",
                      "https://facebook.com/jamie_hoops7", "https://twitter.com/", "@@", "jamie.hoops", "x.com:8080/jamie_hoops7",
                      "https://user@x.com/jamie_hoops7", "نور_الهدى", "sixteen_letters_"])
    func badHandle(_ cell: String) {
        let found = Self.problems(RosterTests.header + "\nS1,pisgah-high,jamie_hoops7,,Zoë,Hollis,false\nS2,pisgah-high,\"\(cell)\",,Олена,Шевченко,false\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 3 && found.first?.column == 3)
        #expect(found.first?.message.hasPrefix("handle is not a Twitter/X handle") == true)
        #expect(found.first.map { !$0.description.contains(cell) } == true, "the value is not shown")
    }

    @Test("a JSON roster's members take the same spellings, and a missing opt-out is refused there too")
    func jsonSpellings() throws {
        let json = #"[{"Student ID": "S1", "school": "pisgah-high", "Twitter Handle": "@jamie_hoops7", "twitter_id": 880001, "First Name": "Zoë", "last_name": "Hollis", "Opt Out": true}]"#
        let roster = try RosterReader.read(Array(json.utf8), file: "students.json")
        let csv = try RosterReader.read(Array((RosterTests.header + "\nS1,pisgah-high,jamie_hoops7,880001,Zoë,Hollis,true\n").utf8), file: "students.csv")
        #expect(roster.students == csv.students)
        #expect(roster.respelled.contains("'Opt Out' as directory_opt_out"))

        let nearMiss = #"[{"student_id": "S1", "school": "pisgah-high", "twiter_handle": "jamie_hoops7", "first_name": "Zoë", "last_name": "Hollis", "opt_out": false}]"#
        #expect(Self.problems(nearMiss, file: "students.json").map(\.path) == ["[0].twiter_handle"])

        let noOptOut = #"[{"student_id": "S1", "school": "pisgah-high", "first_name": "Zoë", "last_name": "Hollis"}]"#
        #expect(Self.problems(noOptOut, file: "students.json").first?.message.hasPrefix("the header has no opt-out column") == true)
        #expect(Self.problems(noOptOut, file: "students.json", optOutColumn: "none").isEmpty)
    }

    @Test("the configuration's roster is a path, or an object with the file and optOutColumn")
    func configuration() throws {
        let plain = try ConfigurationReader.load(try write(#"{"roster": "sis/students.csv"}"#, named: "socialaudit.json"))
        #expect(plain.roster.lastPathComponent == "students.csv" && plain.rosterOptOutColumn == nil)
        let object = try ConfigurationReader.load(try write(#"{"roster": {"file": "sis/export.csv", "optOutColumn": "none"}}"#, named: "socialaudit.json"))
        #expect(object.roster.path.hasSuffix("/sis/export.csv") && object.rosterOptOutColumn == "none")
        let found = SocialAuditInventoryTests.problems {
            _ = try ConfigurationReader.load(try write(#"{"roster": {"path": "export.csv"}}"#, named: "socialaudit.json"))
        }
        #expect(found.map(\.path) == ["roster.path"], "\(found)")
    }
}
