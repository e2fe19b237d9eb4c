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
    static func audit(_ archives: URL) async throws -> AuditResult {
        var configuration = try ConfigurationReader.load(Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        configuration.archives = archives
        configuration.captures = nil
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        return try await DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!).run()
    }

    @Test("a username that is no X username never becomes part of an x.com link (tweets go by their ids), and is said")
    func forgedUsernameHasNoLinks() async throws {
        let folder = ArchiveFixture.temporaryFolder()
        var archive = fullArchive()
        archive["data/account.js"] = TwitterJS.account(username: "evil.example/phish?x=")
        try archive.writeZip(named: "kjackson.zip", in: folder)
        let result = try await Self.audit(folder)
        let tweets = result.findings.filter { $0.evidence.kind == .tweet }
        #expect(!tweets.isEmpty, "the account is still audited (matched by its id)")
        #expect(tweets.allSatisfy { $0.evidence.url == "https://x.com/i/status/\($0.evidence.id!)" }, "\(tweets.map(\.evidence.url))")
        #expect(result.readings[0].problems.contains { $0.message.contains("not an X username") })
        #expect(result.findings.contains { $0.rule == "archive.unreadable" })
    }

    @Test("usernames: 1 to 15 of letters, digits and _ link by name; 16 to 20 (older accounts) by id, unreported; others are reported",
          arguments: [("kjackson", true, true), ("a_b_c_d_e_f_g_h", true, true), ("pisgahcounselors", false, true),
                      ("mrsokafor_teaches", false, true), ("aaaaaaaaaaaaaaaaaaaaa", false, false), ("", false, false),
                      ("josé", false, false), ("bad name", false, false), ("x/../y", false, false)])
    func usernameLimits(_ name: String, _ linked: Bool, _ usernameLike: Bool) {
        #expect(XIdentifiers.isUsername(name) == linked)
        #expect(XIdentifiers.isUsernameLike(name) == usernameLike)
        #expect(XIdentifiers.tweetURL(id: "21", username: name) == (linked ? "https://x.com/\(name)/status/21" : "https://x.com/i/status/21"))
        #expect(XIdentifiers.tweetURL(id: "21x", username: name) == nil)
    }

    @Test("the newer of two archives of one account is matched and audited; the older is left out and both are named")
    func newerOfTwoArchives() async throws {
        let folder = ArchiveFixture.temporaryFolder()
        var old = fullArchive()
        old["data/manifest.js"] = TwitterJS.manifest(generated: "2026-01-05T09:00:00.000Z")
        try old.writeZip(named: "b-old.zip", in: folder)
        try fullArchive().writeZip(named: "a-new.zip", in: folder)
        let result = try await Self.audit(folder)
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
