import Foundation
import Testing
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditInventory

/// School ids name report folders, and some file systems ignore case.
@Suite("School ids that differ only in case")
struct SchoolIdCaseTests {
    func inventory(_ ids: [String]) -> String {
        let schools = ids.map { "    {\"id\": \"\($0)\", \"name\": \"School \($0)\"}" }.joined(separator: ",\n")
        return "{\n  \"district\": {\"name\": \"Haywood\"},\n  \"schools\": [\n\(schools)\n  ]\n}\n"
    }

    @Test("two ids that differ only in case are refused at the second, naming the first's line")
    func caseOnly() throws {
        let found = problems { _ = try InventoryReader.load(try write(inventory(["pisgah-high", "Pisgah-High"]), named: "inventory.json")) }
        #expect(found.count == 1)
        #expect(found.first?.path == "schools[1]")
        #expect(found.first?.line == 5)
        #expect(found.first?.message.contains("'Pisgah-High' differs only in case from 'pisgah-high' (line 4)") == true)
    }

    @Test("an id that is 'unassigned' or 'district' in any case is refused", arguments: ["Unassigned", "UNASSIGNED", "District"])
    func reserved(_ id: String) throws {
        let found = problems { _ = try InventoryReader.load(try write(inventory([id]), named: "inventory.json")) }
        #expect(found.count == 1)
        #expect(found.first?.path == "schools[0]")
        #expect(found.first?.message.contains("cannot be used") == true)
    }

    @Test("ids that differ in more than case are still read")
    func distinct() throws {
        let loaded = try InventoryReader.load(try write(inventory(["pisgah-high", "pisgah-middle"]), named: "inventory.json"))
        #expect(loaded.inventory.schools.map(\.id) == ["pisgah-high", "pisgah-middle"])
    }

    @Test("an account or person naming a school in another case is read as that school, and each is said with its place")
    func referenceInAnotherCase() throws {
        let text = minimalJSON
            .replacingOccurrences(of: #""role": "teacher", "school": "pisgah-high""#, with: #""role": "teacher", "school": "PISGAH-HIGH""#)
            .replacingOccurrences(of: #""tier": "primary", "school": "pisgah-high""#, with: #""tier": "primary", "school": "Pisgah-High""#)
        let loaded = try InventoryReader.read(Array(text.utf8), file: "inventory.json")
        #expect(loaded.inventory.accounts.map(\.school) == ["pisgah-high", "pisgah-high"])
        #expect(loaded.inventory.people.map(\.school) == ["pisgah-high", "pisgah-high"])
        #expect(loaded.notes.isEmpty, "no inventory.bad-reference: the school is defined")
        #expect(loaded.schoolCaseFixes.count == 2)
        #expect(loaded.schoolCaseFixes.contains("inventory.json:6:5: people[1]: tlane@haywood.k12.nc.us names school 'PISGAH-HIGH', read as 'pisgah-high' (school ids are matched whatever their case); write 'pisgah-high'"))
        #expect(loaded.schoolCaseFixes.contains { $0.contains("accounts[0]: account 'pisgahhigh' names school 'Pisgah-High', read as 'pisgah-high'") })
    }

    @Test("a school one letter off stays an undefined school, and its note says which school was likely meant")
    func nearMiss() throws {
        let text = minimalJSON.replacingOccurrences(of: #""tier": "primary", "school": "pisgah-high""#, with: #""tier": "primary", "school": "pisgah-hihg""#)
        let loaded = try InventoryReader.read(Array(text.utf8), file: "inventory.json")
        #expect(loaded.inventory.accounts[0].school == "pisgah-hihg")
        #expect(loaded.notes.map(\.kind) == [.accountSchoolUndefined])
        #expect(loaded.notes.first?.problem.message.hasSuffix("its findings go to 'unassigned'; did you mean 'pisgah-high'?") == true)
        #expect(loaded.schoolCaseFixes.isEmpty)
    }
}
