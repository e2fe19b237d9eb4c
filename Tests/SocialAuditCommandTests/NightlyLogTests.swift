import Foundation
import Testing
import SocialAuditTestSupport

/// What the real binary leaves in cron's log (standard error is a pipe here, as it is under cron)
/// and the exit codes a night that goes wrong ends with (issue 20).
@Suite("The nightly log and exit codes")
struct NightlyLogTests {
    /// `2026-12-02T02:30:04Z socialaudit: notice: …`: the time in UTC, then the level.
    static func isLogLine(_ line: String) -> Bool {
        line.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z socialaudit: (error|warning|notice|info): \S.*/#) != nil
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    /// The sample district with its mail sent through `command` instead of its SMTP server.
    static func district(sendmail command: String) throws -> URL {
        let district = try OutputSafetyTests.district()
        let url = district.appendingPathComponent("socialaudit.json")
        var object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var mail = try #require(object["mail"] as? [String: Any])
        mail["smtp"] = nil
        mail["sendmail"] = command
        object["mail"] = mail
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: url)
        return district
    }

    @Test("a quiet run that succeeds leaves one line: its time, what it read and found, exit 0")
    func quietSuccessLine() throws {
        let district = try OutputSafetyTests.district()
        let result = try OutputSafetyTests.run(district, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let lines = Self.lines(result.stderr)
        try #require(lines.count == 1, "\(result.stderr)")
        #expect(Self.isLogLine(lines[0]), "\(lines[0])")
        #expect(lines[0].contains("run as of 2026-11-01 done: 11 archives read"))
        #expect(lines[0].contains(" new, ") && lines[0].contains(" open, ") && lines[0].contains(" resolved; exit 0"))
    }

    @Test("--fail-on that matches is logged with what matched, and the run's line says exit 1")
    func failOnLogged() throws {
        let district = try OutputSafetyTests.district()
        let result = try OutputSafetyTests.run(district, ["--fail-on", "high"])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = Self.lines(result.stderr)
        #expect(lines.allSatisfy { Self.isLogLine($0) }, "\(result.stderr)")
        #expect(lines.contains { $0.contains("notice: --fail-on high: ") && $0.contains("unsuppressed finding") })
        #expect(lines.last?.hasSuffix("exit 1") == true, "\(result.stderr)")
    }

    @Test("an unusable input's every line carries the time and the level")
    func errorLinesTimed() throws {
        let district = try OutputSafetyTests.district()
        try Data("{\"schools\": 3}".utf8).write(to: district.appendingPathComponent("inventory.json"))
        let result = try OutputSafetyTests.run(district, [])
        #expect(result.status == 2)
        let lines = Self.lines(result.stderr)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { Self.isLogLine($0) && $0.contains("socialaudit: error: ") }, "\(result.stderr)")
    }

    @Test("every delivery refused: run --mail writes the reports and exits 5, naming each recipient; mail exits 5 too")
    func refusedDelivery() throws {
        let district = try Self.district(sendmail: "/bin/false")
        let result = try OutputSafetyTests.run(district, ["--mail"])
        #expect(result.status == 5, "\(result.stderr)")
        let out = district.appendingPathComponent("out")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        let inventory = try String(contentsOf: district.appendingPathComponent("inventory.json"), encoding: .utf8)
        let run = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run.json"))) as? [String: Any])
        let mail = try #require(run["mail"] as? [[String: Any]])
        #expect(!mail.isEmpty)
        for entry in mail {
            let failed = try #require(entry["failedRecipients"] as? [String])
            #expect(entry["outcome"] as? String == "failed")
            #expect(failed == entry["recipients"] as? [String])
            for recipient in failed {
                #expect(inventory.contains(recipient))
                #expect(result.stderr.contains(recipient), "stderr does not name \(recipient)")
            }
        }
        #expect(Self.lines(result.stderr).last?.hasSuffix("exit 5") == true, "\(result.stderr)")

        let again = try Invocation.run(["mail", "--config", district.appendingPathComponent("socialaudit.json").path])
        #expect(again.status == 5, "\(again.stderr)")
        #expect(again.stderr.contains("not delivered"))
    }

    @Test("a delivery that works exits 0 and names no failed recipient")
    func deliveredMail() throws {
        let district = try Self.district(sendmail: "/bin/cat")
        let result = try OutputSafetyTests.run(district, ["--mail"])
        #expect(result.status == 0, "\(result.stderr)")
        let run = try #require(JSONSerialization.jsonObject(
            with: Data(contentsOf: district.appendingPathComponent("out/run.json"))) as? [String: Any])
        let mail = try #require(run["mail"] as? [[String: Any]])
        #expect(mail.allSatisfy { ($0["failedRecipients"] as? [String]) == [] && $0["outcome"] as? String == "delivered" })
    }
}
