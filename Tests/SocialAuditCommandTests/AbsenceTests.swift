import Foundation
import Testing
import SocialAuditTestSupport

/// Absence is not resolution (issue 20): a share that did not mount, an archive not handed in
/// or an account taken out of the inventory, run by the real binary on the sample district.
@Suite("Absence is not resolution")
struct AbsenceTests {
    static func findings(_ district: URL) throws -> [[String: Any]] {
        let url = district.appendingPathComponent("out/findings.json")
        return try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
    }

    static func runJSON(_ district: URL) throws -> [String: Any] {
        let url = district.appendingPathComponent("out/run.json")
        return try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Each finding's status by fingerprint.
    static func statuses(_ district: URL) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try findings(district).map { ($0["fingerprint"] as! String, $0["status"] as! String) })
    }

    static func emptyArchives(_ district: URL, keep: URL) throws {
        let archives = district.appendingPathComponent("archives")
        try FileManager.default.moveItem(at: archives, to: keep)
        try FileManager.default.createDirectory(at: archives, withIntermediateDirectories: false)
    }

    @Test("an empty or missing archives folder after a good run: exit 4, one line, reports and state untouched, the next run as if it never happened")
    func emptyShareStops() throws {
        let district = try OutputSafetyTests.district()
        #expect(try OutputSafetyTests.run(district, []).status == 0)
        let kept = district.deletingLastPathComponent().appendingPathComponent("archives-kept")
        try Self.emptyArchives(district, keep: kept)
        let out = OutputSafetyTests.snapshot(district.appendingPathComponent("out"))
        let state = OutputSafetyTests.snapshot(district.appendingPathComponent("state"))
        let empty = try OutputSafetyTests.run(district, [], asOf: "2026-11-02")
        #expect(empty.status == 4, "\(empty.stderr)")
        let lines = NightlyLogTests.lines(empty.stderr)
        #expect(lines.count == 1 && NightlyLogTests.isLogLine(lines[0]), "\(empty.stderr)")
        #expect(empty.stderr.contains("holds 0 archives, fewer than 50% of the 11 the last run had"))
        #expect(empty.stderr.contains("--accept-shrink"))
        try FileManager.default.removeItem(at: district.appendingPathComponent("archives"))
        let missing = try OutputSafetyTests.run(district, [], asOf: "2026-11-02")
        #expect(missing.status == 4, "\(missing.stderr)")
        #expect(missing.stderr.contains("does not exist (the last run had 11 archives)"))
        #expect(OutputSafetyTests.snapshot(district.appendingPathComponent("out")) == out)
        #expect(OutputSafetyTests.snapshot(district.appendingPathComponent("state")) == state)

        // The share is back: every finding is open, none new and none resolved.
        try FileManager.default.moveItem(at: kept, to: district.appendingPathComponent("archives"))
        let back = try OutputSafetyTests.run(district, [], asOf: "2026-11-03")
        #expect(back.status == 0, "\(back.stderr)")
        let statuses = try Self.statuses(district)
        #expect(!statuses.isEmpty && statuses.values.allSatisfy { $0 == "open" }, "\(statuses)")
        #expect((try Self.runJSON(district)["resolved"] as? [Any])?.isEmpty == true)
    }

    @Test("--accept-shrink audits an empty folder: nothing resolved, every account's findings kept open as not re-checked")
    func acceptShrink() throws {
        let district = try OutputSafetyTests.district()
        #expect(try OutputSafetyTests.run(district, []).status == 0)
        let first = try Data(contentsOf: district.appendingPathComponent("out/findings.json"))
        try Self.emptyArchives(district, keep: district.deletingLastPathComponent().appendingPathComponent("archives-kept"))
        let result = try OutputSafetyTests.run(district, ["--accept-shrink"], asOf: "2026-11-02")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: ") && result.stderr.contains("audited anyway (--accept-shrink)"))
        let after = Dictionary(uniqueKeysWithValues: try Self.findings(district).map { ($0["fingerprint"] as! String, $0) })
        // Every earlier finding of an inventory account is still open; those of its archive's
        // content are marked (the inventory's own checks ran again, on the inventory).
        let earlier = try #require(try JSONSerialization.jsonObject(with: first) as? [[String: Any]])
        for finding in earlier where finding["tier"] as? String != "unregistered" {
            let now = after[finding["fingerprint"] as! String]
            #expect(now?["status"] as? String == "open", "\(finding["rule"]!)")
            if ["tweet", "dm"].contains((finding["evidence"] as? [String: Any])?["kind"] as? String) {
                #expect(now?["notRecheckedSince"] as? String == "2026-11-01", "\(finding["rule"]!)")
            }
        }
        let resolved = try #require(try Self.runJSON(district)["resolved"] as? [[String: Any]])
        #expect(resolved.allSatisfy { $0["account"] as? String == "mr_unlisted" }, "\(resolved)")
    }

    @Test("a personal account's archive not handed in: its findings stay open, marked not re-checked since the day it was read; a low inventory.missing-archive")
    func missingPersonalArchive() throws {
        let district = try OutputSafetyTests.district()
        #expect(try OutputSafetyTests.run(district, []).status == 0)
        let archive = district.appendingPathComponent("archives/twitter-2026-10-28-kjackson-full.zip")
        let held = district.deletingLastPathComponent().appendingPathComponent("kjackson.zip")
        let first = try Self.findings(district).filter { $0["account"] as? String == "kjackson" }
        try #require(first.count >= 3)
        try FileManager.default.moveItem(at: archive, to: held)
        for day in ["2026-11-02", "2026-11-03"] {
            let result = try OutputSafetyTests.run(district, [], asOf: day)
            #expect(result.status == 0, "\(result.stderr)")
            let now = try Self.findings(district).filter { $0["account"] as? String == "kjackson" }
            for finding in first {
                let same = now.first { $0["fingerprint"] as? String == finding["fingerprint"] as? String }
                #expect(same?["status"] as? String == "open", "\(day): \(finding["rule"]!)")
                #expect(same?["notRecheckedSince"] as? String == "2026-11-01", "\(day)")
                #expect(same?["evidence"] as? NSDictionary == finding["evidence"] as? NSDictionary, "the evidence as last read")
            }
            let missing = now.filter { $0["rule"] as? String == "inventory.missing-archive" }
            #expect(missing.count == 1 && missing.first?["severity"] as? String == "low")
            let page = try String(contentsOf: district.appendingPathComponent("out/schools/pisgah-high/index.html"), encoding: .utf8)
            #expect(page.contains("not re-checked since 2026-11-01"))
        }
        // Handed in again: read again, its findings open and unmarked, the coverage finding resolved.
        try FileManager.default.moveItem(at: held, to: archive)
        #expect(try OutputSafetyTests.run(district, [], asOf: "2026-11-04").status == 0)
        let back = try Self.findings(district).filter { $0["account"] as? String == "kjackson" }
        #expect(back.count == first.count && back.allSatisfy { $0["status"] as? String == "open" && $0["notRecheckedSince"] == nil })
        let resolved = try #require(try Self.runJSON(district)["resolved"] as? [[String: Any]])
        #expect(resolved.map { $0["rule"] as? String } == ["inventory.missing-archive"])
    }

    @Test("an account taken out of the inventory, its archive gone too: its findings resolve, with the reason")
    func removedFromInventory() throws {
        let district = try OutputSafetyTests.district()
        #expect(try OutputSafetyTests.run(district, []).status == 0)
        let first = try Self.findings(district).filter { $0["account"] as? String == "kjackson" }
        let url = district.appendingPathComponent("inventory.json")
        var inventory = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let accounts = try #require(inventory["accounts"] as? [[String: Any]])
        inventory["accounts"] = accounts.filter { ($0["handle"] as? String)?.lowercased() != "kjackson" }
        try JSONSerialization.data(withJSONObject: inventory).write(to: url)
        try FileManager.default.removeItem(at: district.appendingPathComponent("archives/twitter-2026-10-28-kjackson-full.zip"))
        let result = try OutputSafetyTests.run(district, [], asOf: "2026-11-02")
        #expect(result.status == 0, "\(result.stderr)")
        let resolved = try #require(try Self.runJSON(district)["resolved"] as? [[String: Any]])
        let theirs = resolved.filter { $0["account"] as? String == "kjackson" }
        #expect(theirs.count == first.count)
        #expect(theirs.allSatisfy { $0["reason"] as? String == "account no longer in the inventory" }, "\(theirs)")
        let page = try String(contentsOf: district.appendingPathComponent("out/schools/pisgah-high/index.html"), encoding: .utf8)
        #expect(page.contains(": account no longer in the inventory</li>"))
    }
}
