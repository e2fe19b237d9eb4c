import Foundation
import Testing
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules
import SocialAuditRun
import SocialAuditTestSupport

/// Students the roster knows by handle alone are recognised in direct messages by the ids the
/// account's own tweets pair with their handles, however the tweets' part files are read.
@Suite("Students known by handle only, in direct messages")
struct LearnedHandlesTests {
    /// A personal account whose mentions pair @maddierunsxc with 880002 in part 2 and the reused
    /// @RSmith with two ids in parts 1 and 3; its DMs are with both.
    func district() throws -> URL {
        let folder = ArchiveFixture.temporaryFolder()
        let archive = ArchiveFixture([
            "data/account.js": TwitterJS.account(id: "1003", username: "kjackson", email: "kjackson@gmail.com"),
            "data/tweets.js": TwitterJS.file("tweets", [
                TwitterJS.tweet(id: "11", text: "Bonne chance @RSmith ✨", mentions: [("RSmith", "880061")]),
            ]),
            "data/tweets-part1.js": TwitterJS.file("tweets", part: 1, [
                TwitterJS.tweet(id: "12", text: "Такой забег! @maddierunsxc 🏃‍♀️", mentions: [("maddierunsxc", "880002")]),
            ]),
            "data/tweets-part2.js": TwitterJS.file("tweets", part: 2, [
                TwitterJS.tweet(id: "13", text: "Thanks @rsmith for the ride", mentions: [("rsmith", "880062")]),
            ]),
            "data/direct-messages.js": TwitterJS.file("direct_messages", [
                TwitterJS.conversation(id: "1003-880002", [
                    TwitterJS.message(id: "m1", sender: "880002", recipient: "1003", text: "is practice on?", at: "2026-10-20T17:25:17.171Z"),
                ]),
                TwitterJS.conversation(id: "1003-880062", [
                    TwitterJS.message(id: "m2", sender: "1003", recipient: "880062", text: "see you at 7", at: "2026-10-21T17:25:17.171Z"),
                ]),
                TwitterJS.conversation(id: "1003-880099", [
                    TwitterJS.message(id: "m3", sender: "1003", recipient: "880099", text: "thanks!", at: "2026-10-22T17:25:17.171Z"),
                ]),
            ]),
        ])
        let config = try oneAccountDistrict(in: folder, students: [
            "S2,pisgah-high,MaddieRunsXC,,Maddie,Runner,false", "S5,pisgah-high,rsmith,,Robin,Smith,false",
        ])
        try archive.writeZip(named: "twitter-2026-10-31-kj.zip", in: folder.appendingPathComponent("archives"))
        return config
    }

    @Test("one pairing names the student (high); a handle paired with two ids is a low signal to review; no pairing, no finding",
          arguments: [1, 2])
    func learnedInDMs(jobs: Int) async throws {
        let configuration = try ConfigurationReader.load(try district())
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        let result = try await DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!, jobs: jobs).run()
        let dms = result.findings.filter { $0.rule == "student.dm" }.sorted { ($0.evidence.id ?? "") < ($1.evidence.id ?? "") }
        #expect(dms.map { $0.evidence.id ?? "" } == ["1003-880002", "1003-880062"])
        #expect(dms.map(\.severity) == [.high, .low])
        #expect(dms.map { $0.students.map(\.studentId) } == [["S2"], ["S5"]])
        #expect(dms.last?.summary.contains("@rsmith is paired with account 880062 and with 880061") == true, "\(dms.last?.summary ?? "")")
        #expect(dms.allSatisfy { !$0.summary.contains("Robin") && !$0.summary.contains("Maddie") })
    }
}
