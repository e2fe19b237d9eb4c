import Foundation
import Testing
import SocialAuditTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole runs over archives folders that once hung the run (FIFOs, a link to /dev/zero) or held
/// two archives of one account. Each run is given a minute and killed after it.
@Suite("Whole runs over hostile archives folders")
struct HostileReadingRunTests {
    /// Runs the binary, killing it after `timeout` seconds; nil status when it had to be killed.
    static func run(_ arguments: [String], timeout: TimeInterval = 60) throws -> (status: Int32?, stdout: String, stderr: String) {
        let folder = ArchiveFixture.temporaryFolder()
        let (outURL, errURL) = (folder.appendingPathComponent("stdout"), folder.appendingPathComponent("stderr"))
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = Invocation.binary
        process.arguments = arguments
        process.currentDirectoryURL = Invocation.repository
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        var status: Int32?
        if finished.wait(timeout: .now() + timeout) == .success {
            status = process.terminationStatus
        } else {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        return (status, try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
    }

    static func stateFile() -> String {
        ArchiveFixture.temporaryFolder().appendingPathComponent("state/socialaudit.sqlite").path
    }

    @Test("a FIFO named like a zip, a link to /dev/zero and a FIFO as data/tweets.js: the run finishes, says each, audits the rest")
    func specialFilesDoNotHang() throws {
        let district = ArchiveFixture.temporaryFolder()
        let archives = district.appendingPathComponent("archives")
        try FileManager.default.createDirectory(at: archives, withIntermediateDirectories: true)
        try fullArchive().writeZip(named: "kjackson.zip", in: archives)
        #expect(mkfifo(archives.appendingPathComponent("fifo.zip").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: archives.appendingPathComponent("zero.zip").path, withDestinationPath: "/dev/zero")
        var okafor = fullArchive()
        okafor["data/account.js"] = TwitterJS.account(id: "1004", username: "mrsokafor")
        okafor["data/manifest.js"] = TwitterJS.manifest(accountId: "1004", userName: "mrsokafor")
        okafor["data/tweets.js"] = nil
        let folder = try okafor.writeFolder(named: "okafor", in: archives)
        #expect(mkfifo(folder.appendingPathComponent("data/tweets.js").path, 0o644) == 0)

        let out = district.appendingPathComponent("out").path
        let result = try Self.run(["run", "--archives", archives.path, "--as-of", "2026-11-01", "--verbose", "--out", out,
                                   "--state", Self.stateFile()] + CommandLineTests.sampleInputs)
        #expect(result.status != nil, "the run finished within a minute")
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("fifo.zip: this is a named pipe (FIFO), not a regular file"), "\(result.stdout)")
        #expect(result.stdout.contains("zero.zip: the archive is a link that leads outside the archives folder"))
        #expect(result.stdout.contains("okafor: data/tweets.js, byte 0: this is a named pipe (FIFO)"))
        #expect(result.stdout.contains("@kjackson (1003)") && result.stdout.contains("@mrsokafor (1004)"), "the rest is audited")
        #expect(FileManager.default.fileExists(atPath: out + "/findings.csv"))
    }

    @Test("two archives of one account: both named, the newer audited, staleness judged on the newer")
    func twoArchivesOfOneAccount() throws {
        let district = ArchiveFixture.temporaryFolder()
        let archives = district.appendingPathComponent("archives")
        try FileManager.default.createDirectory(at: archives, withIntermediateDirectories: true)
        var old = fullArchive()
        old["data/manifest.js"] = TwitterJS.manifest(generated: "2026-01-05T09:00:00.000Z")
        // The older archive sorts after the newer one, so the choice is by date, not by name.
        try old.writeZip(named: "x-kjackson-january.zip", in: archives)
        try fullArchive().writeZip(named: "kjackson-october.zip", in: archives)

        let out = district.appendingPathComponent("out").path
        let result = try Self.run(["run", "--archives", archives.path, "--as-of", "2026-11-01", "--verbose", "--out", out,
                                   "--state", Self.stateFile()] + CommandLineTests.sampleInputs)
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("x-kjackson-january.zip: a newer archive of this account is in the archives folder, kjackson-october.zip (made 2026-10-31); this one (made 2026-01-05) was not audited"), "\(result.stdout)")
        #expect(result.stdout.contains("kjackson-october.zip: an older archive of this account is in the archives folder, x-kjackson-january.zip"))
        let csv = try String(contentsOfFile: out + "/findings.csv", encoding: .utf8)
        #expect(!csv.contains("inventory.stale-archive"), "the January archive is not judged")
        #expect(csv.contains("archive.unreadable"), "the pair is a finding on the audited archive")
        #expect(csv.contains("x-kjackson-january.zip"))
    }
}
