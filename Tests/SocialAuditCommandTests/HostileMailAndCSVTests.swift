import Foundation
import Testing
import SocialAuditTestSupport

/// The e-mail and CSV cases of the hostile corpus (scripts/make-hostile.py, `mail_and_csv_cases`),
/// run through the built binary as cron would.
@Suite("Hostile inputs: e-mail and CSV", .serialized)
struct HostileMailAndCSVTests {
    static let corpus: URL = {
        let folder = ArchiveFixture.temporaryFolder().appendingPathComponent("hostile")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Invocation.repository.appendingPathComponent("scripts/make-hostile.py").path, folder.path,
                             "--big-line-mb", "1"]
        try! process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "make-hostile.py failed")
        return folder.appendingPathComponent("mail-and-csv")
    }()

    static func path(_ name: String) -> String { corpus.appendingPathComponent(name).path }

    /// Runs in an empty folder, so no ./socialaudit.json is read.
    static func run(_ arguments: [String]) throws -> Invocation {
        try Invocation.run(arguments, in: ArchiveFixture.temporaryFolder())
    }

    @Test("validate refuses an injected recipient in a JSON inventory, naming the file, line and path, and exits 2")
    func jsonRecipient() throws {
        let result = try Self.run(["validate", "--inventory", Self.path("recipient-crlf/inventory.json")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("inventory.json:9:7: district.reportRecipients[1]"))
        #expect(result.stderr.contains("district.reportRecipients[1]: 'principal@haywood.k12.nc.us\\r\\nBcc: attacker@evil.example' is not an e-mail address"))
        #expect(result.stderr.contains("schools[0].reportRecipients[0]: "))
    }

    @Test("validate refuses an injected recipient in an XML inventory at its element's line")
    func xmlRecipient() throws {
        let result = try Self.run(["validate", "--inventory", Self.path("recipient-crlf/inventory.xml")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("inventory.xml:4: <reportRecipient>: "))
        #expect(result.stderr.contains("is not an e-mail address"))
    }

    @Test("run refuses an injected mail.from before anything is written, and exits 2")
    func from() throws {
        let out = ArchiveFixture.temporaryFolder().appendingPathComponent("out")
        let result = try Self.run(["run", "--config", Self.path("from-crlf/socialaudit.json"), "--inventory", Self.path("district/inventory.json"),
                                   "--archives", Self.path("district/archives"), "--out", out.path, "--as-of", "2026-11-01"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("socialaudit.json:3:") && result.stderr.contains("mail.from: "))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("validate refuses school ids that differ only in case, and 'Unassigned'")
    func schoolCase() throws {
        let result = try Self.run(["validate", "--inventory", Self.path("school-case/inventory.json")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("schools[1]: the school id 'Pisgah-High' differs only in case from 'pisgah-high'"))
        #expect(result.stderr.contains("schools[2]: the school id 'Unassigned' cannot be used"))
    }

    @Test("run refuses --as-of 2026-02-30 and a review dated 2026-02-30, each exit 2")
    func impossibleDates() throws {
        let asOf = try Self.run(["run", "--archives", Self.path("district/archives"), "--as-of", "2026-02-30"])
        #expect(asOf.status == 2)
        #expect(asOf.stderr.contains("--as-of '2026-02-30' is not a date"))
        let out = ArchiveFixture.temporaryFolder().appendingPathComponent("out")
        let reviews = try Self.run(["run", "--config", Self.path("district/socialaudit.json"), "--reviews", Self.path("reviews-date/reviews.json"),
                                    "--out", out.path, "--state", ArchiveFixture.temporaryFolder().appendingPathComponent("s.sqlite").path,
                                    "--as-of", "2026-11-01", "--quiet"])
        #expect(reviews.status == 2)
        #expect(reviews.stderr.contains("reviews.json:5:5: [0].date") && reviews.stderr.contains("[0].date: '2026-02-30' is not a date"))
    }

    /// A run of the corpus's district: its output folder.
    static let district: URL = {
        let out = ArchiveFixture.temporaryFolder().appendingPathComponent("out")
        let result = try! run(["run", "--config", path("district/socialaudit.json"), "--out", out.path, "--as-of", "2026-11-01", "--quiet",
                               "--state", ArchiveFixture.temporaryFolder().appendingPathComponent("s.sqlite").path,
                               "--templates", Invocation.repository.appendingPathComponent("templates").path])
        precondition(result.status == 0, result.stderr)
        return out
    }()

    static func decoded(_ eml: URL) throws -> String {
        let raw = try String(contentsOf: eml, encoding: .utf8).replacingOccurrences(of: "=\r\n", with: "")
        return QuotedPrintable.decode(raw)
    }

    @Test("the district's e-mail names no archive's own username, student handle or folder, and counts them")
    func mailNamesInventoryOnly() throws {
        let text = try Self.decoded(Self.district.appendingPathComponent("mail/district.eml"))
        for word in ["jamie_hoops7", "Jamie Hollis", "ACTION REQUIRED", "evil.example", "HYPERLINK"] {
            #expect(!text.contains(word), "'\(word)' in the district's e-mail")
        }
        #expect(text.contains("  - 3 archives not in the inventory"))
        #expect(text.contains("  - @pisgahhigh: "))
    }

    @Test("a display name with a comma reaches the school's To: as an encoded word, the address as written")
    func schoolRecipient() throws {
        let eml = try String(contentsOf: Self.district.appendingPathComponent("mail/pisgah-high.eml"), encoding: .utf8)
        let to = try #require(eml.components(separatedBy: "\r\n").first { $0.hasPrefix("To: ") })
        #expect(to == "To: =?UTF-8?B?\(Data("Principal, Pisgah".utf8).base64EncodedString())?= <principal.phs@haywood.k12.nc.us>")
        #expect(eml.hasPrefix("From: Haywood audit <socialaudit@haywood.k12.nc.us>\r\n"))
    }

    @Test("no cell of findings.csv starts a formula, whatever the archives put first")
    func csvCells() throws {
        let csv = try String(contentsOf: Self.district.appendingPathComponent("findings.csv"), encoding: .utf8)
        #expect(csv.contains("'"), "a username that starts a formula is in the corpus")
        let skipped: Set<Unicode.Scalar> = [" ", "\u{A0}", "\u{FEFF}", "\n", "\r", "\t"]
        // Cells split naively: a quoted cell starts after its quote.
        for line in csv.components(separatedBy: "\r\n") {
            for cell in line.components(separatedBy: ",") {
                let body = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
                guard let first = body.unicodeScalars.first(where: { !skipped.contains($0) && !(0x202A...0x202E).contains($0.value) && !(0x2066...0x2069).contains($0.value) }),
                      body.unicodeScalars.first != "'" else { continue }
                #expect(!"=+-@|\u{FF1D}".unicodeScalars.contains(first), "cell \(cell)")
            }
        }
    }
}
