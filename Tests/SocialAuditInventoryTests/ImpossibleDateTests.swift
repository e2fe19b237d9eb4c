import Foundation
import Testing
import SocialAuditCore
@testable import SocialAuditInventory

/// A date the calendar does not have is refused, not rolled into the next month.
@Suite("Impossible dates")
struct ImpossibleDateTests {
    @Test("days past their month's end are not dates", arguments: ["2026-02-29", "2026-02-30", "2026-04-31", "2026-06-31", "2026-09-31",
                                                                   "2026-11-31", "1900-02-29", "2026-01-32", "2026-00-10"])
    func impossible(_ text: String) {
        #expect(TwitterDate.parse(text) == nil)
    }

    @Test("the last day of each month, and 29 February of leap years, are dates",
          arguments: ["2026-01-31", "2026-02-28", "2024-02-29", "2000-02-29", "2026-04-30", "2026-12-31"])
    func possible(_ text: String) {
        #expect(TwitterDate.parse(text) != nil)
        #expect(TwitterDate.parse(text).map(TwitterDate.day) == text)
    }

    @Test("an archive timestamp on an impossible day is not read either")
    func timestamps() {
        #expect(TwitterDate.parse("2026-02-30T10:00:00.000Z") == nil)
        #expect(TwitterDate.parse("Mon Feb 30 10:00:00 +0000 2026") == nil)
    }

    @Test("the reviews file refuses 2026-02-30 in date and expires, at the entry's path and line")
    func reviews() throws {
        let json = """
        [
          {"fingerprint": "abc", "date": "2026-02-30"},
          {"fingerprint": "def", "expires": "2026-04-31"},
          {"fingerprint": "ghi", "date": "2026-02-28", "expires": "2028-02-29"}
        ]
        """
        let found = problems { _ = try ReviewsReader.read(Array(json.utf8), file: "reviews.json") }
        #expect(found.map(\.path) == ["[0].date", "[1].expires"])
        #expect(found.map(\.line) == [2, 3])
        #expect(found.first?.message == "'2026-02-30' is not a date: expected YYYY-MM-DD, a day the calendar has")
    }
}
