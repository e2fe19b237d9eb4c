import Foundation
import Testing
@testable import SocialAuditInventory

/// The roster's messages go to the cron log: they name a cell by line and column (or JSON path),
/// never by the value in it, which may be a student's name.
@Suite("Roster messages carry no student's name")
struct RosterPrivacyTests {
    static let header = "student_id,school,handle,account_id,first_name,last_name,directory_opt_out"

    static func problems(_ text: String, file: String = "students.csv") -> [InputProblem] {
        do {
            _ = try RosterReader.read(Array(text.utf8), file: file)
            return []
        } catch {
            return error.problems
        }
    }

    static func assertNoName(_ found: [InputProblem], _ names: [String] = ["Hollis", "Jamie", "Zoë", "Brooks"]) {
        #expect(!found.isEmpty)
        for problem in found {
            for name in names {
                #expect(!problem.description.contains(name), "\(problem.description)")
            }
        }
    }

    @Test("a row shifted by a column: the name lands in account_id and directory_opt_out, the messages name the cells")
    func shiftedRow() {
        let found = Self.problems(Self.header + "\nS1,pisgah-high,jh7,Jamie,Hollis,Zoë,false\nS2,pisgah-high,,,Tyler,\"Brooks, Jr.\",Hollis\n")
        Self.assertNoName(found)
        #expect(found.map(\.line) == [2, 3])
        #expect(found.map(\.column) == [4, 7])
        #expect(found[0].description.hasPrefix("students.csv:2:4: account_id is not an account id"))
        #expect(found[1].description.hasPrefix("students.csv:3:7: directory_opt_out is not true or false"))
    }

    @Test("a repeated id, account id or handle is named by its place and the earlier line")
    func repeats() {
        let text = Self.header + "\nJamie Hollis,pisgah-high,jamie_hollis,880001,Jamie,Hollis,true\nJamie Hollis,pisgah-high,jamie_hollis,880001,Jamie,Hollis,true\n"
        let found = Self.problems(text)
        Self.assertNoName(found, ["Hollis", "Jamie", "jamie_hollis", "880001"])
        #expect(found.map(\.column) == [1, 4, 3])
        #expect(found.allSatisfy { $0.line == 3 && $0.message.contains("(line 2)") })
    }

    @Test("a roster without its header row: the first student's cells are named by number")
    func noHeader() {
        let found = Self.problems("S1,pisgah-high,jh7,880001,Jamie,Hollis,true\nS2,pisgah-high,,,Zoë,Brooks,false\n")
        Self.assertNoName(found)
        #expect(found.contains { $0.message.contains("the header lacks the required columns") })
    }

    @Test("a header near the roster's columns but lacking them is named by column number, not by its text")
    func nearHeader() {
        // "handel" is near "handle": in a real header it is named; in a row taken for a header it is not.
        let found = Self.problems("S1,pisgah-high,Handel,880001\n")
        Self.assertNoName(found, ["Handel"])
        #expect(found.contains { $0.column == 3 && $0.message.contains("column 3 is not a roster column; did you mean 'handle'?") })
    }

    @Test("JSON: the value of a wrong key is not shown either; the path says where")
    func json() {
        let text = #"[{"student_id": "S1", "school": "pisgah-high", "account_id": "Jamie Hollis", "first_name": "Jamie", "last_name": "Hollis", "directory_opt_out": "Hollis"}]"#
        let found = Self.problems(text, file: "students.json")
        Self.assertNoName(found)
        #expect(found.compactMap(\.path) == ["[0].directory_opt_out", "[0].account_id"] || found.compactMap(\.path) == ["[0].account_id", "[0].directory_opt_out"], "\(found)")
    }
}
