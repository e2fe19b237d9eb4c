import Foundation
import Testing
import SocialAuditTestSupport

/// A whole run over the hostile corpus's masking district (scripts/make-hostile.py, `masking_cases`):
/// no report file carries a student's name in any form it was planted in.
@Suite("Student names in a whole run")
struct NameMaskingRunTests {
    /// The masking district, made by its one function of make-hostile.py (the rest of the corpus is large).
    static func district() throws -> URL {
        let folder = ArchiveFixture.temporaryFolder()
        let script = Invocation.repository.appendingPathComponent("scripts/make-hostile.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import importlib.util, sys
            spec = importlib.util.spec_from_file_location("hostile", sys.argv[1])
            module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
            module.masking_cases(sys.argv[2])
            """, script, folder.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return folder.appendingPathComponent("masking")
    }

    /// The text as a reader sees it: invisible characters gone, the corpus's look-alikes read as
    /// Latin, lower case, letters only (so "Hollis, Jamie" and "Jamie.Hollis" are "hollisjamie", "jamiehollis").
    static func letters(_ text: String) -> String {
        let lookAlikes: [Unicode.Scalar: Character] = ["\u{0430}": "a", "\u{03BF}": "o"]
        var out = ""
        for scalar in text.unicodeScalars {
            if let latin = lookAlikes[scalar] { out.append(latin); continue }
            let lower = Character(scalar).lowercased()
            if lower.count == 1, let c = lower.first, c.isASCII, c.isLetter { out.append(c) }
        }
        return out
    }

    static func outputs(_ folder: URL) -> [(String, String)] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        return walker.compactMap { item in
            guard let url = item as? URL, let data = FileManager.default.contents(atPath: url.path) else { return nil }
            return (url.lastPathComponent, String(decoding: data, as: UTF8.self))
        }
    }

    @Test("no report, CSV, JSON, run.json or e-mail carries a planted name, in any form; ordinary words stay")
    func noNameInAnyOutput() throws {
        let district = try Self.district()
        let out = district.appendingPathComponent("out")
        let state = district.appendingPathComponent("state/socialaudit.sqlite")
        let result = try Invocation.run(["run", "--config", district.appendingPathComponent("socialaudit.json").path,
                                         "--as-of", "2026-11-01", "--templates", Invocation.repository.appendingPathComponent("templates").path,
                                         "--state", state.path, "--out", out.path, "--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        // The state, kept for years: archives filed by a hash of their path, the archive's address masked.
        let stateFiles = Self.outputs(state.deletingLastPathComponent()).map { ("state: " + $0.0, $0.1) }
        #expect(!stateFiles.isEmpty)
        let files = Self.outputs(out) + stateFiles
        #expect(files.contains { $0.0 == "findings.json" } && files.contains { $0.0 == "run.json" } && files.contains { $0.0.hasSuffix(".eml") })
        for (name, text) in files + [("stdout", result.stdout), ("stderr", result.stderr)] {
            let reading = Self.letters(text)
            // Will Park is the rule reference's own example, and the bus tweet's ordinary words: asserted below.
            for planted in ["jamiehollis", "hollisjamie", "jamielynnhollis", "tylerbrooks", "annemarieduval"] {
                let holds = reading.contains(planted)
                #expect(!holds, "\(name) holds \(planted)")
            }
        }
        let findings = try #require(files.first { $0.0 == "findings.json" }?.1)
        #expect(findings.contains("[student M1] Fan Page ([student M1] LLC)"), "the connected application")
        #expect(findings.contains("[student M1]-archive.zip") && findings.contains("\"account\" : \"[student M1]07\""), "a student's own archive")
        #expect(findings.contains("[student M1]@gmail.com"), "the archive's e-mail address")
        #expect(findings.contains("The official account of Coach K and [student M1]"), "the profile")
        #expect(findings.contains("#[student M1] #Go[student M1]"), "hashtags")
        #expect(findings.contains("@wp_22 we will park the buses by the gym at 6"), "ordinary words are not a name")
        #expect(findings.contains("@wp_22 Congrats [student M4]!"))
    }

    @Test("an ordinary sentence raises no opted-out finding; the name written as a name does")
    func ordinaryWordsRaiseNothing() throws {
        let district = try Self.district()
        let out = district.appendingPathComponent("out")
        _ = try Invocation.run(["run", "--config", district.appendingPathComponent("socialaudit.json").path,
                                "--as-of", "2026-11-01", "--templates", Invocation.repository.appendingPathComponent("templates").path,
                                "--state", CommandLineTests.freshState(), "--out", out.path, "--quiet"])
        let data = try #require(FileManager.default.contents(atPath: out.appendingPathComponent("findings.json").path))
        let findings = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let named = findings.filter { $0["rule"] as? String == "student.opted-out-named" }
        let ids = named.compactMap { ($0["evidence"] as? [String: Any])?["id"] as? String }
        #expect(ids.contains("1800000000000000022"), "Congrats Will Park!")
        #expect(!ids.contains("1800000000000000021"), "we will park the buses")
        #expect(named.count == 8, "seven tweets name Jamie Hollis, one Will Park")
    }

    @Test("a roster row shifted by a column stops the run with the cells' places, and no name, in the log")
    func shiftedRoster() throws {
        let district = try Self.district()
        let result = try Invocation.run(["validate", "--config", district.appendingPathComponent("socialaudit.json").path,
                                         "--roster", district.appendingPathComponent("students-shifted.csv").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("students-shifted.csv:3:4: account_id is not an account id"), "\(result.stderr)")
        #expect(result.stderr.contains("students-shifted.csv:3:7: directory_opt_out is not true or false"))
        for name in ["Tyler", "Brooks", "Hollis", "Jr."] {
            #expect(!result.stderr.contains(name) && !result.stdout.contains(name), "\(name)")
        }
    }
}
