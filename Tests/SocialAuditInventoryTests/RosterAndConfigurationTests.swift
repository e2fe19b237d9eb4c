import Foundation
import Testing
import SocialAuditArchive
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditInventory

@Suite("Roster")
struct RosterTests {
    static let header = "student_id,school,handle,account_id,first_name,last_name,directory_opt_out"

    @Test("the sample roster reads, with its opted-out student and a non-ASCII name")
    func sample() throws {
        let roster = try RosterReader.load(sampleFolder.appendingPathComponent("students.csv"))
        #expect(roster.students.count == 8)
        #expect(roster.optedOut == 1)
        #expect(roster.students.contains { $0.firstName.unicodeScalars.contains { !$0.isASCII } || $0.lastName.unicodeScalars.contains { !$0.isASCII } })
    }

    @Test("fields and handles are trimmed exactly as Foundation's trimmingCharacters(in: .whitespaces) trims them")
    func trimming() {
        // Tab and every kind of Unicode space separator are trimmed; line breaks, zero-width
        // characters and combining marks are not.
        let pieces = ["", " ", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "\u{202F}", "\n", "\r\n", "\u{200B}", "\u{301}", "\u{FEFF}",
                      "a", "Z", "é", "e\u{301}", "ß", "名", "🙂", "@", "_", "1", "x y", "\u{85}", "\u{2028}", "\u{2029}", "\r", "\u{0B}",
                      "\u{0C}", "\u{7F}", "~", "!"]
        // The set, scalar by scalar, over the Basic Multilingual Plane and a few beyond.
        for value in Array(0...0xFFFF) + [0x1F642, 0xE0020, 0x10FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = " x" + String(Character(scalar))
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
        }
        var generator = SystemRandomNumberGenerator()
        var texts = pieces
        for _ in 0..<5_000 {
            texts.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
            // And in the same Unicode scalars, not only canonically equal.
            #expect(Array(text.trimmingWhitespace().unicodeScalars) == Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars))
            // The configuration's strings and the e-mail's text: Foundation's sets, scalar for scalar.
            #expect(Array(text.trimmingWhitespaceAndNewlines().unicodeScalars)
                    == Array(text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars), "\(Array(text.unicodeScalars))")
            #expect(Array(text.trimmingNewlines().unicodeScalars) == Array(text.trimmingCharacters(in: .newlines).unicodeScalars),
                    "\(Array(text.unicodeScalars))")
        }
    }

    @Test("quoted fields keep commas, doubled quotes and line breaks; a BOM and CRLF are read")
    func quotedFields() throws {
        let text = "\u{FEFF}" + Self.header + "\r\n"
            + "S1,pisgah-high,@JStudent07,88001,Jamie,\"Student, Jr.\",false\r\n"
            + "S2,pisgah-high,,,\"Ana \"\"AJ\"\"\",\"Peña\nGarcía\",TRUE\r\n"
            + "\r\n"
            + "S3,tuscola-high,rsmith,,Riley,Smith,\r\n"
        let url = try write(text, named: "students.csv")
        let roster = try RosterReader.load(url)
        #expect(roster.students.count == 3)
        #expect(roster.students[0].lastName == "Student, Jr.")
        #expect(roster.students[0].handle == "jstudent07")
        #expect(roster.students[0].accountId == "88001")
        #expect(roster.students[1].firstName == "Ana \"AJ\"")
        #expect(roster.students[1].lastName == "Peña\nGarcía")
        #expect(roster.students[1].directoryOptOut)
        #expect(roster.students[1].handle == nil)
        #expect(roster.students[2].directoryOptOut == false)
        #expect(roster.places.map(\.line) == [2, 3, 6], "lines count the line break inside the quoted field and skip the blank line")
    }

    @Test("a missing required column is named")
    func missingColumn() throws {
        let text = "student_id,school,handle,account_id,first_name,directory_opt_out\nS1,pisgah-high,a,1,Jamie,false\n"
        let found = problems { _ = try RosterReader.read(Array(text.utf8), file: "students.csv") }
        #expect(found.count == 1)
        #expect(found[0].line == 1)
        #expect(found[0].message.contains("'last_name'"))
    }

    @Test("a misspelt column is an error (it would lose an opt-out); an unrelated extra column is ignored")
    func columns() throws {
        let misspelt = "student_id,school,first_name,last_name,directory_opt_outs\nS1,pisgah-high,Jamie,Student,true\n"
        let found = problems { _ = try RosterReader.read(Array(misspelt.utf8), file: "students.csv") }
        #expect(found.first?.message.contains("did you mean 'directory_opt_out'") == true)
        let extra = "student_id,school,first_name,last_name,grade,directory_opt_out\nS1,pisgah-high,Jamie,Student,9,false\n"
        let roster = try RosterReader.read(Array(extra.utf8), file: "students.csv")
        #expect(roster.ignoredColumns == ["grade"])
    }

    @Test("bad rows are all reported with their lines")
    func badRows() throws {
        let text = Self.header + "\n"
            + "S1,pisgah-high,a,88001,Jamie,Student,maybe\n"
            + "S2,pisgah-high,b,88x,Riley,Barnes,false\n"
            + "S1,pisgah-high,c,,Sam,Jones,false\n"
            + "S4,pisgah-high,d\n"
            + "\"S5,pisgah-high,e,,Unclosed,Quote,false\n"
        let unclosed = problems { _ = try RosterReader.read(Array(text.utf8), file: "students.csv") }
        #expect(unclosed.first?.line == 6)
        #expect(unclosed.first?.message.contains("never closed") == true)

        let rows = String(text.split(separator: "\n").dropLast().joined(separator: "\n"))
        let found = problems { _ = try RosterReader.read(Array(rows.utf8), file: "students.csv") }
        #expect(found.map(\.line) == [2, 3, 5], "\(found)")
        // The cells are named by place, not by value (a shifted row would echo a name).
        #expect(found[0].message.contains("directory_opt_out is not true or false") && found[0].column == 7)
        #expect(found[1].message.contains("account_id is not an account id") && found[1].column == 4)
        #expect(found[2].message.contains("the row has 3 fields"))
        // The duplicate id is found once the rows themselves are good.
        let duplicate = Self.header + "\nS1,pisgah-high,a,88001,Jamie,Student,false\nS1,pisgah-high,c,,Sam,Jones,false\n"
        let again = problems { _ = try RosterReader.read(Array(duplicate.utf8), file: "students.csv") }
        #expect(again.first?.message.contains("this student_id is already used (line 2)") == true)
        #expect(again.first?.line == 3 && again.first?.column == 1)
    }

    @Test("a JSON roster with the same keys gives the same students as the CSV")
    func json() throws {
        let csv = Self.header + "\nS1,pisgah-high,JStudent07,88001,Jamie,Student,true\n"
        let json = #"[{"student_id": "S1", "school": "pisgah-high", "handle": "JStudent07", "account_id": 88001, "first_name": "Jamie", "last_name": "Student", "directory_opt_out": true}]"#
        let fromCSV = try RosterReader.read(Array(csv.utf8), file: "students.csv")
        let fromJSON = try RosterReader.read(Array(json.utf8), file: "students.json")
        #expect(fromCSV.students == fromJSON.students)
        let typo = #"[{"student_id": "S1", "school": "x", "first_name": "A", "last_name": "B", "directory_opt_outs": true}]"#
        let found = problems { _ = try RosterReader.read(Array(typo.utf8), file: "students.json") }
        #expect(found.first?.path == "[0].directory_opt_outs")
    }
}

@Suite("Configuration")
struct ConfigurationTests {
    @Test("every key is optional: no file gives the spec's defaults, relative to the working directory")
    func defaults() throws {
        let folder = ArchiveFixture.temporaryFolder()
        let configuration = try ConfigurationReader.load(nil, workingDirectory: folder)
        #expect(configuration.inventory.path == folder.appendingPathComponent("inventory.json").path)
        #expect(configuration.state.path == folder.appendingPathComponent("state/socialaudit.sqlite").path)
        #expect(configuration.policy.staleAfterDays == 35)
        #expect(configuration.policy.loginSpread == Policy.LoginSpread(distinctIPs: 5, windowDays: 7))
        #expect(configuration.timeZone.identifier == "America/New_York")
        #expect(configuration.templatesGiven == false)
    }

    @Test("paths are relative to the configuration file; flags override them, relative to the working directory")
    func paths() throws {
        let folder = ArchiveFixture.temporaryFolder()
        let file = folder.appendingPathComponent("district/socialaudit.json")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"inventory": "data/inv.xml", "archives": "../exports", "policy": {"staleAfterDays": 10, "organizations": ["@NCPublicSchools"]}}"#.utf8).write(to: file)
        let elsewhere = ArchiveFixture.temporaryFolder()
        let configuration = try ConfigurationReader.load(file, overrides: .init(roster: "kids.csv"), workingDirectory: elsewhere)
        #expect(configuration.inventory.path == folder.appendingPathComponent("district/data/inv.xml").path)
        #expect(configuration.archives.path == folder.appendingPathComponent("exports").path)
        #expect(configuration.roster.path == elsewhere.appendingPathComponent("kids.csv").path)
        #expect(configuration.out.path == folder.appendingPathComponent("district/out").path)
        #expect(configuration.policy.staleAfterDays == 10)
        #expect(configuration.policy.organizations == ["ncpublicschools"])
    }

    @Test("unknown keys, wrong types and unknown rule ids are errors with their paths")
    func problemsWithPaths() throws {
        let text = """
            {
              "inventry": "inventory.json",
              "timezone": "Mars/Olympus",
              "policy": {
                "staleAfterDays": "soon",
                "loginSpread": {"distinctIPs": 0},
                "severity": {"student.dm": "urgent", "student.dms": "low"},
                "disabledRules": ["acount.created-by"]
              },
              "mail": {"smtp": {"host": "127.0.0.1", "port": 99999}}
            }
            """
        let url = try write(text, named: "socialaudit.json")
        let found = problems { _ = try ConfigurationReader.load(url) }
        let paths = found.compactMap(\.path)
        #expect(paths.contains("inventry"))
        #expect(paths.contains("timezone"))
        #expect(paths.contains("policy.staleAfterDays"))
        #expect(paths.contains("policy.loginSpread.distinctIPs"))
        #expect(paths.contains("policy.severity.student.dm"))
        #expect(paths.contains("policy.severity.student.dms"))
        #expect(paths.contains("policy.disabledRules[0]"))
        #expect(paths.contains("mail.smtp.port"))
        #expect(found.first { $0.path == "inventry" }?.line == 2)
        #expect(found.first { $0.path == "inventry" }?.message.contains("did you mean 'inventory'") == true)
        #expect(found.first { $0.path == "policy.disabledRules[0]" }?.message.contains("did you mean 'account.created-by'") == true)
    }
}

@Suite("Matching archives to the inventory")
struct MatchingTests {
    static let inventory = Inventory(
        district: District(name: "D"),
        accounts: [
            InventoryAccount(handle: "pisgahhigh", accountId: "1001", tier: .primary),
            InventoryAccount(handle: "@PisgahCounselors", tier: .schoolOwned),
            InventoryAccount(handle: "bethelbobcats", accountId: "1008", tier: .primary),
            InventoryAccount(handle: "kjackson", accountId: "1003", tier: .personal),
            InventoryAccount(handle: "coachdavis", tier: .professional),
        ])

    @Test("by account id first, then by handle; never by a handle whose inventory id differs")
    func matching() {
        let archives = [
            ArchiveIdentity(accountId: "1001", username: "renamed_high"),     // by id, despite the new name
            ArchiveIdentity(accountId: "2002", username: "PISGAHCOUNSELORS"),  // by handle, case aside
            ArchiveIdentity(accountId: "9999", username: "kjackson"),          // same name, other account
            ArchiveIdentity(accountId: nil, username: nil),                    // unreadable
            ArchiveIdentity(accountId: "3003", username: "mr_unlisted"),
        ]
        let result = ArchiveMatching.match(archives, to: Self.inventory)
        #expect(result.match(forArchive: 0) == .init(archive: 0, account: 0, basis: .accountId))
        #expect(result.match(forArchive: 1) == .init(archive: 1, account: 1, basis: .handle))
        #expect(result.match(forArchive: 2) == nil)
        #expect(result.unregistered == [2, 4])
        #expect(result.unidentified == [3])
        #expect(result.missing == [2], "only primary and school-owned accounts need an archive")
    }

    @Test("the sample archives match as the samples' README says")
    func samples() throws {
        let loaded = try InventoryReader.load(sampleFolder.appendingPathComponent("inventory.json"))
        let listing = try ArchiveDiscovery.list(sampleFolder.appendingPathComponent("archives"))
        let identities = listing.sources.map { source in
            let reading = ArchiveReader(source: source).identify()
            return ArchiveIdentity(accountId: reading.account?.accountId, username: reading.account?.username)
        }
        let result = ArchiveMatching.match(identities, to: loaded.inventory)
        let matched = Set(result.matches.map { loaded.inventory.accounts[$0.account].handle })
        #expect(matched.isSuperset(of: ["pisgahhigh", "pisgahcounselors", "kjackson", "bethelpta", "tuscolahigh"]))
        #expect(result.unregistered.map { identities[$0].username } == ["mr_unlisted"])
        #expect(result.missing.map { loaded.inventory.accounts[$0].handle } == ["bethelbobcats"])
    }
}

@Suite("Hostile inputs of the district")
struct HostileDistrictInputTests {
    @Test("a roster and an inventory in Windows-1252 are read with their accents, and the reader is told")
    func windows1252() throws {
        let roster = "student_id,school,handle,account_id,first_name,last_name,directory_opt_out\r\nS1,pisgah-high,jpena,880004,José,Peña,true\r\n"
        let bytes = Array(roster.data(using: .windowsCP1252)!)
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the file is not UTF-8")
        let loaded = try RosterReader.read(bytes, file: "students.csv")
        #expect(loaded.students.first?.firstName == "José")
        #expect(loaded.students.first?.lastName == "Peña")
        #expect(loaded.encodingNote?.contains("Windows-1252") == true)
        let inventory = #"{"district": {"name": "Écoles"}, "schools": [{"id": "pisgah-high", "name": "Pisgah Élémentaire"}]}"#
        let inventoryBytes = Array(inventory.data(using: .windowsCP1252)!)
        let district = try InventoryReader.read(inventoryBytes, file: "inventory.json")
        #expect(district.inventory.schools.first?.name == "Pisgah Élémentaire")
        #expect(district.encodingNote != nil)
    }

    @Test("a school id that would leave the output folder is refused")
    func schoolIds() {
        for id in ["../../etc", "a/b", ".hidden", "unassigned", "district", "x y"] {
            let text = #"{"district": {"name": "D"}, "schools": [{"id": "\#(id)", "name": "S"}]}"#
            let found = problems { _ = try InventoryReader.read(Array(text.utf8), file: "inventory.json") }
            #expect(found.first?.message.contains("cannot be used") == true, "\(id)")
        }
        let fine = #"{"district": {"name": "D"}, "schools": [{"id": "pisgah-high_2.0", "name": "S"}]}"#
        #expect(problems { _ = try InventoryReader.read(Array(fine.utf8), file: "inventory.json") }.isEmpty)
    }
}
