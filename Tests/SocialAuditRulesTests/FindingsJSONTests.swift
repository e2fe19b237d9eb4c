import Foundation
import Testing
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules
import SocialAuditRun
import SocialAuditTestSupport
@testable import SocialAuditReport

@Suite("findings.json")
struct FindingsJSONTests {
    @Test("findings.json holds every finding with its status, rule name and policy, keys sorted, and gives back every character as written")
    func findings() async throws {
        let configuration = try ConfigurationReader.load(Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        let result = try await DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!).run()
        // Every character JSON must escape, and some it must not.
        let awkward = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
            + "\"\\/ é 😀 \u{2028}\u{2029} e\u{301} <script>&amp; =1+2 \u{7F}"
        var findings = result.findings
        var odd = try #require(findings.first)
        odd.summary = awkward
        odd.accountId = nil
        odd.evidence = Evidence(kind: .dm, id: awkward, time: Date(timeIntervalSince1970: 1_600_000_000.75),
                                url: nil, text: awkward, messageCount: 12, firstMessageAt: Date(timeIntervalSince1970: 0),
                                lastMessageAt: Date(timeIntervalSince1970: 1_700_000_000), participantCount: 3,
                                compared: [ComparedValue(awkward, "b"), ComparedValue("", "")], key: awkward)
        odd.students = [StudentRef(studentId: awkward, handle: nil), StudentRef(studentId: "S1", handle: "h")]
        findings.append(odd)
        let inventory = inputs.inventory.inventory
        let report = RunReport(district: inventory.district, schools: inventory.schools, asOf: "2026-11-01",
                               startedAt: Date(), finishedAt: Date(), findings: findings, accounts: result.accounts,
                               archivesRead: 11, tweetsScanned: result.tweetsScanned,
                               messagesScanned: result.messagesScanned, errors: [])
        let written = try FindingsJSON.findings(report)
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.hasSuffix("]\n"))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(written)) as? [[String: Any]])
        #expect(back.count == findings.count)
        for (entry, finding) in zip(back, report.findings) {
            #expect(entry["fingerprint"] as? String == finding.fingerprint)
            #expect(entry["status"] as? String == report.status(finding).rawValue)
            #expect(entry["ruleName"] as? String == RuleCatalog.rule(finding.rule)?.description.name)
            #expect(entry["remedy"] as? String == RuleCatalog.rule(finding.rule)?.description.remedy)
            #expect(entry["actor"] as? String == RuleCatalog.rule(finding.rule)?.description.actor.rawValue)
            #expect(entry["policy"] as? [String] == RuleCatalog.rule(finding.rule)?.description.policy)
        }
        let last = try #require(back.first { $0["summary"] as? String == awkward })
        #expect(last["summary"] as? String == awkward && last["accountId"] == nil)
        let evidence = try #require(last["evidence"] as? [String: Any])
        #expect(evidence["text"] as? String == awkward && evidence["key"] as? String == awkward)
        #expect(evidence["time"] as? String == "2020-09-13T12:26:40Z" && evidence["url"] == nil)
        #expect((last["students"] as? [[String: Any]])?.first?["studentId"] as? String == awkward)
        // Keys in sorted order, the same bytes from the same report.
        let first = text.components(separatedBy: "\n  },\n")[0]
        let keys = first.split(separator: "\n").compactMap { line -> String? in
            line.hasPrefix("    \"") ? String(line.dropFirst(5).prefix { $0 != "\"" }) : nil
        }
        #expect(keys.count >= 12)
        #expect(keys == keys.sorted())
        #expect(try FindingsJSON.findings(report) == written)
    }
}
