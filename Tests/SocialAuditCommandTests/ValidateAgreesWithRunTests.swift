import Foundation
import Testing
import SocialAuditTestSupport

/// `validate` says the inputs are usable only when `run` on the same inputs will not stop on them.
@Suite("validate checks what run will need")
struct ValidateAgreesWithRunTests {
    /// One way a district's inputs go wrong, made from the sample district.
    struct Breakage: CustomTestStringConvertible, Sendable {
        let name: String
        /// Whether `validate` exits 0 (the problem becomes a finding or a warning).
        let usable: Bool
        /// Whether `run` stops on it (exit 2). A mail route problem stops only the mail.
        let runStops: Bool
        /// What `validate` says of it, on standard output or error.
        let says: String
        let change: @Sendable (URL) throws -> Void

        var testDescription: String { name }
    }

    static let breakages: [Breakage] = [
        Breakage(name: "nothing broken", usable: true, runStops: false, says: "The inputs are usable.") { _ in },
        Breakage(name: "the archives folder is missing", usable: false, runStops: true,
                 says: "archives: the archives folder does not exist or is not a folder") { district in
            try FileManager.default.removeItem(at: district.appendingPathComponent("archives"))
        },
        Breakage(name: "an archive that is not a zip", usable: true, runStops: false,
                 says: "unreadable  [student S20104]-archive.zip: this is not a zip archive") { district in
            try Data("Noël 🎄 — это не архив".utf8).write(to: district.appendingPathComponent("archives/José-Peña-archive.zip"))
        },
        Breakage(name: "a review with a day the calendar does not have", usable: false, runStops: true,
                 says: "[0].date: '2026-02-30' is not a date") { district in
            try Data(#"[{"fingerprint": "0123abcd", "reviewer": "Zoë Ångström", "date": "2026-02-30", "note": "vu ✅"}]"#.utf8)
                .write(to: district.appendingPathComponent("reviews.json"))
        },
        Breakage(name: "a template that does not compile", usable: false, runStops: true,
                 says: "district.mustache:2:1: template syntax error") { district in
            try Data("{{#findings}}École\n".utf8).write(to: district.appendingPathComponent("templates/district.mustache"))
        },
        Breakage(name: "a state file that is not a database", usable: false, runStops: true,
                 says: "state/socialaudit.sqlite cannot be used") { district in
            let state = district.appendingPathComponent("state")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            try Data("not SQLite".utf8).write(to: state.appendingPathComponent("socialaudit.sqlite"))
        },
        Breakage(name: "a school with no reportRecipients", usable: true, runStops: false,
                 says: "school 'bethel-middle' gives no reportRecipients: its report is written, but its summary is mailed to nobody") { district in
            try editInventory(district) { inventory in
                inventory["schools"] = (inventory["schools"] as! [[String: Any]]).map { school in
                    var school = school
                    if school["id"] as? String == "bethel-middle" { school["reportRecipients"] = [String]() }
                    return school
                }
            }
        },
        Breakage(name: "a recipient that is not one address", usable: false, runStops: true,
                 says: "is not an e-mail address") { district in
            try editInventory(district) { inventory in
                var schools = inventory["schools"] as! [[String: Any]]
                schools[0]["reportRecipients"] = ["Directrice Hélène <principal.phs@haywood.k12.nc.us>, cc@evil.example"]
                inventory["schools"] = schools
            }
        },
        Breakage(name: "a sendmail command that is not in PATH", usable: false, runStops: false,
                 says: "mail.sendmail 'sendmail-nowhere-🙈 -t' cannot run: no executable 'sendmail-nowhere-🙈' in PATH") { district in
            try editConfiguration(district) { $0["mail"] = ["sendmail": "sendmail-nowhere-🙈 -t"] }
        },
        Breakage(name: "a sendmail command that is not executable", usable: false, runStops: false,
                 says: "sendmail.sh is not an executable file") { district in
            try Data("#!/bin/sh\ncat >/dev/null\n".utf8).write(to: district.appendingPathComponent("sendmail.sh"))
            try editConfiguration(district) { $0["mail"] = ["sendmail": district.appendingPathComponent("sendmail.sh").path + " -t"] }
        },
        Breakage(name: "an SMTP host that is not a host name", usable: false, runStops: false,
                 says: "mail.smtp.host: 'почта.школа' is not a host name or an IP address") { district in
            try editConfiguration(district) { $0["mail"] = ["smtp": ["host": "почта.школа", "port": 25]] }
        },
        Breakage(name: "an account's school in another case than its id", usable: true, runStops: false,
                 says: "account 'mrsokafor_teaches' names school 'Tuscola-High', read as 'tuscola-high'") { district in
            try editAccount(district, "mrsokafor_teaches") { $0["school"] = "Tuscola-High" }
        },
        Breakage(name: "an account's school one letter off its id", usable: true, runStops: false,
                 says: "names school 'tuscola-hihg', which the inventory does not define; its findings go to 'unassigned'; did you mean 'tuscola-high'?") { district in
            try editAccount(district, "mrsokafor_teaches") { $0["school"] = "tuscola-hihg" }
        },
    ]

    @Test("validate exits 0 only when run does not stop on the same inputs", arguments: breakages)
    func validateAgreesWithRun(_ breakage: Breakage) throws {
        let district = try Self.district()
        try breakage.change(district)
        let validate = try Self.validate(district)
        #expect((validate.status == 0) == breakage.usable, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.status == 0 || validate.status == 2)
        #expect((validate.stdout + validate.stderr).contains(breakage.says), "\(validate.stdout)\(validate.stderr)")
        let run = try Self.run(district)
        #expect((run.status == 2) == breakage.runStops, "\(run.stderr)")
        if validate.status == 0 { #expect(run.status != 2, "validate said usable; run: \(run.stderr)") }
    }

    @Test("a bad review entry is said by validate exactly as run says it")
    func reviewSaidAlike() throws {
        let district = try Self.district()
        try Data(#"[{"fingerprint": "0123abcd", "reviewer": "Zoë", "date": "2026-13-01"}]"#.utf8)
            .write(to: district.appendingPathComponent("reviews.json"))
        let problem = { (text: String) in text.split(separator: "\n").first { $0.contains("reviews.json:") }.map { $0.split(separator: " ", maxSplits: 1).last! } }
        let said = try #require(problem(try Self.validate(district).stderr))
        #expect(problem(try Self.run(district).stderr) == said)
    }

    @Test("an archive whose account cannot be read is named as the reports name it, with no student's name")
    func unreadableArchiveNamedAndMasked() throws {
        let district = try Self.district()
        try Data("PK\u{03}\u{04} cut short".utf8).write(to: district.appendingPathComponent("archives/José-Peña-archive.zip"))
        let validate = try Self.validate(district)
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("1 unreadable"))
        #expect(validate.stdout.contains("  unreadable  [student S20104]-archive.zip: "), "\(validate.stdout)")
        #expect(try Self.run(district).status == 0)
        let runJSON = try String(contentsOf: district.appendingPathComponent("out/run.json"), encoding: .utf8)
        #expect(runJSON.contains("[student S20104]-archive.zip"), "run.json names it the same way")
        for text in [validate.stdout, validate.stderr, runJSON] {
            #expect(!text.contains("José") && !text.contains("Peña") && !text.contains("Pena"))
        }
    }

    @Test("an account's school in another case reaches that school's report, not 'unassigned'")
    func schoolCaseReachesTheSchool() throws {
        let district = try Self.district()
        try Self.editAccount(district, "mrsokafor_teaches") { $0["school"] = "Tuscola-High" }
        let run = try Self.run(district)
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: ") && run.stderr.contains("read as 'tuscola-high'"), "run says so too")
        let data = try Data(contentsOf: district.appendingPathComponent("out/findings.json"))
        let findings = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let own = findings.filter { $0["account"] as? String == "mrsokafor_teaches" }
        #expect(!own.isEmpty)
        #expect(own.allSatisfy { $0["schoolId"] as? String == "tuscola-high" })
        #expect(!own.contains { $0["rule"] as? String == "inventory.bad-reference" })
    }

    @Test("a sendmail command validate refuses makes run --mail exit 5, the reports written")
    func sendmailRefusedByBoth() throws {
        let district = try Self.district()
        try Self.editConfiguration(district) { $0["mail"] = ["sendmail": "sendmail-nowhere -t"] }
        #expect(try Self.validate(district).status == 2)
        let run = try Self.run(district, ["--mail"])
        #expect(run.status == 5, "\(run.stderr)")
        #expect(run.stderr.contains("no executable 'sendmail-nowhere' in PATH"))
        #expect(FileManager.default.fileExists(atPath: district.appendingPathComponent("out/index.html").path))
    }

    @Test("validate takes run's paths: --archives, --reviews and --templates are checked as run reads them")
    func runsPathsChecked() throws {
        let district = try Self.district()
        let missing = district.appendingPathComponent("no-such-reviews.json").path
        let validate = try Self.validate(district, ["--reviews", missing, "--archives", district.appendingPathComponent("nowhere").path,
                                                    "--templates", district.appendingPathComponent("no-templates").path])
        #expect(validate.status == 2)
        #expect(validate.stderr.contains("no-such-reviews.json: the review file does not exist"))
        #expect(validate.stderr.contains("nowhere: the archives folder does not exist"))
        #expect(validate.stderr.contains("no-templates"))
        #expect(validate.stderr.contains("3 problems in the inputs"))
        #expect(try Self.run(district, ["--reviews", missing]).status == 2)
    }

    // MARK: - The district

    /// The sample district copied into a new folder, its templates beside it.
    static func district() throws -> URL {
        let folder = ArchiveFixture.temporaryFolder().appendingPathComponent("district")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let samples = Invocation.repository.appendingPathComponent("samples")
        for name in ["socialaudit.json", "inventory.json", "students.csv", "reviews.json", "archives"] {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: Invocation.repository.appendingPathComponent("templates"),
                                         to: folder.appendingPathComponent("templates"))
        try editConfiguration(folder) { $0["templates"] = "templates" }
        return folder
    }

    static func validate(_ district: URL, _ extra: [String] = []) throws -> Invocation {
        try Invocation.run(["validate", "--config", district.appendingPathComponent("socialaudit.json").path] + extra)
    }

    static func run(_ district: URL, _ extra: [String] = []) throws -> Invocation {
        try Invocation.run(["run", "--config", district.appendingPathComponent("socialaudit.json").path,
                            "--as-of", "2026-11-01", "--quiet"] + extra)
    }

    static func editJSON(_ url: URL, _ change: (inout [String: Any]) -> Void) throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        change(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    static func editConfiguration(_ district: URL, _ change: (inout [String: Any]) -> Void) throws {
        try editJSON(district.appendingPathComponent("socialaudit.json"), change)
    }

    static func editInventory(_ district: URL, _ change: (inout [String: Any]) -> Void) throws {
        try editJSON(district.appendingPathComponent("inventory.json"), change)
    }

    static func editAccount(_ district: URL, _ handle: String, _ change: @escaping (inout [String: Any]) -> Void) throws {
        try editInventory(district) { inventory in
            inventory["accounts"] = (inventory["accounts"] as! [[String: Any]]).map { account in
                var account = account
                if account["handle"] as? String == handle { change(&account) }
                return account
            }
        }
    }
}
