import Foundation
import Testing
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules
import SocialAuditRun
@testable import SocialAuditState
import SocialAuditTestSupport

@Suite("Findings as the state's rows")
struct FindingRowsTests {
    /// Text as archives may have it: accents, an emoji, an escaped NUL, quotes, markup, line
    /// breaks, a line separator, a right-to-left override.
    static let odd = "é😀\u{0}\"\\<>&'\r\n\u{2028}\u{202E}שלום "

    /// A finding with every optional field set, odd text in every string, dates with fractions.
    static func everything(_ index: Int) -> Finding {
        let text = "\(odd)#\(index)"
        return Finding(
            rule: "student.dm", severity: .medium, tier: .personal, schoolId: "school-\(index)", schoolName: "École \(text)",
            account: "handle\(index)", accountId: "\(9_000_000_000_000_000_000 as UInt64)",
            evidence: Evidence(kind: .dm, id: "1-\(index)\(text)", time: Date(timeIntervalSince1970: -1234.5678),
                               url: "https://x.com/a/status/\(index)?\(text)", text: text, messageCount: -index - 1,
                               firstMessageAt: Date(timeIntervalSince1970: 1.0e9 + 0.125), lastMessageAt: .distantFuture,
                               participantCount: Int.max - index, compared: [ComparedValue("label \(text)", ""), ComparedValue("", text)],
                               key: "key \(text)"),
            students: [StudentRef(studentId: "S\(index)", handle: nil), StudentRef(studentId: "T\(index)\(text)", handle: "h_\(index)")],
            summary: "summary \(text)", fingerprint: String(format: "%020x", index))
    }

    static let bare = Finding(rule: "archive.unreadable", severity: .low, tier: .unregistered, schoolId: "", schoolName: "",
                              account: "", accountId: nil, evidence: Evidence(kind: .archive), students: [], summary: "", fingerprint: "")

    static func store() throws -> StateStore {
        try StateStore(url: ArchiveFixture.temporaryFolder().appendingPathComponent("socialaudit.sqlite"))
    }

    @Test("findings read back from a real state file as they were written, by the findings' table and an archive's audit: the samples' findings, one with every field set and odd text in each, and one with none")
    func roundTrip() async throws {
        let configuration = try ConfigurationReader.load(Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        let samples = try await DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!).run().findings
        #expect(samples.count > 20)
        let findings = samples + (0..<12).map(Self.everything) + [Self.bare]
        let store = try Self.store()
        let audit = CachedAudit(subject: AccountSubject(tier: .personal, inventory: nil, hasArchive: true), contentFindings: findings,
                                tweets: 1, conversations: 0, messages: 0,
                                reading: ArchiveReading(source: ArchiveSource(url: URL(fileURLWithPath: "/srv/a.zip"), kind: .zip)))
        let archive = CachedArchive(path: "/srv/a.zip", size: 1, modified: 2, contentHash: nil, inputsKey: "k", audit: audit)
        try store.record(RunOutcome(asOf: "2026-11-01", startedAt: Date(), finishedAt: Date(), findings: findings, statuses: [:],
                                    resolved: [], schools: [], archives: [archive], known: [:]))
        let reopened = try StateStore(url: store.url)
        let records = try reopened.findingRecords(findings.map(\.fingerprint))
        #expect(findings.allSatisfy { records[$0.fingerprint] == $0 })
        #expect(records.count == findings.count)
        #expect(reopened.cachedAudit(path: "/srv/a.zip")?.contentFindings == findings, "the same findings, in their order")
    }

    /// A field added to `Finding` or `Evidence` needs its column, or the state would lose it.
    @Test("a finding's row has a column for each field of the finding and of its evidence")
    func everyField() {
        let finding = Self.everything(1)
        let labels = { (value: Any) in Mirror(reflecting: value).children.compactMap(\.label) }
        #expect(labels(finding).count - 1 + labels(finding.evidence).count == FindingRow.columns.count)
        #expect(Set(labels(finding)).subtracting(["evidence"]).isSubset(of: FindingRow.columns))
    }
}
