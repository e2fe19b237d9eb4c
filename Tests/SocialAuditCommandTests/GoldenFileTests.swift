import Foundation
import Testing
import SocialAuditTestSupport

/// The samples' outputs as people read them, byte for byte, against files kept in
/// `Tests/Golden/`: a change to a page, a CSV, the JSON or an e-mail that no one meant fails
/// here with a diff. Re-recorded only on purpose: `RECORD_SNAPSHOTS=1 swift test --filter Golden`.
@Suite("Golden files")
struct GoldenFileTests {
    static let golden = Invocation.repository.appendingPathComponent("Tests/Golden/samples-2026-11-01")

    /// Output file → golden file name.
    static let files = [
        "index.html": "district.html",
        "schools/bethel-middle/index.html": "bethel-middle.html",
        "findings.csv": "findings.csv",
        "findings.json": "findings.json",
        "run.json": "run.json",
        "mail/bethel-middle.eml": "bethel-middle.eml",
    ]

    @Test("the samples' district page, a school page, findings.csv, findings.json, run.json and an e-mail are as recorded")
    func samples() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let result = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--as-of", "2026-11-01",
                                         "--out", out.path, "--state", folder.appendingPathComponent("state.sqlite").path])
        #expect(result.status == 0, "\(result.stderr)")
        let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        for (output, name) in Self.files.sorted(by: { $0.key < $1.key }) {
            let actual = Self.normalized(try String(contentsOf: out.appendingPathComponent(output), encoding: .utf8))
            let expected = Self.golden.appendingPathComponent(name)
            if recording {
                try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
                try actual.write(to: expected, atomically: true, encoding: .utf8)
                continue
            }
            let recorded = try? String(contentsOf: expected, encoding: .utf8)
            guard let recorded else {
                Issue.record("no golden file \(name): record it with RECORD_SNAPSHOTS=1")
                continue
            }
            if actual != recorded {
                Issue.record("\(output) differs from Tests/Golden/samples-2026-11-01/\(name) (re-record with RECORD_SNAPSHOTS=1 if meant):\n\(try Self.diff(recorded, actual))")
            }
        }
    }

    /// What differs from one run to the next whatever the inputs: the run's clock, and the
    /// e-mail's date, message id and the MIME boundary made from it.
    static func normalized(_ text: String) -> String {
        var text = text
        let patterns = [
            (#""(startedAt|finishedAt)" : "[^"]*""#, #""$1" : "…""#),
            (#"(?m)^Date: .*$"#, "Date: …"),
            (#"(?m)^Message-ID: <([^.]+\.[^.]+)\.[0-9a-f]+@"#, "Message-ID: <$1.…@"),
            (#"=_socialaudit_[0-9a-f]+"#, "=_socialaudit_…"),
        ]
        for (pattern, template) in patterns {
            let expression = try! NSRegularExpression(pattern: pattern)
            text = expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text
    }

    /// A unified diff of the two texts, by `diff -u`, at most 80 lines.
    static func diff(_ recorded: String, _ actual: String) throws -> String {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try recorded.write(to: folder.appendingPathComponent("recorded"), atomically: true, encoding: .utf8)
        try actual.write(to: folder.appendingPathComponent("actual"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", "recorded", "actual"]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output.split(separator: "\n", omittingEmptySubsequences: false).prefix(80).joined(separator: "\n")
    }
}
