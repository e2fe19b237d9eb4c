import Foundation
import Testing
import SocialAuditTestSupport
import SocialAuditState

/// Whole runs of the real binary against misdirected outputs, shared and read-only state and
/// interrupted runs (the hostile review of issue 19).
@Suite("Output and state safety")
struct OutputSafetyTests {
    /// A copy of the sample district in a folder of its own: configuration, inventory, roster,
    /// reviews and archives; the repository's templates.
    static func district() throws -> URL {
        let folder = ArchiveFixture.temporaryFolder().appendingPathComponent("district")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["socialaudit.json", "inventory.json", "students.csv", "reviews.json", "archives"] {
            try FileManager.default.copyItem(at: Invocation.repository.appendingPathComponent("samples/\(name)"),
                                             to: folder.appendingPathComponent(name))
        }
        return folder
    }

    static func run(_ district: URL, _ extra: [String], asOf: String = "2026-11-01") throws -> Invocation {
        try Invocation.run(["run", "--config", district.appendingPathComponent("socialaudit.json").path, "--as-of", asOf, "--quiet",
                            "--templates", Invocation.repository.appendingPathComponent("templates").path] + extra)
    }

    /// Every file under a folder, by relative path, with its bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
        }
        return files
    }

    @Test("--out naming the archives, the configuration's folder, the state's folder or a folder inside the archives: exit 2, one line naming it, nothing read or written",
          arguments: [("archives", "is the archives folder"), (".", "is the configuration's folder"),
                      ("state", "is the state file's folder"), ("archives/reports", "lies inside the archives folder")])
    func misdirectedOut(_ relative: String, _ said: String) throws {
        let district = try Self.district()
        #expect(try Self.run(district, []).status == 0)
        let before = Self.snapshot(district)
        let result = try Self.run(district, ["--out", district.appendingPathComponent(relative).path], asOf: "2026-11-02")
        #expect(result.status == 2)
        #expect(result.stderr.contains(said), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(Self.snapshot(district) == before, "nothing of the district changed")
    }

    @Test("--out holding the templates, or a folder of other files: refused; an empty folder is taken")
    func foreignFolders() throws {
        let district = try Self.district()
        let www = district.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        try Data("<p>intranet</p>".utf8).write(to: www.appendingPathComponent("index.html"))
        let refused = try Self.run(district, ["--out", www.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("holds files socialaudit did not write"), "\(refused.stderr)")
        #expect(try String(contentsOf: www.appendingPathComponent("index.html"), encoding: .utf8) == "<p>intranet</p>")
        #expect(!FileManager.default.fileExists(atPath: district.appendingPathComponent("state").path), "no state was made")

        let site = district.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Invocation.repository.appendingPathComponent("templates"), to: site.appendingPathComponent("templates"))
        let holding = try Invocation.run(["run", "--config", district.appendingPathComponent("socialaudit.json").path, "--as-of", "2026-11-01",
                                          "--templates", site.appendingPathComponent("templates").path, "--out", site.path])
        #expect(holding.status == 2)
        #expect(holding.stderr.contains("holds the templates folder"), "\(holding.stderr)")

        // Compared as real paths: a link to the archives is the archives.
        let disguised = district.appendingPathComponent("reports")
        try FileManager.default.createSymbolicLink(at: disguised, withDestinationURL: district.appendingPathComponent("archives"))
        let linked = try Self.run(district, ["--out", disguised.appendingPathComponent("../reports").path])
        #expect(linked.status == 2)
        #expect(linked.stderr.contains("is the archives folder"), "\(linked.stderr)")

        let empty = district.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let taken = try Self.run(district, ["--out", empty.path])
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent(".socialaudit-output").path))
    }

    @Test("the configuration's own out/ beside it is the usual layout: written, marked, and replaced by the next run")
    func ownOutFolder() throws {
        let district = try Self.district()
        for day in ["2026-11-01", "2026-11-02"] {
            let result = try Self.run(district, [], asOf: day)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let out = district.appendingPathComponent("out")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        let marker = try String(contentsOf: out.appendingPathComponent(".socialaudit-output"), encoding: .utf8)
        #expect(marker.hasPrefix("socialaudit output folder"))
    }

    @Test("a tree an earlier version wrote, unmarked, is still replaced; the same with a file of someone else's is not")
    func earlierTree() throws {
        let district = try Self.district()
        #expect(try Self.run(district, []).status == 0)
        let out = district.appendingPathComponent("out")
        let marker = out.appendingPathComponent(".socialaudit-output")
        try FileManager.default.removeItem(at: marker)
        #expect(try Self.run(district, [], asOf: "2026-11-02").status == 0)
        #expect(FileManager.default.fileExists(atPath: marker.path), "replaced by a marked tree")
        try FileManager.default.removeItem(at: marker)
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let refused = try Self.run(district, [], asOf: "2026-11-03")
        #expect(refused.status == 2)
        #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    @Test("validate says so too when the configuration's out is the configuration's folder")
    func validateRefuses() throws {
        let district = try Self.district()
        let config = district.appendingPathComponent("socialaudit.json")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "\"out\": \"out\"", with: "\"out\": \".\"")
        try Data(text.utf8).write(to: config)
        let result = try Invocation.run(["validate", "--config", config.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is the configuration's folder"), "\(result.stderr)")
    }

    @Test("a linked --out is written through: the link stays, its target holds the reports")
    func linkedOut() throws {
        let district = try Self.district()
        let target = district.appendingPathComponent("published")
        let link = district.appendingPathComponent("out-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for day in ["2026-11-01", "2026-11-02"] {
            let result = try Self.run(district, ["--out", link.path], asOf: day)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("index.html").path))
    }

    @Test("the same state through a hard link is locked: a second run exits 3")
    func lockThroughHardLink() throws {
        let district = try Self.district()
        #expect(try Self.run(district, []).status == 0)
        let state = district.appendingPathComponent("state/socialaudit.sqlite")
        let other = district.appendingPathComponent("elsewhere/socialaudit.sqlite")
        try FileManager.default.createDirectory(at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.linkItem(at: state, to: other)
        let held = try StateLock(state: state)
        let second = try Self.run(district, ["--state", other.path, "--out", district.appendingPathComponent("out2").path])
        #expect(second.status == 3, "\(second.stderr)")
        #expect(second.stderr.contains("another run holds the lock"))
        held.release()
    }

    @Test("a read-only state file or folder: exit 2 before the reports are swapped; reports and state as they were",
          arguments: ["file", "folder"])
    func readOnlyState(_ which: String) throws {
        let district = try Self.district()
        #expect(try Self.run(district, []).status == 0)
        let state = district.appendingPathComponent("state/socialaudit.sqlite")
        let out = district.appendingPathComponent("out")
        let (reports, recorded) = (Self.snapshot(out), try Data(contentsOf: state))
        let path = which == "file" ? state.path : state.deletingLastPathComponent().path
        chmod(path, which == "file" ? 0o440 : 0o550)
        defer { chmod(path, which == "file" ? 0o640 : 0o750) }
        let result = try Self.run(district, [], asOf: "2026-11-02")
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot be written"), "\(result.stderr)")
        #expect(Self.snapshot(out) == reports)
        #expect(try Data(contentsOf: state) == recorded)
    }

    @Test("a state from a newer socialaudit is refused by name, exit 2")
    func newerState() throws {
        let district = try Self.district()
        #expect(try Self.run(district, []).status == 0)
        let state = district.appendingPathComponent("state/socialaudit.sqlite")
        try sqlite(state, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-later')")
        let result = try Self.run(district, [], asOf: "2026-11-02")
        #expect(result.status == 2)
        #expect(result.stderr.contains("v99-later"), "\(result.stderr)")
    }

    func sqlite(_ state: URL, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()",
                             state.path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("a run left pending after its reports were swapped in is finished by the next, and said")
    func pendingAfterSwapFinished() throws {
        let district = try Self.district()
        #expect(try Self.run(district, []).status == 0)
        let state = district.appendingPathComponent("state/socialaudit.sqlite")
        // Killed after the swap, before the run was marked done: its tree carries its token.
        try sqlite(state, "UPDATE run SET outcome = 'pending'")
        let next = try Self.run(district, [], asOf: "2026-11-02")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("its reports were in place, so it is finished"), "\(next.stderr)")
        let store = try StateStore(url: state)
        #expect(try store.runs().map(\.asOf) == ["2026-11-01", "2026-11-02"])
        #expect(try store.pendingRun() == nil)
    }

    @Test("a run left pending before the swap, its whole tree beside the reports, is finished by putting the tree in place")
    func pendingBeforeSwapFinished() throws {
        let district = try Self.district()
        #expect(try Self.run(district, []).status == 0)
        let state = district.appendingPathComponent("state/socialaudit.sqlite")
        let out = district.appendingPathComponent("out")
        // As a killed process leaves it: its tree written beside the folder, under a pid that is gone.
        try FileManager.default.moveItem(at: out, to: district.appendingPathComponent(".out.new-4194000"))
        try sqlite(state, "UPDATE run SET outcome = 'pending'")
        let next = try Self.run(district, [], asOf: "2026-11-02")
        #expect(next.stderr.contains("its reports have now been put in place"), "\(next.stderr)")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try StateStore(url: state).runs().map(\.asOf) == ["2026-11-01", "2026-11-02"])
    }

    @Test("a run left pending whose reports never replaced the previous ones is rolled back by the next, and said")
    func pendingRolledBack() throws {
        let district = try Self.district()
        #expect(try Self.run(district, []).status == 0)
        let state = district.appendingPathComponent("state/socialaudit.sqlite")
        let out = district.appendingPathComponent("out")
        let first = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8)
        // The reports of the first run, then a second run recorded pending whose tree never landed.
        let store = try StateStore(url: state)
        let known = try store.knownFindings(unresolvedOnly: true)
        try store.record(RunOutcome(asOf: "2026-11-02", startedAt: Date(), finishedAt: Date(), findings: [], statuses: [:],
                                    resolved: Lifecycle.statuses(current: [], known: known, reviews: [], asOf: "2026-11-02").resolved,
                                    schools: [], archives: [], known: known, token: "lost"))
        let next = try Self.run(district, [], asOf: "2026-11-03")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("so its state was rolled back"), "\(next.stderr)")
        #expect(try store.runs().map(\.asOf) == ["2026-11-01", "2026-11-03"])
        // Nothing was resolved by the lost run: the reports are those of a district that never had it.
        let control = try Self.district()
        #expect(try Self.run(control, []).status == 0)
        #expect(try Self.run(control, [], asOf: "2026-11-03").status == 0)
        let csv = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8)
        #expect(csv == (try String(contentsOf: control.appendingPathComponent("out/findings.csv"), encoding: .utf8)))
        #expect(csv.contains(",open,") && first.contains(",new,"))
    }

    @Test("the state keeps no profile text unmasked: a roster student's name in a bio is not in the state file")
    func stateMasksProfiles() throws {
        let folder = ArchiveFixture.temporaryFolder()
        let archives = folder.appendingPathComponent("archives")
        try FileManager.default.createDirectory(at: archives, withIntermediateDirectories: true)
        var archive = fullArchive()
        let roster = try String(contentsOf: Invocation.repository.appendingPathComponent("samples/students.csv"), encoding: .utf8)
        let header = roster.split(separator: "\n")[0].split(separator: ",").map(String.init)
        let row = roster.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let name = "\(row[header.firstIndex(of: "first_name")!]) \(row[header.firstIndex(of: "last_name")!])"
        archive["data/profile.js"] = TwitterJS.profile(bio: "Coach. Proud of \(name)!")
        archive["data/connected-application.js"] = TwitterJS.file("connected_application", ["""
            { "connectedApplication" : { "name" : "\(name) Fan Club", "permissions" : [ "read" ], "id" : "77" } }
            """])
        try archive.writeZip(named: "kjackson.zip", in: archives)
        let state = folder.appendingPathComponent("state/s.sqlite")
        let out = folder.appendingPathComponent("out")
        var fingerprints: [[Substring]] = []
        for day in ["2026-11-01", "2026-11-02"] {
            let result = try Invocation.run(["run", "--archives", archives.path, "--as-of", day, "--quiet",
                                             "--out", out.path, "--state", state.path,
                                             "--inventory", "samples/inventory.json", "--roster", "samples/students.csv"])
            #expect(result.status == 0, "\(result.stderr)")
            let csv = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8)
            fingerprints.append(csv.split(separator: "\r\n").dropFirst().compactMap { $0.split(separator: ",").last }.sorted())
        }
        let bytes = try Data(contentsOf: state)
        #expect(bytes.range(of: Data(name.utf8)) == nil, "\(name) is kept in the state")
        #expect(bytes.range(of: Data("Coach. Proud of".utf8)) != nil, "the bio is kept, masked")
        // The run that read the archive and the run that restored it from the state find the same.
        #expect(fingerprints[0] == fingerprints[1])
    }
}
