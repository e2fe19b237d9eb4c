import Foundation
import Testing
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRun
import SocialAuditTestSupport

@Suite("The state's finding records")
struct FindingRecordsTests {
    /// A finding with every optional field set, odd text in every string, dates with fractions.
    static func everything(_ index: Int) -> Finding {
        let text = "é😀\u{0}\"\\<>&'\r\n\u{2028} #\(index)"
        return Finding(
            rule: "student.dm", severity: .medium, tier: .personal, schoolId: "school-\(index)", schoolName: "École \(text)",
            account: "handle\(index)", accountId: "\(9_000_000_000_000_000_000 as UInt64)",
            evidence: Evidence(kind: .dm, id: "1-\(index)", time: Date(timeIntervalSince1970: -1234.5678),
                               url: "https://x.com/a/status/\(index)", text: text, messageCount: -index - 1,
                               firstMessageAt: Date(timeIntervalSince1970: 1.0e9 + 0.125), lastMessageAt: .distantFuture,
                               participantCount: Int.max - index, compared: [ComparedValue("label \(text)", ""), ComparedValue("", text)],
                               key: "key \(text)"),
            students: [StudentRef(studentId: "S\(index)", handle: nil), StudentRef(studentId: "T\(index)", handle: "h_\(index)")],
            summary: "summary \(text)", fingerprint: String(format: "%020x", index))
    }

    @Test("findings read back exactly as written: the samples' findings, and one with every field set and odd text in each")
    func roundTrip() throws {
        let configuration = try ConfigurationReader.load(Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        let samples = try DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!).run().findings
        #expect(samples.count > 20)
        let bare = Finding(rule: "archive.unreadable", severity: .low, tier: .unregistered, schoolId: "", schoolName: "",
                           account: "", accountId: nil, evidence: Evidence(kind: .archive), students: [], summary: "", fingerprint: "")
        // Fields that repeat, alternate, or change to a value of the same length from one finding
        // to the next (the decoder reuses the previous finding's string when the bytes are equal).
        let alternating = (0..<12).map { index in
            var finding = Self.everything(index % 2)
            finding.schoolId = ["school-a", "school-b", "school-b"][index % 3]
            finding.account = index < 6 ? "same" : "sama"
            finding.severity = [.high, .medium, .low][index % 3]
            finding.accountId = index % 4 == 0 ? nil : finding.accountId
            return finding
        }
        for findings in [samples, (0..<50).map(Self.everything) + [bare], alternating, [bare, bare], []] {
            let bytes = FindingRecords.encode(findings)
            #expect(try FindingRecords.decode(bytes) == findings)
        }
    }

    /// The records name every stored property of a finding; one added to `Finding` or `Evidence`
    /// must be added to them too, or a nightly run would lose it.
    @Test("the records cover every field of Finding, Evidence, ComparedValue and StudentRef")
    func everyField() {
        let finding = Self.everything(1)
        let labels = { (value: Any) in Mirror(reflecting: value).children.compactMap(\.label) }
        #expect(labels(finding) == ["rule", "severity", "tier", "schoolId", "schoolName", "account", "accountId", "evidence",
                                    "students", "summary", "fingerprint"])
        #expect(labels(finding.evidence) == ["kind", "id", "time", "url", "text", "messageCount", "firstMessageAt", "lastMessageAt",
                                             "participantCount", "compared", "key"])
        #expect(labels(finding.evidence.compared[0]) == ["label", "value"])
        #expect(labels(finding.students[0]) == ["studentId", "handle"])
        // Every optional is set in `everything`: a record that dropped one would not read back equal.
        #expect(Mirror(reflecting: finding.evidence).children.allSatisfy { child in
            (child.value as? OptionalProbe)?.isNil != true
        })
    }

    @Test("damaged records are refused, never misread: every truncation, a wrong tag, a bad enum, trailing bytes")
    func damaged() throws {
        let findings = (0..<3).map(Self.everything)
        let bytes = FindingRecords.encode(findings)
        for length in 0..<bytes.count {
            #expect(throws: FindingRecords.Malformed.self) { try FindingRecords.decode(Array(bytes[0..<length])) }
        }
        #expect(throws: FindingRecords.Malformed.self) { try FindingRecords.decode(bytes + [0]) }
        var wrongMagic = bytes
        wrongMagic[3] = UInt8(ascii: "9")
        #expect(throws: FindingRecords.Malformed.self) { try FindingRecords.decode(wrongMagic) }
        // The severity "medium" of the first finding, changed to "mediux".
        let medium = Array("medium".utf8)
        let at = try #require((0...(bytes.count - medium.count)).first { Array(bytes[$0..<$0 + medium.count]) == medium })
        var badEnum = bytes
        badEnum[at + 5] = UInt8(ascii: "x")
        #expect(throws: FindingRecords.Malformed.self) { try FindingRecords.decode(badEnum) }
        // The same in the last finding, after two that read "medium" there.
        let last = try #require((0...(bytes.count - medium.count)).last { Array(bytes[$0..<$0 + medium.count]) == medium })
        #expect(last != at)
        var badLastEnum = bytes
        badLastEnum[last + 5] = UInt8(ascii: "x")
        #expect(throws: FindingRecords.Malformed.self) { try FindingRecords.decode(badLastEnum) }
        // A count larger than the bytes left.
        var hugeCount = Array("SAF1".utf8)
        hugeCount += [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
        #expect(throws: FindingRecords.Malformed.self) { try FindingRecords.decode(hugeCount) }
    }
}

private protocol OptionalProbe { var isNil: Bool { get } }
extension Optional: OptionalProbe { var isNil: Bool { self == nil } }
