import Foundation
import Testing

/// Runs the built `socialaudit` binary, as a person or cron would, and captures what it says.
struct Invocation {
    var status: Int32
    var stdout: String
    var stderr: String

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary beside the test bundle (`swift test` builds every product first).
    static var binary: URL {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            repository.appendingPathComponent(".build/debug"),
        ].compactMap { $0 }
        for folder in candidates {
            let url = folder.appendingPathComponent("socialaudit")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repository.appendingPathComponent(".build/debug/socialaudit")
    }

    static func run(_ arguments: [String], in directory: URL = repository) throws -> Invocation {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Invocation(status: process.terminationStatus,
                          stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("The command line")
struct CommandLineTests {
    @Test("--help teaches the commands and the exit codes")
    func help() throws {
        let result = try Invocation.run(["--help"])
        #expect(result.status == 0)
        for command in ["run", "validate", "rules", "explain", "mail", "scan"] {
            #expect(result.stdout.contains(command), "\(command) is listed")
        }
        #expect(result.stdout.contains("Exit status"))
    }

    @Test("commands not built yet say so plainly and exit 2")
    func notBuiltYet() throws {
        for arguments in [["validate"], ["mail", "--dry-run"], ["explain", "student.dm"]] {
            let result = try Invocation.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("not built yet"), "\(arguments)")
            #expect(result.stdout.isEmpty)
        }
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

        let result = try Invocation.run(["run", "--archives", folder.path, "--as-of", "2026-11-01"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("@kjackson (1003)"))
        #expect(result.stdout.contains("@mrsokafor (1004)"))
        #expect(result.stdout.contains("garbage.zip"))
        #expect(result.stdout.contains("3 archives"))
        #expect(result.stdout.contains("okafor: data/tweets.js, line"))
        #expect(result.stdout.contains("garbage.zip: this is not a zip archive"))
    }

    @Test("bad usage exits 2 with a message that says what is wrong")
    func badUsage() throws {
        let missing = try Invocation.run(["run", "--archives", "/nonexistent/archives"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/archives"))
        let date = try Invocation.run(["run", "--archives", "/tmp", "--as-of", "2026-13-45"])
        #expect(date.status == 2)
        #expect(date.stderr.contains("--as-of"))
        let severity = try Invocation.run(["run", "--archives", "/tmp", "--fail-on", "urgent"])
        #expect(severity.status == 2)
    }
}
