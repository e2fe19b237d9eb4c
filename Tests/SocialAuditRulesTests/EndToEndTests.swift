import Foundation
import Testing
import CSV
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditReport
import SocialAuditRules
import SocialAuditRun
import SocialAuditTestSupport

/// (rule, account, evidence id or key) — what a finding is, for comparing sets.
struct Found: Hashable, CustomStringConvertible {
    var rule: String
    var account: String
    var evidence: String
    init(_ rule: String, _ account: String, _ evidence: String = "") {
        self.rule = rule
        self.account = account
        self.evidence = evidence
    }
    init(_ finding: Finding) {
        self.init(finding.rule, finding.account, finding.evidence.id ?? "")
    }
    var description: String { "(\(rule), \(account), \(evidence))" }
}

func audit(config: URL, asOf: String = "2026-11-01", schools: [String] = []) async throws -> AuditResult {
    let configuration = try ConfigurationReader.load(config)
    let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
    return try await DistrictAudit(inputs: inputs, asOf: TwitterDate.parse(asOf)!, schools: schools).run()
}

@Suite("The whole audit, on real archive files")
struct EndToEndTests {
    @Test("the sample district: exactly the planted findings, for every tier, and nothing else")
    func samples() async throws {
        let result = try await audit(config: Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        let found = Set(result.findings.map(Found.init))
        let expected: Set<Found> = [
            // primary
            Found("primary.retweet-source", "pisgahhigh", "2111648791728095237"),
            Found("student.reply", "pisgahhigh", "2113979390304321542"),
            // From the X API capture: a reply newer than tuscolahigh's archive.
            Found("student.reply", "tuscolahigh", "2116516033460568064"),
            Found("inventory.missing-archive", "bethelbobcats"),
            Found("account.manager-role", "bethelbobcats"),
            // school-owned
            Found("account.single-manager", "pisgahcounselors"),
            Found("account.assigned-by-admin", "pisgahcounselors"),
            Found("account.email-routing", "pisgahcounselors"),
            Found("account.registered-email", "pisgahcounselors"),
            Found("account.connected-apps", "pisgahcounselors"),
            Found("account.login-spread", "pisgahcounselors"),
            Found("student.dm", "pisgahcounselors", "1002-880004"),
            Found("inventory.handle-changed", "bethelpta"),
            Found("inventory.stale-archive", "bethelpta"),
            Found("account.created-by", "bethelpta"),
            // personal
            Found("personal.claims-official", "kjackson"),
            Found("student.reply", "kjackson", "2106748863180570627"),
            Found("student.mention", "kjackson", "2106748863180570627"),
            Found("student.opted-out-named", "kjackson", "2110424151433281542"),
            Found("student.dm", "kjackson", "1003-880001"),
            Found("student.dm", "kjackson", "1846201957730128896"),
            Found("archive.unreadable", "msrivera"),
            // professional
            Found("professional.unprofessional-content", "mrsokafor_teaches", "2104040366210940932"),
            Found("student.retweet", "mrsokafor_teaches", "2111986353495736322"),
            Found("student.quote", "mrsokafor_teaches", "2112023431159873542"),
            Found("account.owner-is-staff", "coachdavis"),
            Found("inventory.bad-reference", "cantonmiddlefans"),
            // unregistered
            Found("inventory.unregistered-archive", "mr_unlisted"),
        ]
        #expect(found.subtracting(expected).isEmpty, "unexpected: \(found.subtracting(expected).sorted { $0.description < $1.description })")
        #expect(expected.subtracting(found).isEmpty, "missing: \(expected.subtracting(found).sorted { $0.description < $1.description })")
        #expect(result.findings.count == expected.count, "one finding each")
        #expect(Set(result.findings.map(\.rule)) == Set(RuleIds.all), "the samples cover every rule")
        // Each account is shown with who answers for it: a staff account's owner, a school account's managers.
        #expect(result.accounts.first { $0.handle == "kjackson" }?.runBy == "Kendall Jackson")
        #expect(result.accounts.first { $0.handle == "pisgahcounselors" }?.runBy == "Taylor Lane, Dana Whitaker")
        #expect(result.accounts.first { $0.handle == "mr_unlisted" }?.runBy == nil)
        // Findings of an undefined school and of unregistered archives go to `unassigned`.
        #expect(result.findings.filter { $0.schoolId == Finding.unassigned }.map(\.account).sorted() == ["cantonmiddlefans", "mr_unlisted"])
        // "Rileyson Barneswood" (okafor) never fires opted-out-named.
        #expect(!result.findings.contains { $0.rule == "student.opted-out-named" && $0.account == "mrsokafor_teaches" })
    }

    @Test("--school limits the run to a school's accounts")
    func schoolFilter() async throws {
        let result = try await audit(config: Invocation.repository.appendingPathComponent("samples/socialaudit.json"), schools: ["bethel-middle"])
        #expect(Set(result.findings.map(\.schoolId)) == ["bethel-middle"])
        #expect(Set(result.findings.map(\.account)) == ["bethelbobcats", "bethelpta", "coachdavis"])
    }

    @Test("a personal account's archive: reply plus mention, self-reply, retweet, split and group DMs, entities, near-miss name")
    func personalArchive() async throws {
        let folder = ArchiveFixture.temporaryFolder()
        var archive = fullArchive()
        archive["data/tweets-part2.js"] = TwitterJS.file("tweets", part: 2, [
            TwitterJS.tweet(id: "21", text: "Most improved: Riley Barnes &amp; the JV team"),
            TwitterJS.tweet(id: "22", text: "Welcome Rileyson Barneswood!"),
            TwitterJS.tweet(id: "23", text: "RT @rsmith: we won", mentions: [("rsmith", "880002")]),
        ])
        let config = try oneAccountDistrict(in: folder, handle: "KJackson", students: [
            "S1,pisgah-high,jamie_hoops7,880001,Jamie,Student,false", "S2,pisgah-high,RSmith,,Robin,Smith,false",
            "S3,pisgah-high,,880003,Riley,Barnes,true", "S4,pisgah-high,,880004,Ana,Lopez,false",
        ])
        try archive.writeZip(named: "twitter-2026-10-31-kj.zip", in: folder.appendingPathComponent("archives"))
        let result = try await audit(config: config)
        let found = Set(result.findings.map(Found.init))
        // The account is named as the inventory writes it ("KJackson"); links use the archive's username.
        #expect(found == [
            Found("student.reply", "KJackson", "1592345678901234567"),
            Found("student.mention", "KJackson", "1592345678901234567"),
            Found("student.dm", "KJackson", "1003-880001"),
            Found("student.dm", "KJackson", "1587000000000000000"),
            Found("student.opted-out-named", "KJackson", "21"),
            Found("student.retweet", "KJackson", "23"),
            // Tweet 12 links to a student's tweet: a quote (the link names its author by handle).
            Found("student.quote", "KJackson", "12"),
        ], "\(found.sorted { $0.description < $1.description })")

        let mention = try #require(result.findings.first { $0.rule == "student.mention" })
        #expect(mention.students.map(\.studentId) == ["S2"], "the mention is of the other student, matched by handle")
        let split = try #require(result.findings.first { $0.evidence.id == "1003-880001" })
        #expect(split.evidence.messageCount == 3, "a conversation split over two entries is one conversation")
        let group = try #require(result.findings.first { $0.evidence.id == "1587000000000000000" })
        #expect(group.students.map(\.studentId) == ["S1", "S3", "S4"], "participants come from join, participant and leave events")
        let named = try #require(result.findings.first { $0.rule == "student.opted-out-named" })
        #expect(named.evidence.text == "Most improved: [student S3] & the JV team", "entities decoded, the name masked")
        #expect(named.evidence.url == "https://x.com/kjackson/status/21")

        // Fingerprints do not depend on where the archive is or what it is called.
        let moved = ArchiveFixture.temporaryFolder()
        try FileManager.default.copyItem(at: folder.appendingPathComponent("archives/twitter-2026-10-31-kj.zip"),
                                         to: moved.appendingPathComponent("renamed.zip"))
        var configuration = try ConfigurationReader.load(folder.appendingPathComponent("socialaudit.json"))
        configuration.archives = moved
        let again = try await DistrictAudit(inputs: DistrictInputs.load(configuration, rosterGiven: true),
                                      asOf: TwitterDate.parse("2026-12-24")!).run()
        #expect(again.findings.filter { $0.rule != "inventory.stale-archive" }.map(\.fingerprint).sorted()
                == result.findings.map(\.fingerprint).sorted())
    }

    @Test("the templates escape every value for HTML: the five characters, in any text, and a template may turn it off")
    func templateEscaping() throws {
        let folder = ArchiveFixture.temporaryFolder().appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("<p title=\"{{v}}\">{{v}}</p>{{{v}}}".utf8).write(to: folder.appendingPathComponent("page.mustache"))
        try Data("{{% CONTENT_TYPE: TEXT}}{{v}}".utf8).write(to: folder.appendingPathComponent("plain.mustache"))
        let templates = try ReportTemplates(folder: folder, required: ["page", "plain"])
        let samples = ["plain", "<script>alert('x')</script>", "a & b \"c\" 'd' <e> &amp;", "é<\u{0301}>ü", "", "😀&😀"]
        for value in samples {
            // Scalar by scalar: a `<` that a combining mark follows is escaped too.
            let entities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
            let escaped = value.unicodeScalars.map { entities[$0] ?? String($0) }.joined()
            #expect(templates.render("page", ["v": value]) == "<p title=\"\(escaped)\">\(escaped)</p>\(value)")
            #expect(templates.render("plain", ["v": value]) == value)
        }
    }

    @Test("findings.csv: the spec's header, CRLF, RFC 4180 quoting, formula-safe cells and a final line break")
    func csvCells() throws {
        let finding = Finding(
            rule: "student.reply", severity: .high, tier: .personal, schoolId: "pisgah-high", schoolName: "Pisgah High, \"PHS\"",
            account: "kjackson", accountId: "1003",
            evidence: Evidence(kind: .tweet, id: "-5", time: TwitterDate.parse("2024-03-05T14:07:00Z"), url: "https://x.com/kjackson/status/5"),
            students: [], summary: "=HYPERLINK(\"http://evil\",\"click\")", fingerprint: "@abc")
        let text = try FindingsCSV.render([finding])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == FindingsCSV.columns.joined(separator: ","))
        #expect(lines.count == 3 && lines[2].isEmpty, "a final line break after the last row")
        #expect(lines[1] == "pisgah-high,\"Pisgah High, \"\"PHS\"\"\",kjackson,personal,student.reply,high,new,tweet,'-5,2024-03-05T14:07:00Z,https://x.com/kjackson/status/5,\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",'@abc")
        for value in ["+1", "-2", "@x", "\tx", "\rx", "=1"] {
            #expect(FindingsCSV.inert(value) == "'" + value)
        }
        #expect(FindingsCSV.inert("plain") == "plain")

        // Read back by CSV.swift: every cell as it was (made inert), line breaks and quotes inside cells too.
        var other = finding
        other.summary = "two\r\nlines, \"quoted\""
        other.schoolName = "Bethel"
        let reader = try CSVReader(string: try FindingsCSV.render([finding, other]), hasHeaderRow: true)
        #expect(reader.headerRow == FindingsCSV.columns)
        var summaries: [String] = []
        while let row = reader.next() {
            #expect(row.count == FindingsCSV.columns.count)
            summaries.append(row[11])
        }
        #expect(summaries.sorted() == ["'=HYPERLINK(\"http://evil\",\"click\")", "two\r\nlines, \"quoted\""].sorted())
    }
}
