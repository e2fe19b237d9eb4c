import Foundation
import Testing
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditInventory

/// Writes `text` to a fresh file and returns its URL.
func write(_ text: String, named name: String) throws -> URL {
    let url = ArchiveFixture.temporaryFolder().appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

/// The problems an input raises (an empty list when it loads).
func problems(_ load: () throws -> Void) -> [InputProblem] {
    do {
        try load()
        return []
    } catch let error as InputError {
        return error.problems
    } catch {
        return [InputProblem(file: "?", message: "unexpected error \(error)")]
    }
}

let sampleFolder = Invocation.repository.appendingPathComponent("samples")

let minimalJSON = """
{
  "district": {"name": "Haywood County Schools", "emailDomains": ["haywood.k12.nc.us"]},
  "schools": [{"id": "pisgah-high", "name": "Pisgah High School"}],
  "people": [
    {"email": "mreed@haywood.k12.nc.us", "name": "Morgan Reed", "role": "administrator", "school": "pisgah-high"},
    {"email": "tlane@haywood.k12.nc.us", "name": "Taylor Lane", "role": "teacher", "school": "pisgah-high"}
  ],
  "accounts": [
    {"handle": "pisgahhigh", "accountId": "1001", "tier": "primary", "school": "pisgah-high",
     "createdBy": "district", "managers": ["mreed@haywood.k12.nc.us"]},
    {"handle": "@KJackson", "tier": "personal", "school": "pisgah-high", "createdBy": "individual",
     "owner": "tlane@haywood.k12.nc.us"}
  ]
}
"""

func minimalXML(account: String = #"<account handle="pisgahhigh" accountId="1001" tier="primary" school="pisgah-high" createdBy="district"><manager>mreed@haywood.k12.nc.us</manager></account>"#,
                doctype: String = "") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    \(doctype)
    <inventory xmlns="urn:socialaudit:inventory:1">
      <district name="Haywood County Schools">
        <emailDomain>haywood.k12.nc.us</emailDomain>
      </district>
      <schools>
        <school id="pisgah-high" name="Pisgah High School"/>
      </schools>
      <accounts>
        \(account)
      </accounts>
    </inventory>
    """
}

@Suite("Inventory")
struct InventoryReaderTests {
    @Test("the sample inventory reads the same from JSON and from XML")
    func xmlEqualsJSON() throws {
        let json = try InventoryReader.load(sampleFolder.appendingPathComponent("inventory.json"))
        let xml = try InventoryReader.load(sampleFolder.appendingPathComponent("inventory.xml"))
        #expect(json.format == .json)
        #expect(xml.format == .xml)
        #expect(json.inventory.accounts.count >= 10)
        #expect(json.inventory == xml.inventory)
        #expect(json.notes.map(\.value) == xml.notes.map(\.value))
    }

    @Test("JSON and XML are told apart by content, not by the file name")
    func sniffing() throws {
        let jsonInXML = try write(minimalJSON, named: "inventory.xml")
        #expect(try InventoryReader.load(jsonInXML).format == .json)
        let xmlInJSON = try write(minimalXML(), named: "inventory.json")
        #expect(try InventoryReader.load(xmlInJSON).format == .xml)
    }

    @Test("a minimal inventory gives the expected model; handles keep their spelling and compare normalized")
    func minimal() throws {
        let loaded = try InventoryReader.read(Array(minimalJSON.utf8), file: "inventory.json")
        let inventory = loaded.inventory
        #expect(inventory.district.name == "Haywood County Schools")
        #expect(inventory.people.map(\.role) == [.administrator, .teacher])
        #expect(inventory.accounts[0].tier == .primary)
        #expect(inventory.accounts[0].managers == ["mreed@haywood.k12.nc.us"])
        #expect(inventory.accounts[1].accountId == nil)
        #expect(Handle.normalized(inventory.accounts[1].handle) == "kjackson")
        #expect(loaded.notes.isEmpty)
    }

    @Test("an unknown key is an error naming the key, its path and its line")
    func unknownKey() throws {
        let text = minimalJSON.replacingOccurrences(of: "\"managers\": [", with: "\"managr\": [")
        let found = problems { _ = try InventoryReader.read(Array(text.utf8), file: "inventory.json") }
        #expect(found.count == 1)
        let problem = try #require(found.first)
        #expect(problem.path == "accounts[0].managr")
        #expect(problem.line == 10)
        #expect(problem.message.contains("unknown key 'managr'"))
        #expect(problem.message.contains("did you mean 'managers'"))
        #expect(problem.description.hasPrefix("inventory.json:10:"))
    }

    @Test("every problem is reported, not only the first")
    func allProblems() throws {
        let text = minimalJSON
            .replacingOccurrences(of: "\"role\": \"teacher\"", with: "\"role\": \"coach\"")
            .replacingOccurrences(of: "\"tier\": \"personal\"", with: "\"tier\": \"private\"")
            .replacingOccurrences(of: "\"createdBy\": \"district\"", with: "\"createdBy\": \"board\"")
        let found = problems { _ = try InventoryReader.read(Array(text.utf8), file: "inventory.json") }
        #expect(found.map(\.path) == ["people[1].role", "accounts[0].createdBy", "accounts[1].tier"])
        #expect(found[0].message.contains("'coach' is not a valid role; expected one of 'administrator', 'teacher', 'staff'"))
        #expect(found[2].message.contains("'unregistered'") == false, "unregistered is not an inventory tier")
        #expect(found.allSatisfy { $0.line != nil })
    }

    @Test("a JSON syntax error names its line and column")
    func jsonSyntax() throws {
        let text = minimalJSON.replacingOccurrences(of: "\"Pisgah High School\"}", with: "\"Pisgah High School\",}")
        let found = problems { _ = try InventoryReader.read(Array(text.utf8), file: "inventory.json") }
        let problem = try #require(found.first)
        #expect(problem.line == 3)
        #expect(problem.column == 66)
        #expect(problem.message.contains("not valid JSON"))
    }

    @Test("duplicate handles (case and @ aside) and duplicate account ids make the inventory unusable")
    func duplicates() throws {
        let text = minimalJSON.replacingOccurrences(
            of: "{\"handle\": \"@KJackson\"",
            with: "{\"handle\": \"@PisgahHigh\", \"accountId\": \"1001\", \"tier\": \"primary\"},\n    {\"handle\": \"@KJackson\"")
        let found = problems { _ = try InventoryReader.read(Array(text.utf8), file: "inventory.json") }
        #expect(found.count == 2)
        #expect(found.contains { $0.message.contains("the handle 'pisgahhigh' is already used (line 9)") })
        #expect(found.contains { $0.message.contains("the account id '1001' is already used") })
        #expect(found.allSatisfy { $0.path == "accounts[1]" && $0.line == 11 })
    }

    @Test("an account naming an undefined school is kept, as a note, and the inventory stays usable")
    func badReference() throws {
        let text = minimalJSON.replacingOccurrences(of: "\"tier\": \"personal\", \"school\": \"pisgah-high\"",
                                                    with: "\"tier\": \"personal\", \"school\": \"canton-middle\"")
        let loaded = try InventoryReader.read(Array(text.utf8), file: "inventory.json")
        #expect(loaded.inventory.accounts.count == 2)
        #expect(loaded.notes.count == 1)
        #expect(loaded.notes[0].kind == .accountSchoolUndefined)
        #expect(loaded.notes[0].value == "canton-middle")
        #expect(loaded.notes[0].problem.path == "accounts[1]")
    }

    @Test("an XML syntax error carries libxml2's line and column")
    func xmlSyntax() throws {
        let text = minimalXML().replacingOccurrences(of: "<school id=\"pisgah-high\" name=\"Pisgah High School\"/>",
                                                     with: "<school id=\"pisgah-high\" name=\"Pisgah High School\">")
        let found = problems { _ = try InventoryReader.read(Array(text.utf8), file: "inventory.xml") }
        let problem = try #require(found.first)
        #expect(problem.file == "inventory.xml")
        #expect(problem.line == 9)
        #expect(problem.column != nil)
        #expect(problem.message.contains("mismatch"))
    }

    @Test("an XSD violation names the element or attribute and its line")
    func xsdViolation() throws {
        let misspelt = minimalXML(account: """
            <account handle="pisgahhigh" tier="primary">
                  <managr>mreed@haywood.k12.nc.us</managr>
                </account>
            """)
        let found = problems { _ = try InventoryReader.read(Array(misspelt.utf8), file: "inventory.xml") }
        let problem = try #require(found.first)
        #expect(problem.line == 12)
        #expect(problem.message.contains("managr"))
        #expect(problem.message.contains("not expected"))

        let badTier = minimalXML(account: #"<account handle="pisgahhigh" tier="primry"/>"#)
        let tier = problems { _ = try InventoryReader.read(Array(badTier.utf8), file: "inventory.xml") }
        #expect(tier.count == 1)
        #expect(tier.first?.line == 11)
        #expect(tier.first?.message.contains("'primry'") == true)

        let extraAttribute = minimalXML(account: #"<account handle="a" tier="primary" colour="red"/>"#)
        let attribute = problems { _ = try InventoryReader.read(Array(extraAttribute.utf8), file: "inventory.xml") }
        #expect(attribute.first?.message.contains("colour") == true)

        let wrongNamespace = minimalXML().replacingOccurrences(of: "urn:socialaudit:inventory:1", with: "urn:other")
        let namespace = problems { _ = try InventoryReader.read(Array(wrongNamespace.utf8), file: "inventory.xml") }
        #expect(namespace.first?.message.contains("urn:socialaudit:inventory:1") == true)
    }

    @Test("an external entity is refused and the referenced file's content appears nowhere")
    func externalEntity() throws {
        let secret = "SECRET-\(UUID().uuidString)"
        let secretFile = try write(secret + "\n", named: "secret.txt")
        let text = minimalXML(doctype: "<!DOCTYPE inventory [ <!ENTITY xxe SYSTEM \"file://\(secretFile.path)\"> ]>")
            .replacingOccurrences(of: "name=\"Pisgah High School\"", with: "name=\"&xxe;\"")
        let url = try write(text, named: "inventory.xml")
        let found = problems { _ = try InventoryReader.load(url) }
        #expect(found.count == 1)
        #expect(found[0].message.contains("defines the entity 'xxe'"))
        #expect(found[0].line == 2)
        #expect(!found.description.contains(secret))

        // Through the command line too: nothing it prints carries the file's content.
        let result = try Invocation.run(["validate", "--inventory", url.path, "--roster", "samples/students.csv"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("entity"))
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
    }

    @Test("a parameter entity or an internal entity is refused as well")
    func internalEntities() throws {
        let internalEntity = minimalXML(doctype: "<!DOCTYPE inventory [ <!ENTITY school \"Pisgah\"> ]>")
        #expect(problems { _ = try InventoryReader.read(Array(internalEntity.utf8), file: "i.xml") }.first?.message.contains("'school'") == true)
        let parameter = minimalXML(doctype: "<!DOCTYPE inventory [ <!ENTITY % remote SYSTEM \"http://example.invalid/x.dtd\"> %remote; ]>")
        #expect(problems { _ = try InventoryReader.read(Array(parameter.utf8), file: "i.xml") }.first?.message.contains("'remote'") == true)
    }

    @Test("a billion-laughs document is refused at its first entity declaration, before any expansion")
    func billionLaughs() throws {
        var declarations = "<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        let text = minimalXML(doctype: "<!DOCTYPE inventory [\n\(declarations)]>")
            .replacingOccurrences(of: "name=\"Pisgah High School\"", with: "name=\"&lol9;\"")
        let found = problems { _ = try InventoryReader.read(Array(text.utf8), file: "laughs.xml") }
        #expect(found.count == 1)
        #expect(found[0].message.contains("defines the entity 'lol'"))
        #expect(found[0].line == 3, "refused at the first declaration, not after expanding")
    }

    @Test("a plain document type declaration without entities is accepted and loads nothing")
    func plainDoctype() throws {
        let text = minimalXML(doctype: "<!DOCTYPE inventory SYSTEM \"http://example.invalid/inventory.dtd\">")
        let loaded = try InventoryReader.read(Array(text.utf8), file: "i.xml")
        #expect(loaded.inventory.accounts.map(\.handle) == ["pisgahhigh"])
    }

    @Test("a file that is neither JSON nor XML says what was expected")
    func neither() throws {
        let found = problems { _ = try InventoryReader.read(Array("handle,tier\n".utf8), file: "inventory.txt") }
        #expect(found.first?.message.contains("expected an inventory in JSON") == true)
    }
}
