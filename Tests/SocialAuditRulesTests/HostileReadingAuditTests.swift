import Foundation
import Testing
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRun
import SocialAuditTestSupport

/// Forged usernames and two archives of one account, audited as the whole district is.
@Suite("Forged identities and duplicate archives in an audit")
struct HostileReadingAuditTests {
    /// The sample district's inventory and roster over an archives folder of the test's own.
    static func audit(_ archives: URL) throws -> AuditResult {
        var configuration = try ConfigurationReader.load(Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        configuration.archives = archives
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        return try DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!).run()
    }

    @Test("a username that is no X username puts no x.com link in the evidence, and is said")
    func forgedUsernameHasNoLinks() throws {
        let folder = ArchiveFixture.temporaryFolder()
        var archive = fullArchive()
        archive["data/account.js"] = TwitterJS.account(username: "evil.example/phish?x=")
        try archive.writeZip(named: "kjackson.zip", in: folder)
        let result = try Self.audit(folder)
        let tweets = result.findings.filter { $0.evidence.kind == .tweet }
        #expect(!tweets.isEmpty, "the account is still audited (matched by its id)")
        #expect(tweets.allSatisfy { $0.evidence.url == nil }, "\(tweets.map(\.evidence.url))")
        #expect(result.readings[0].problems.contains { $0.message.contains("not an X username") })
        #expect(result.findings.contains { $0.rule == "archive.unreadable" })
    }

    @Test("the newer of two archives of one account is matched and audited; the older is left out and both are named")
    func newerOfTwoArchives() throws {
        let folder = ArchiveFixture.temporaryFolder()
        var old = fullArchive()
        old["data/manifest.js"] = TwitterJS.manifest(generated: "2026-01-05T09:00:00.000Z")
        try old.writeZip(named: "b-old.zip", in: folder)
        try fullArchive().writeZip(named: "a-new.zip", in: folder)
        let result = try Self.audit(folder)
        #expect(result.matching.superseded.map(\.archive) == [1] && result.matching.superseded.map(\.by) == [0])
        #expect(result.matching.matches.map(\.archive) == [0])
        #expect(!result.findings.contains { $0.rule == "inventory.stale-archive" }, "staleness is judged on the newer")
        #expect(result.readings[1].problems.contains { $0.message.contains("a newer archive of this account is in the archives folder, a-new.zip") })
        #expect(result.readings[0].problems.contains { $0.message.contains("an older archive of this account is in the archives folder, b-old.zip") })
        #expect(result.findings.filter { $0.rule == "archive.unreadable" }.count == 1)
    }

    @Test("one account: by id or by handle; the newer by its date, else by its file's time; different accounts are kept")
    func groupingOfArchives() {
        let day = { (text: String) in TwitterDate.parse(text)! }
        let archives = [
            ArchiveIdentity(accountId: "1", username: "a", made: day("2026-10-01")),
            ArchiveIdentity(accountId: "2", username: "b", made: day("2026-10-01")),
            ArchiveIdentity(accountId: "1", username: "a_renamed", made: day("2026-03-01")),
            ArchiveIdentity(accountId: "9", username: "B", made: day("2026-10-20")),
            ArchiveIdentity(accountId: "3", username: "c", made: nil),
        ]
        let older = ArchiveMatching.olderArchivesOfOneAccount(archives)
        #expect(older.map(\.archive) == [1, 2])
        #expect(older.map(\.by) == [3, 0])
    }
}
