import Foundation
import Testing
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules
import SocialAuditRun
import SocialAuditTestSupport
@testable import SocialAuditReport

/// What `findings.json` held when it was written with `JSONEncoder`: the reference for the
/// hand-written writer.
private struct ReferenceEntry: Encodable {
    var finding: Finding
    var status: String
    var ruleName: String
    var policy: [String]

    enum Keys: String, CodingKey {
        case rule, ruleName, policy, severity, tier, schoolId, schoolName, account, accountId, evidence, students, summary, fingerprint, status
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(finding.rule, forKey: .rule)
        try c.encode(ruleName, forKey: .ruleName)
        try c.encode(policy, forKey: .policy)
        try c.encode(finding.severity, forKey: .severity)
        try c.encode(finding.tier, forKey: .tier)
        try c.encode(finding.schoolId, forKey: .schoolId)
        try c.encode(finding.schoolName, forKey: .schoolName)
        try c.encode(finding.account, forKey: .account)
        try c.encodeIfPresent(finding.accountId, forKey: .accountId)
        try c.encode(finding.evidence, forKey: .evidence)
        try c.encode(finding.students, forKey: .students)
        try c.encode(finding.summary, forKey: .summary)
        try c.encode(finding.fingerprint, forKey: .fingerprint)
        try c.encode(status, forKey: .status)
    }
}

@Suite("findings.json")
struct FindingsJSONTests {
    @Test("the hand-written findings.json is what JSONEncoder writes (sorted keys, pretty, every escape), empty arrays on one line")
    func sameAsJSONEncoder() throws {
        let configuration = try ConfigurationReader.load(Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        let result = try DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!).run()
        // Every character JSON must escape, and some it must not.
        let awkward = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
            + "\"\\/ é 😀 \u{2028}\u{2029} e\u{301} <script>&amp; =1+2 \u{7F}"
        var findings = result.findings
        let template = try #require(findings.first)
        var odd = template
        odd.summary = awkward
        odd.accountId = nil
        odd.evidence = Evidence(kind: .dm, id: awkward, time: Date(timeIntervalSince1970: 1_600_000_000.75),
                                url: nil, text: awkward, messageCount: 12, firstMessageAt: Date(timeIntervalSince1970: 0),
                                lastMessageAt: Date(timeIntervalSince1970: 1_700_000_000), participantCount: 3,
                                compared: [ComparedValue(awkward, "b"), ComparedValue("", "")], key: awkward)
        odd.students = [StudentRef(studentId: awkward, handle: nil), StudentRef(studentId: "S1", handle: "h")]
        findings.append(odd)
        #expect(findings.count > 20)
        let inventory = inputs.inventory.inventory
        let report = RunReport(district: inventory.district, schools: inventory.schools, asOf: "2026-11-01",
                               startedAt: Date(), finishedAt: Date(), findings: findings, accounts: result.accounts,
                               archivesRead: 11, tweetsScanned: result.tweetsScanned,
                               messagesScanned: result.messagesScanned, errors: [])

        let written = FindingsJSON.findings(report)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(TwitterDate.iso8601(date))
        }
        let entries = report.findings.map { finding in
            let rule = RuleCatalog.rule(finding.rule)?.description
            return ReferenceEntry(finding: finding, status: report.status(finding).rawValue,
                                  ruleName: rule?.name ?? finding.rule, policy: rule?.policy ?? [])
        }
        var reference = String(decoding: try encoder.encode(entries), as: UTF8.self) + "\n"
        // JSONEncoder spreads an empty array over two lines; the writer keeps `[]`.
        reference = reference.replacingOccurrences(of: #"\[\n\s*\n\s*\]"#, with: "[]", options: .regularExpression)
        let text = String(decoding: written, as: UTF8.self)
        #expect(text == reference)
        if text != reference, let folder = ProcessInfo.processInfo.environment["SOCIALAUDIT_KEEP"] {
            try? text.write(toFile: folder + "/written.json", atomically: true, encoding: .utf8)
            try? reference.write(toFile: folder + "/reference.json", atomically: true, encoding: .utf8)
        }
        #expect(text.contains(#""compared" : []"#))
        // And it reads back as the same values.
        let back = try JSONSerialization.jsonObject(with: Data(written)) as? [[String: Any]]
        #expect(back?.count == findings.count)
        #expect(back?.contains { $0["summary"] as? String == awkward } == true)
    }

    @Test("a JSON string is JSONEncoder's, with escapes anywhere in runs of every length (the writer skips eight bytes at a time)")
    func strings() throws {
        let pieces = ["a", "é", "\"", "\\", "\n", "\u{1}", "\u{1F}", "😀", "abcdefghijklmno", "/", "\t", "\u{7F}", " "]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var state: UInt64 = 42
        for _ in 0..<2000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(state >> 60) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            var json = JSONText()
            json.string(text)
            #expect(json.bytes == Array(try encoder.encode(text)), "\(text.debugDescription)")
        }
    }
}
