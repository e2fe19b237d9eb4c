import Foundation
import Testing
import SocialAuditTestSupport

@Suite("A new district: init and the example district")
struct InitTests {
    static func newFolder() -> URL {
        ArchiveFixture.temporaryFolder().appendingPathComponent("district")
    }

    /// `validate`'s output, which must say the inputs are usable and list no problem.
    static func expectClean(_ arguments: [String]) throws -> String {
        let result = try Invocation.run(["validate"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "no error or warning: \(result.stderr)")
        #expect(result.stdout.contains("The inputs are usable."))
        return result.stdout
    }

    @Test("init writes a district that validates with no problem, its JSON and XML inventories alike")
    func initValidates() throws {
        let folder = Self.newFolder()
        let result = try Invocation.run(["init", folder.path, "--district", "Haywood County Schools", "--domain", "haywood.k12.nc.us"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("socialaudit validate --config \(folder.path)/socialaudit.json"), "the next steps name the commands")
        for name in ["socialaudit.json", "inventory.json", "inventory.xml", "students.csv", "reviews.json", "crontab", "logrotate",
                     "schemas/socialaudit.schema.json", "schemas/inventory.schema.json"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name) is written")
        }
        let config = folder.appendingPathComponent("socialaudit.json").path
        let json = try Self.expectClean(["--config", config])
        let xml = try Self.expectClean(["--config", config, "--inventory", folder.appendingPathComponent("inventory.xml").path])
        #expect(json.contains("Haywood County Schools") && !json.contains("Example County"))
        let summary = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("Inventory") } }
        #expect(summary(json) == summary(xml), "the XML inventory says what the JSON one says")
        let inventory = try String(contentsOf: folder.appendingPathComponent("inventory.json"), encoding: .utf8)
        #expect(inventory.contains("@haywood.k12.nc.us") && !inventory.contains("schools.example"))
        let crontab = try String(contentsOf: folder.appendingPathComponent("crontab"), encoding: .utf8)
        #expect(crontab.contains("cd \(folder.path) &&"), "the crontab line runs in the new folder")
    }

    @Test("a district name with quotes, ampersand and angle brackets is written as text in JSON and XML")
    func initEscapesTheName() throws {
        let folder = Self.newFolder()
        let name = #"Smith & "Jones" <County> Schools"#
        #expect(try Invocation.run(["init", folder.path, "--district", name]).status == 0)
        let config = folder.appendingPathComponent("socialaudit.json").path
        #expect(try Self.expectClean(["--config", config]).contains("District      \(name)"))
        #expect(try Self.expectClean(["--config", config, "--inventory", folder.appendingPathComponent("inventory.xml").path])
            .contains("District      \(name)"))
    }

    @Test("init changes no file that exists, and says which")
    func initRefusesExistingFiles() throws {
        let folder = Self.newFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let roster = folder.appendingPathComponent("students.csv")
        try Data("student_id,school,first_name,last_name\nS1,a,Real,Student\n".utf8).write(to: roster)
        let result = try Invocation.run(["init", folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(roster.path): already exists"))
        #expect(try String(contentsOf: roster, encoding: .utf8).contains("Real,Student"), "the roster is as it was")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("inventory.json").path), "nothing else was written")
    }

    @Test("init refuses a domain that is not a host name")
    func initRefusesBadDomain() throws {
        let folder = Self.newFolder()
        let result = try Invocation.run(["init", folder.path, "--domain", "not a domain"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--domain: 'not a domain' is not an e-mail domain"))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("the example district make install ships is the starter, and it validates with no problem")
    func installedExamplesValidate() throws {
        let starter = Invocation.repository.appendingPathComponent("Sources/SocialAuditInventory/Resources/starter")
        let folder = ArchiveFixture.temporaryFolder().appendingPathComponent("examples")
        try FileManager.default.copyItem(at: starter, to: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("archives"), withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("socialaudit.json").path
        #expect(try Self.expectClean(["--config", config]).contains("District      Example County Schools"))
        _ = try Self.expectClean(["--config", config, "--inventory", folder.appendingPathComponent("inventory.xml").path])
    }
}
