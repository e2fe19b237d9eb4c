import Foundation
import Testing
import SocialAuditTestSupport
import SocialAuditState

@Suite("The command line")
struct CommandLineTests {
    /// The sample district's inventory and roster, for runs over other archives.
    static let sampleInputs = ["--inventory", "samples/inventory.json", "--roster", "samples/students.csv"]

    /// A state file of its own, so that tests running at once do not wait on each other's lock.
    static func freshState() -> String {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-state-\(UUID().uuidString)/socialaudit.sqlite").path
    }

    @Test("--help teaches the commands and the exit codes")
    func help() throws {
        let result = try Invocation.run(["--help"])
        #expect(result.status == 0)
        for command in ["run", "validate", "rules", "explain", "mail", "scan"] {
            #expect(result.stdout.contains(command), "\(command) is listed")
        }
        #expect(result.stdout.contains("Exit status"))
    }

    @Test("mail without a run to send says so and exits 2")
    func mailWithoutRun() throws {
        let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let result = try Invocation.run(["mail", "--config", "samples/socialaudit.json", "--out", out.path, "--dry-run"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("run `socialaudit run` first"))
        #expect(result.stdout.isEmpty)
    }

    @Test("run reads every archive, a bad one among them, and lists what it read and the fault's place")
    func runOverArchives() throws {
        let folder = ArchiveFixture.temporaryFolder()
        try fullArchive().writeZip(named: "kjackson.zip", in: folder)
        var broken = fullArchive()
        broken["data/account.js"] = TwitterJS.account(id: "1004", username: "mrsokafor")
        broken["data/manifest.js"] = TwitterJS.manifest(accountId: "1004", userName: "mrsokafor")
        broken["data/tweets.js"] = String(broken["data/tweets.js"]!.dropLast(40))
        try broken.writeFolder(named: "okafor", in: folder)
        try Data("not a zip".utf8).write(to: folder.appendingPathComponent("garbage.zip"))

        let result = try Invocation.run(["run", "--archives", folder.path, "--as-of", "2026-11-01", "--verbose", "--out", ArchiveFixture.temporaryFolder().appendingPathComponent("out").path, "--state", Self.freshState()] + Self.sampleInputs)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("@kjackson (1003)"))
        #expect(result.stdout.contains("@mrsokafor (1004)"))
        #expect(result.stdout.contains("garbage.zip"))
        #expect(result.stdout.contains("3 archives"))
        #expect(result.stdout.contains("okafor: data/tweets.js, line"))
        #expect(result.stdout.contains("garbage.zip: this is not a zip archive"))
    }

    @Test("run through a link to the binary, with no templates of its own: the shipped templates beside the real binary are used")
    func shippedTemplatesThroughLink() throws {
        let folder = ArchiveFixture.temporaryFolder()
        try fullArchive().writeZip(named: "kjackson.zip", in: folder)
        // Deep enough that no folder near the link holds templates.
        let links = folder.appendingPathComponent("a/b/c/bin")
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        let link = links.appendingPathComponent("socialaudit")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: Invocation.binary)
        let out = ArchiveFixture.temporaryFolder().appendingPathComponent("out")  // not inside the archives folder, which is refused
        let process = Process()
        process.executableURL = link
        process.arguments = ["run", "--archives", folder.path, "--as-of", "2026-11-01", "--quiet", "--out", out.path, "--state", Self.freshState(),
                             "--inventory", Invocation.repository.appendingPathComponent("samples/inventory.json").path,
                             "--roster", Invocation.repository.appendingPathComponent("samples/students.csv").path]
        process.currentDirectoryURL = links
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(said)")
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains("<html"))
    }

    @Test("rules lists the catalog; explain shows one rule with its examples, or says there is no such rule")
    func rulesAndExplain() throws {
        let rules = try Invocation.run(["rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("student.opted-out-named"))
        let explain = try Invocation.run(["explain", "student.dm"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Direct communication with students is a violation of board policy."))
        #expect(explain.stdout.contains("Fires on:") && explain.stdout.contains("Does not fire on:"))
        let unknown = try Invocation.run(["explain", "student.dms"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no rule 'student.dms'"))
        let format = try Invocation.run(["rules", "--format", "yaml"])
        #expect(format.status == 2)
    }

    @Test("bad usage exits 2 with a message that says what is wrong")
    func badUsage() throws {
        let missing = try Invocation.run(["run", "--archives", "/nonexistent/archives"] + Self.sampleInputs)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/archives"))
        let date = try Invocation.run(["run", "--archives", "/tmp", "--as-of", "2026-13-45"])
        #expect(date.status == 2)
        #expect(date.stderr.contains("--as-of"))
        let severity = try Invocation.run(["run", "--archives", "/tmp", "--fail-on", "urgent"])
        #expect(severity.status == 2)
    }

    @Test("make report's command reads every sample archive; only the deliberately damaged one has a problem")
    func samples() throws {
        let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let result = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01", "--verbose", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let archives = try FileManager.default.contentsOfDirectory(atPath: "samples/archives".inRepository)
            .filter { !$0.hasPrefix(".") }
        #expect(archives.count >= 10)
        for name in archives {
            #expect(result.stdout.contains(name.hasSuffix(".zip") ? name : name + "/"), "\(name) is listed")
        }
        #expect(result.stdout.contains("Problems (1)"))
        #expect(result.stdout.contains("damaged.zip: data/tweets.js, line"))
        #expect(result.stdout.contains("no archive: bethelbobcats"))
        #expect(result.stdout.contains("is not in the inventory (unregistered)"))
    }

    @Test("validate summarizes the sample district, from JSON and from XML alike")
    func validateSamples() throws {
        let json = try Invocation.run(["validate", "--config", "samples/socialaudit.json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("schools     3"))
        #expect(json.stdout.contains("(3 primary, 3 school-owned"))
        #expect(json.stdout.contains("8 students, 1 opted out"))
        #expect(json.stdout.contains("1 unregistered"))
        #expect(json.stdout.contains("canton-middle"))
        #expect(json.stdout.contains("The inputs are usable."))
        let xml = try Invocation.run(["validate", "--config", "samples/socialaudit.json", "--inventory", "samples/inventory.xml"])
        #expect(xml.status == 0, "\(xml.stderr)")
        // Only the lines that name the inventory file (and its places) differ.
        func withoutFile(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { !$0.contains("inventory.json") && !$0.contains("inventory.xml") }
        }
        #expect(withoutFile(xml.stdout) == withoutFile(json.stdout))
        #expect(xml.stdout.contains("inventory.xml:64: account 'cantonmiddlefans'"))
    }

    @Test("an unusable inventory and roster: every problem with its file and place, exit 2, nothing written")
    func refusedInputWritesNothing() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let inventory = try String(contentsOfFile: "samples/inventory.json".inRepository, encoding: .utf8)
            .replacingOccurrences(of: "\"tier\": \"personal\"", with: "\"tier\": \"private\"")
        try Data(inventory.utf8).write(to: folder.appendingPathComponent("inventory.json"))
        try Data("student_id,school,first_name\nS1,x,A\n".utf8).write(to: folder.appendingPathComponent("students.csv"))
        let out = folder.appendingPathComponent("out")
        for command in [["validate"], ["run", "--out", out.path, "--archives", "samples/archives".inRepository]] {
            let result = try Invocation.run(command + ["--inventory", folder.appendingPathComponent("inventory.json").path,
                                                       "--roster", folder.appendingPathComponent("students.csv").path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("inventory.json:"))
            #expect(result.stderr.contains("'private' is not a valid tier"))
            #expect(result.stderr.contains("students.csv:1: the header lacks the required column 'last_name'"))
            #expect(result.stderr.contains("nothing was written"))
            #expect(result.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("the same inputs and --as-of give a byte-identical findings.csv, wherever it is written")
    func deterministic() throws {
        var outputs: [Data] = []
        for _ in 0..<2 {
            let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
            let result = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01", "--out", out.path])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Data(contentsOf: out.appendingPathComponent("findings.csv")))
        }
        #expect(outputs[0] == outputs[1])
        let text = String(decoding: outputs[0], as: UTF8.self)
        #expect(text.hasPrefix("school_id,school_name,account,tier,rule,severity,status,evidence_kind,evidence_id,evidence_time,evidence_url,summary,fingerprint\r\n"))
        // No student's name in the output, only handles and roster ids.
        let roster = try String(contentsOfFile: "samples/students.csv".inRepository, encoding: .utf8)
        for row in roster.split(separator: "\n").dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 6 else { continue }
            #expect(!text.contains("\(fields[4]) \(fields[5])"), "a student's full name is written out")
        }
    }

    @Test("archives read in parallel give exactly what one at a time gives")
    func parallel() throws {
        var outputs: [Data] = []
        for jobs in ["1", "2", "4"] {
            let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
            let result = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(),
                                             "--as-of", "2026-11-01", "--out", out.path, "--jobs", jobs])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Data(contentsOf: out.appendingPathComponent("findings.csv")))
            outputs.append(try Data(contentsOf: out.appendingPathComponent("schools/pisgah-high/index.html")))
        }
        #expect(outputs[0] == outputs[2] && outputs[2] == outputs[4])
        #expect(outputs[1] == outputs[3] && outputs[3] == outputs[5])
    }

    @Test("--fail-on exits 1 when a finding reaches the severity, 0 otherwise")
    func failOn() throws {
        let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let high = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01", "--out", out.path, "--fail-on", "high"])
        #expect(high.status == 1)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("findings.csv").path), "the reports are written all the same")
        let clean = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01", "--out", out.path,
                                        "--school", "tuscola-high", "--fail-on", "medium"])
        #expect(clean.status == 1, "msrivera's unreadable archive is medium")
        let low = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01", "--out", out.path,
                                      "--school", "nowhere"])
        #expect(low.status == 2)
        #expect(low.stderr.contains("--school nowhere"))
    }

    @Test("run writes the whole output tree; each school's folder holds only that school's findings; files are 0640")
    func outputTree() throws {
        let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let result = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        for path in ["index.html", "findings.csv", "findings.json", "run.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path), "\(path)")
        }
        let all = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8)
            .components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        var total = 0
        for school in ["pisgah-high", "tuscola-high", "bethel-middle", "unassigned"] {
            let folder = out.appendingPathComponent("schools/\(school)")
            let rows = try String(contentsOf: folder.appendingPathComponent("findings.csv"), encoding: .utf8)
                .components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
            #expect(rows.allSatisfy { $0.hasPrefix(school + ",") }, "\(school) holds only its own findings")
            total += rows.count
            let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
            // No other school's account appears on the page.
            for row in all where !row.hasPrefix(school + ",") {
                let account = row.split(separator: ",")[2]
                #expect(!html.contains("@\(account)<") && !html.contains("@\(account) "), "\(account) on \(school)'s page")
            }
            #expect(!html.contains("<script"), "no script element")
            #expect(html.contains("Content-Security-Policy"))
        }
        #expect(total == all.count)
        let mode = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("findings.csv").path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        // The hostile text planted in the samples is on the pages, escaped.
        let tuscola = try String(contentsOf: out.appendingPathComponent("schools/tuscola-high/index.html"), encoding: .utf8)
        #expect(tuscola.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        let pisgah = try String(contentsOf: out.appendingPathComponent("schools/pisgah-high/index.html"), encoding: .utf8)
        #expect(pisgah.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(result.stdout.contains(out.appendingPathComponent("index.html").path))
    }

    @Test("a templates folder that lacks a template is refused by name, and nothing is written")
    func incompleteTemplates() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Invocation.repository.appendingPathComponent("templates/partials"),
                                         to: templates.appendingPathComponent("partials"))
        try FileManager.default.copyItem(at: Invocation.repository.appendingPathComponent("templates/district.mustache"),
                                         to: templates.appendingPathComponent("district.mustache"))
        try FileManager.default.copyItem(at: Invocation.repository.appendingPathComponent("templates/mail"),
                                         to: templates.appendingPathComponent("mail"))
        let out = folder.appendingPathComponent("out")
        let result = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01",
                                         "--out", out.path, "--templates", templates.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("lacks school.mustache"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let missing = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--out", out.path,
                                          "--templates", folder.appendingPathComponent("nowhere").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist"))

        // A district's own copy is used when it is complete.
        try FileManager.default.copyItem(at: Invocation.repository.appendingPathComponent("templates/school.mustache"),
                                         to: templates.appendingPathComponent("school.mustache"))
        var district = try String(contentsOf: templates.appendingPathComponent("district.mustache"), encoding: .utf8)
        district = district.replacingOccurrences(of: "— social media audit</h1>", with: "— our own template</h1>")
        try Data(district.utf8).write(to: templates.appendingPathComponent("district.mustache"))
        let own = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01",
                                      "--out", out.path, "--templates", templates.path])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8).contains("our own template"))
    }

    @Test("a run killed in the middle leaves the previous output tree as it was")
    func killedRun() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let out = folder.appendingPathComponent("out")
        let state = folder.appendingPathComponent("state.sqlite")
        let first = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01", "--out", out.path,
                                        "--state", state.path])
        #expect(first.status == 0)
        let before = try snapshot(out)
        let stateBefore = try Data(contentsOf: state)

        // A large archive keeps the second run busy long enough to be killed.
        let archives = folder.appendingPathComponent("archives")
        try FileManager.default.createDirectory(at: archives, withIntermediateDirectories: true)
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", "scripts/make-bench-archive.py".inRepository, archives.appendingPathComponent("big.zip").path,
                               "--tweets", "60000"]
        try generator.run()
        generator.waitUntilExit()
        #expect(generator.terminationStatus == 0)

        let process = Process()
        process.executableURL = Invocation.binary
        process.arguments = ["run", "--config", "samples/socialaudit.json", "--state", Self.freshState().inRepository, "--as-of", "2026-11-01",
                             "--out", out.path, "--archives", archives.path, "--state", state.path, "--accept-shrink"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.4)
        #expect(process.isRunning, "the run is still reading when it is killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try snapshot(out) == before)
        #expect(try Data(contentsOf: state) == stateBefore, "the state is as it was")
        #expect(try StateStore(url: state).runs().count == 1)
    }

    @Test("the half-written or half-removed trees a killed run left beside the reports are removed by the next run; a live run's are not")
    func leftoverTrees() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let out = folder.appendingPathComponent("out")
        // A process id that no process has now (as a killed run's), and one that a process has (init's).
        let gone = try #require((100_000...4_000_000).reversed().first { kill(Int32($0), 0) != 0 && errno == ESRCH })
        let leftovers = [".out.new-\(gone)", ".out.old-\(gone)"]
        for name in leftovers + [".out.new-1", ".other.new-\(gone)"] {
            let tree = folder.appendingPathComponent(name).appendingPathComponent("schools/x")
            try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
            try Data("a student's handle".utf8).write(to: tree.appendingPathComponent("index.html"))
        }
        let result = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", "2026-11-01",
                                         "--quiet", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == [".other.new-\(gone)", ".out.new-1", "out"], "only another folder's and a live process's trees are left")
    }

    /// Every file of a tree, by relative path, with its bytes.
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test("nightly: the second run shows open findings; an unchanged archive is not parsed again and gives what a full run gives")
    func nightly() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let state = folder.appendingPathComponent("state/socialaudit.sqlite").path
        func run(_ asOf: String, _ extra: [String] = []) throws -> (Invocation, String) {
            let out = folder.appendingPathComponent("out-\(asOf)\(extra.joined())").path
            let result = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--state", Self.freshState(), "--as-of", asOf,
                                             "--state", state, "--out", out] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return (result, try String(contentsOfFile: out + "/findings.csv", encoding: .utf8))
        }
        let (first, firstCSV) = try run("2026-11-01")
        #expect(first.stdout.contains("(0 unchanged since the last run)"))
        #expect(firstCSV.contains(",new,") && !firstCSV.contains(",open,"))
        // Without its lock file, the state is opened after the inputs, not beside them: the
        // archives are still taken from it.
        try FileManager.default.removeItem(atPath: state + ".lock")
        let (second, incremental) = try run("2026-11-02")
        #expect(second.stdout.contains("(11 unchanged since the last run)"))
        #expect(incremental.contains(",open,") && !incremental.contains(",new,"))
        let (third, full) = try run("2026-11-02", ["--full"])
        #expect(third.stdout.contains("(0 unchanged since the last run)"))
        #expect(incremental == full, "an incremental run gives exactly what a full run gives")
        // The district page shows the trend of the three runs.
        let html = try String(contentsOfFile: folder.appendingPathComponent("out-2026-11-02--full/index.html").path, encoding: .utf8)
        #expect(html.contains("Trend over the recent runs"))
        #expect(html.contains("<th scope=\"row\">2026-11-01</th>") && html.contains("<th scope=\"row\">2026-11-02</th>"))
        let store = try StateStore(url: URL(fileURLWithPath: state))
        #expect(try store.runs().map(\.asOf) == ["2026-11-01", "2026-11-02", "2026-11-02"])

        // One school's run: whom each unchanged archive belongs to comes from the state, the
        // others' readings from their own files; all as a full run reads them.
        let (_, _) = try run("2026-11-03", ["--school", "pisgah-high"])
        let (oneSchool, oneCSV) = try run("2026-11-03", ["--school", "pisgah-high", "--verbose"])
        let (oneFull, oneFullCSV) = try run("2026-11-03", ["--school", "pisgah-high", "--verbose", "--full"])
        #expect(oneSchool.stdout.contains("unchanged since the last run)") && !oneSchool.stdout.contains("(0 unchanged since the last run)"))
        let readings = { (text: String) in text.split(separator: "\n").filter { !$0.contains("unchanged since the last run") && !$0.hasPrefix("Reports:") } }
        #expect(readings(oneSchool.stdout) == readings(oneFull.stdout))
        #expect(oneCSV == oneFullCSV)
    }

    @Test("nightly: an archive copied again unchanged is read once more and hashed, then not read again; one changed at the same size is")
    func quickCheck() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let samples = folder.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Invocation.repository.appendingPathComponent("samples"), to: samples)
        let state = folder.appendingPathComponent("state.sqlite").path
        func run(_ asOf: String) throws -> Invocation {
            let result = try Invocation.run(["run", "--config", samples.appendingPathComponent("socialaudit.json").path,
                                             "--state", state, "--as-of", asOf, "--out", folder.appendingPathComponent("out").path,
                                             "--templates", Invocation.repository.appendingPathComponent("templates").path])
            #expect(result.status == 0, "\(result.stderr)\(result.stdout)")
            return result
        }
        _ = try run("2026-11-01")
        // Touched: a new time, the same bytes. The first run that sees it reads it (nothing was
        // hashed yet) and hashes it; the next touch is found the same by its hash.
        let tweets = samples.appendingPathComponent("archives/twitter-2026-10-27-unknown/data/tweets.js")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: tweets.path)
        #expect(try run("2026-11-02").stdout.contains("(10 unchanged since the last run)"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 120)], ofItemAtPath: tweets.path)
        #expect(try run("2026-11-03").stdout.contains("(11 unchanged since the last run)"))
        // Changed at the same size (and the time moved): read again.
        var text = try String(contentsOf: tweets, encoding: .utf8)
        text = text.replacingOccurrences(of: "Legs are done.", with: "Legs are gone.")
        try text.write(to: tweets, atomically: false, encoding: .utf8)
        #expect(try run("2026-11-04").stdout.contains("(10 unchanged since the last run)"))
        #expect(try run("2026-11-05").stdout.contains("(11 unchanged since the last run)"))
        // A full run keeps the hash of an archive whose size and time are as remembered.
        _ = try Invocation.run(["run", "--full", "--config", samples.appendingPathComponent("socialaudit.json").path,
                                "--state", state, "--as-of", "2026-11-06", "--out", folder.appendingPathComponent("out").path,
                                "--templates", Invocation.repository.appendingPathComponent("templates").path])
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 180)], ofItemAtPath: tweets.path)
        #expect(try run("2026-11-07").stdout.contains("(11 unchanged since the last run)"))
        // A zip, the same way.
        let zip = samples.appendingPathComponent("archives/twitter-2026-10-28-canton.zip").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: zip)
        #expect(try run("2026-11-08").stdout.contains("(10 unchanged since the last run)"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 120)], ofItemAtPath: zip)
        #expect(try run("2026-11-09").stdout.contains("(11 unchanged since the last run)"))
    }

    @Test("a review file suppresses a finding; an expired entry does not")
    func reviews() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let out = folder.appendingPathComponent("out")
        let state = folder.appendingPathComponent("state.sqlite").path
        let base = ["run", "--config", "samples/socialaudit.json", "--out", out.path, "--state", state]
        #expect(try Invocation.run(base + ["--as-of", "2026-11-01"]).status == 0)
        let rows = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        let row = try #require(rows.first { $0.contains(",student.dm,") && $0.contains("kjackson") })
        let fingerprint = String(row.split(separator: ",").last!)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let reviews = folder.appendingPathComponent("reviews.json")
        try Data(#"[{"fingerprint": "\#(fingerprint)", "reviewer": "mreed", "date": "2026-11-01", "note": "checked", "expires": "2026-11-05"}]"#.utf8).write(to: reviews)
        let suppressed = try Invocation.run(base + ["--as-of", "2026-11-02", "--reviews", reviews.path])
        #expect(suppressed.status == 0, "\(suppressed.stderr)")
        var csv = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8)
        #expect(csv.contains(",suppressed,") && csv.components(separatedBy: ",suppressed,").count == 2)
        let page = try String(contentsOf: out.appendingPathComponent("schools/pisgah-high/index.html"), encoding: .utf8)
        #expect(page.contains("Reviewed and suppressed"))
        #expect(try Invocation.run(base + ["--as-of", "2026-11-06", "--reviews", reviews.path]).status == 0)
        csv = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8)
        #expect(!csv.contains(",suppressed,"), "the entry expired")
        try Data(#"[{"fingerprint": "x", "expires": "soon"}]"#.utf8).write(to: reviews)
        let bad = try Invocation.run(base + ["--as-of", "2026-11-06", "--reviews", reviews.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("[0].expires"))
    }

    @Test("a nightly run opens its existing state while it reads its inputs: refused inputs leave state and lock file as they were, a held lock still exits 3 after the inputs' faults")
    func stateOpenedAhead() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let state = folder.appendingPathComponent("state.sqlite")
        let base = ["run", "--config", "samples/socialaudit.json", "--as-of", "2026-11-01", "--state", state.path,
                    "--out", folder.appendingPathComponent("out").path]
        #expect(try Invocation.run(base).status == 0)
        let stateBefore = try Data(contentsOf: state)
        let lockBefore = try Data(contentsOf: URL(fileURLWithPath: state.path + ".lock"))
        #expect(lockBefore.isEmpty, "a finished run leaves its lock file empty")

        // Refused inputs: exit 2, and neither the state nor its lock file is touched.
        let inventory = folder.appendingPathComponent("inventory.json")
        try Data("{ \"schools\": [ ".utf8).write(to: inventory)
        for _ in 0..<3 {
            let refused = try Invocation.run(base + ["--inventory", inventory.path])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("inventory.json"))
            #expect(try Data(contentsOf: state) == stateBefore)
            #expect(try Data(contentsOf: URL(fileURLWithPath: state.path + ".lock")) == lockBefore)
        }

        // Held by another run: exit 3, said once the inputs are known to be usable; with refused
        // inputs the inputs' fault is said (exit 2), as when the state was opened after them.
        do {
            let held = try StateLock(state: state)
            let second = try Invocation.run(base)
            #expect(second.status == 3)
            #expect(second.stderr.contains("another run holds the lock"))
            let both = try Invocation.run(base + ["--inventory", inventory.path])
            #expect(both.status == 2)
            #expect(!both.stderr.contains("another run holds the lock"))
            withExtendedLifetime(held) {}
        }

        // Unchanged: the next run reads the same state and records its run.
        let again = try Invocation.run(base)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try StateStore(url: state).runs().count == 2)
    }

    @Test("a second run on the same state file exits 3 at once and names the holder; a killed holder blocks nothing")
    func lock() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        let state = folder.appendingPathComponent("state.sqlite")
        let base = ["run", "--config", "samples/socialaudit.json", "--as-of", "2026-11-01", "--state", state.path,
                    "--out", folder.appendingPathComponent("out").path]
        do {
            let held = try StateLock(state: state)
            let second = try Invocation.run(base)
            #expect(second.status == 3)
            #expect(second.stderr.contains("another run holds the lock"))
            #expect(second.stderr.contains("process \(getpid())"))
            withExtendedLifetime(held) {}
        }
        // A holder killed with SIGKILL releases the lock with its life.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import fcntl, os, time
            f = open(\(String(reflecting: state.path + ".lock")), "a+")
            fcntl.flock(f, fcntl.LOCK_EX)
            f.seek(0); f.truncate(); f.write(str(os.getpid())); f.flush()
            print("locked", flush=True)
            time.sleep(60)
            """]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        _ = pipe.fileHandleForReading.availableData  // "locked"
        #expect(try Invocation.run(base).status == 3)
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let after = try Invocation.run(base)
        #expect(after.status == 0, "\(after.stderr)")
    }

    @Test("faults: an output folder that cannot be made, a corrupt state file, SIGTERM mid-run — a clear message, exit 2, the previous reports intact")
    func faults() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let state = folder.appendingPathComponent("state.sqlite")
        let out = folder.appendingPathComponent("out")
        let base = ["run", "--config", "samples/socialaudit.json", "--as-of", "2026-11-01"]
        #expect(try Invocation.run(base + ["--out", out.path, "--state", state.path]).status == 0)
        let before = try snapshot(out)

        // The output folder's parent is a file: the folder cannot be made.
        let blocker = folder.appendingPathComponent("blocker")
        try Data("a file".utf8).write(to: blocker)
        let unwritable = try Invocation.run(base + ["--out", blocker.appendingPathComponent("out").path, "--state", state.path])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write the reports"))
        // The state is recorded only after the reports are written: one run, the first.
        let runs = try StateStore(url: state).runs()
        #expect(runs.count == 1, "a run whose reports could not be written is not recorded")
        #expect(!FileManager.default.fileExists(atPath: state.path + "-journal"))

        // A state file that is not a database.
        let corrupt = folder.appendingPathComponent("corrupt.sqlite")
        try Data(repeating: 0x42, count: 4096).write(to: corrupt)
        let bad = try Invocation.run(base + ["--out", out.path, "--state", corrupt.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("cannot be used"))
        #expect(try snapshot(out) == before, "the reports are as they were")

        // SIGTERM while a large archive is being read.
        let archives = folder.appendingPathComponent("archives")
        try FileManager.default.createDirectory(at: archives, withIntermediateDirectories: true)
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", "scripts/make-bench-archive.py".inRepository, archives.appendingPathComponent("big.zip").path, "--tweets", "60000"]
        try generator.run()
        generator.waitUntilExit()
        let stateBefore = try Data(contentsOf: state)
        let process = Process()
        process.executableURL = Invocation.binary
        process.arguments = ["run", "--config", "samples/socialaudit.json".inRepository, "--as-of", "2026-11-01",
                             "--out", out.path, "--archives", archives.path, "--state", state.path, "--accept-shrink"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.4)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try snapshot(out) == before)
        #expect(try Data(contentsOf: state) == stateBefore)
        // And the next run is not blocked by what the killed one left.
        #expect(try Invocation.run(base + ["--out", out.path, "--state", state.path]).status == 0)
    }

    @Test("a full disk: the run says so, exits 2, and the previous reports stay whole")
    func diskFull() throws {
        let mount = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sa-tmpfs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        let mounted = Process()
        mounted.executableURL = URL(fileURLWithPath: "/bin/mount")
        mounted.arguments = ["-t", "tmpfs", "-o", "size=160k", "tmpfs", mount.path]
        mounted.standardError = FileHandle.nullDevice
        try mounted.run()
        mounted.waitUntilExit()
        guard mounted.terminationStatus == 0 else {
            // Mounting needs root; CI runs as root. Elsewhere this case cannot be set up.
            return
        }
        defer {
            let unmount = Process()
            unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
            unmount.arguments = [mount.path]
            try? unmount.run()
            unmount.waitUntilExit()
        }
        let out = mount.appendingPathComponent("out")
        let state = URL(fileURLWithPath: Self.freshState())
        // A first run of one school fits; the whole district's reports do not.
        let first = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--as-of", "2026-11-01", "--out", out.path,
                                        "--state", state.path, "--school", "tuscola-high"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try snapshot(out)
        let full = try Invocation.run(["run", "--config", "samples/socialaudit.json", "--as-of", "2026-11-01", "--out", out.path,
                                       "--state", state.path])
        #expect(full.status == 2)
        #expect(full.stderr.contains("cannot write the reports"))
        #expect(try snapshot(out) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: mount.path).filter { $0 != "out" }
        #expect(leftovers.isEmpty, "no half-written tree is left: \(leftovers)")
    }
}

extension String {
    /// A path of the repository, whatever the working directory.
    var inRepository: String { Invocation.repository.appendingPathComponent(self).path }
}
