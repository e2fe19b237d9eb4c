import Foundation
import Testing
import SocialAuditCore
import SocialAuditRun
import SocialAuditTestSupport

@Suite("Long posts in an audit")
struct LongPostAuditTests {
    @Test("a rule sees a long post's whole text: an opted-out student named only after the cut is found, on that post alone")
    func ruleSeesTheWholeText() async throws {
        let folder = ArchiveFixture.temporaryFolder()
        var archive = fullArchive()
        archive["data/tweets-part1.js"] = TwitterJS.file("tweets", part: 1, SameSecondThread.tweets)
        archive["data/note-tweet.js"] = SameSecondThread.notes
        try archive.writeZip(named: "kjackson.zip", in: folder)
        let result = try await HostileReadingAuditTests.audit(folder)
        #expect(result.readings.allSatisfy { $0.problems.isEmpty }, "\(result.readings.map(\.problems))")
        let named = result.findings.filter { $0.rule == "student.opted-out-named" }.compactMap(\.evidence.id)
        #expect(named == [SameSecondThread.roboticsId])
    }
}
