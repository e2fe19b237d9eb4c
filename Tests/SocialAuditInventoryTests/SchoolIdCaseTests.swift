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
}
