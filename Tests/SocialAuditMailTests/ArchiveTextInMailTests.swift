import Foundation
import Testing
import SocialAuditCore
import SocialAuditReport
import SocialAuditTestSupport
@testable import SocialAuditMail

/// What an archive says about itself (its username, its file or folder name) is the attacker's
/// text: the district's e-mail names inventory accounts only, one line each, and counts the rest.
@Suite("Archive text in the e-mail summaries")
struct ArchiveTextInMailTests {
    static let injected = "jamie_hoops7\n\nACTION REQUIRED: your district password expired; re-enter it at https://evil.example/login"

    func finding(_ rule: String, _ severity: Severity, tier: Tier, account: String, school: String = Finding.unassigned) -> Finding {
        Finding(rule: rule, severity: severity, tier: tier, schoolId: school, schoolName: school, account: account, accountId: nil,
                evidence: Evidence(kind: .account), students: [], summary: "s", fingerprint: UUID().uuidString)
    }

    func summary(_ findings: [Finding]) throws -> (text: String, html: String) {
        let district = District(name: "Haywood County Schools", emailDomains: ["haywood.k12.nc.us"], reportRecipients: ["c@haywood.k12.nc.us"])
        let report = RunReport(district: district, schools: [], asOf: "2026-11-01", startedAt: Date(), finishedAt: Date(),
                               findings: findings, accounts: [], archivesRead: 3, tweetsScanned: 0, messagesScanned: 0, errors: [])
        let templates = try ReportTemplates(folder: Invocation.repository.appendingPathComponent("templates"))
        let composer = MailComposer(templates: templates, from: nil, reportBaseURL: nil, reportPath: "/srv/out", district: district)
        let message = try #require(composer.messages(for: report).last)
        let raw = String(decoding: message.bytes, as: UTF8.self).replacingOccurrences(of: "=\r\n", with: "")
        let parts = raw.components(separatedBy: "Content-Type: text/html")
        return (QuotedPrintable.decode(parts[0]), QuotedPrintable.decode(parts[1]))
    }

    @Test("archives not in the inventory are counted, never named: no student handle, no folder name, no injected paragraph")
    func counted() throws {
        let (text, html) = try summary([
            finding("inventory.unregistered-archive", .medium, tier: .unregistered, account: Self.injected),
            finding("inventory.unregistered-archive", .medium, tier: .unregistered, account: "Jamie Hollis"),
            finding("archive.unreadable", .medium, tier: .unregistered, account: "Jamie Hollis"),
            finding("account.created-by", .high, tier: .unregistered, account: Self.injected),
        ])
        for body in [text, html] {
            #expect(!body.contains("jamie_hoops7") && !body.contains("Jamie Hollis") && !body.contains("ACTION REQUIRED"))
            #expect(body.contains("2 archives not in the inventory"))
        }
        #expect(!text.contains("Archive of an account not in the inventory"))
    }

    @Test("one archive not in the inventory is said in the singular")
    func singular() throws {
        let (text, _) = try summary([finding("inventory.unregistered-archive", .medium, tier: .unregistered, account: "x")])
        #expect(text.contains("  - 1 archive not in the inventory\r\n"))
    }

    @Test("an inventory account's handle is one line of at most 80 characters, shown after its @")
    func inventoryHandles() throws {
        let long = "pisgah\r\nhigh\u{2028}" + String(repeating: "a", count: 200)
        let (text, _) = try summary([finding("account.created-by", .high, tier: .primary, account: long),
                                     finding("inventory.missing-archive", .medium, tier: .primary, account: "bethel\nbobcats")])
        let lines = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("  - @") }
        #expect(lines.count == 2)
        let handle = try #require(lines.first { $0.hasPrefix("  - @pisgah") })
        let shown = handle.dropFirst(5).prefix { $0 != ":" }
        #expect(shown.count == 80 && shown.hasSuffix("…") && shown.hasPrefix("pisgah high a"))
        #expect(lines.contains { $0.hasPrefix("  - @bethel bobcats: ") })
    }

    @Test("values for one line: breaks and controls become spaces, bidi controls markers, 80 characters with an ellipsis")
    func singleLine() {
        #expect(DisplayText.singleLine("a\r\n\tb\u{0}c\u{85}d") == "a b c d")
        #expect(DisplayText.singleLine("evil\u{202E}gpj.exe") == "evil[U+202E]gpj.exe")
        #expect(DisplayText.singleLine(String(repeating: "x", count: 81)) == String(repeating: "x", count: 79) + "…")
        #expect(DisplayText.singleLine(String(repeating: "x", count: 80)) == String(repeating: "x", count: 80))
    }
}
