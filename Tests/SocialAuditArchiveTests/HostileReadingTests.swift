import Foundation
import Testing
import SocialAuditArchive
import SocialAuditCore
import SocialAuditTestSupport

/// Special files, links, hard links and forged ids from the hostile corpus (`reading_cases` in
/// scripts/make-hostile.py): each is refused and said, and the rest of the archive is read.
@Suite("Hostile files: FIFOs, devices, links, hard links, forged ids", .serialized)
struct HostileReadingTests {
    static func read(_ name: String) -> (ArchiveReading, [String]) {
        let (reading, tweets) = HostileCorpus.read("reading/" + name)
        return (reading, tweets.map(\.id))
    }

    static func problem(_ reading: ArchiveReading, _ text: String, file: String? = nil) -> Bool {
        reading.problems.contains { $0.message.contains(text) && $0.file == file && $0.archive == reading.source.name }
    }

    @Test("a FIFO named like a zip is refused without being opened, as a problem of that archive")
    func fifoNamedZip() {
        let (reading, tweets) = Self.read("fifo.zip")
        #expect(tweets.isEmpty && reading.account == nil)
        #expect(Self.problem(reading, "a named pipe (FIFO), not a regular file"), "\(reading.problems)")
    }

    @Test("a link to /dev/zero in the archives folder is not followed")
    func linkToDevZero() {
        let (reading, _) = Self.read("zero.zip")
        #expect(reading.account == nil)
        #expect(Self.problem(reading, "leads outside the archives folder"), "\(reading.problems)")
    }

    @Test("a link in the archives folder to a real archive outside it is not followed")
    func linkOutOfArchivesFolder() {
        let (reading, tweets) = Self.read("outside.zip")
        #expect(tweets.isEmpty && reading.account == nil, "the archive outside is never read")
        #expect(Self.problem(reading, "leads outside the archives folder"), "\(reading.problems)")
    }

    @Test("a link in the archives folder to an archive inside it is read")
    func linkInsideArchivesFolder() throws {
        let folder = ArchiveFixture.temporaryFolder()
        try fullArchive().writeZip(named: "kjackson.zip", in: folder)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("alias.zip").path, withDestinationPath: "kjackson.zip")
        let reading = ArchiveReader(url: folder.appendingPathComponent("alias.zip")).summarize()
        #expect(reading.account?.accountId == "1003")
        #expect(reading.problems.isEmpty, "\(reading.problems)")
    }

    @Test("a zip with a second name (hard link) in the archives folder is not read")
    func hardLinkedZip() {
        let (reading, tweets) = Self.read("hardlinked.zip")
        #expect(tweets.isEmpty && reading.account == nil)
        #expect(Self.problem(reading, "hard links"), "\(reading.problems)")
    }

    @Test("a FIFO as data/tweets.js in a folder archive is refused by name; the other part is read")
    func fifoDataFile() {
        let (reading, tweets) = Self.read("fifo-data")
        #expect(tweets == ["41"])
        #expect(reading.account?.accountId == "3103")
        #expect(Self.problem(reading, "a named pipe (FIFO)", file: "data/tweets.js"), "\(reading.problems)")
    }

    @Test("a hard link as data/tweets.js is not read (its other name may be anywhere); the other part is read")
    func hardLinkedDataFile() {
        let (reading, tweets) = Self.read("hardlink-data")
        #expect(tweets == ["41"], "the file outside the archive is never read")
        #expect(Self.problem(reading, "hard links", file: "data/tweets.js"), "\(reading.problems)")
    }

    @Test("a folder named data/tweets.js is reported, not silently passed over; the other part is read")
    func folderNamedLikeDataFile() {
        let (reading, tweets) = Self.read("dir-data")
        #expect(tweets == ["41"])
        #expect(Self.problem(reading, "a folder where a data file", file: "data/tweets.js"), "\(reading.problems)")
    }

    @Test("tweets whose ids are not digits are skipped and said; the others are read")
    func forgedTweetIds() {
        let (reading, tweets) = Self.read("bad-ids.zip")
        #expect(tweets == ["50", "54"])
        #expect(reading.problems.filter { $0.message.contains("not made of digits only") }.count == 3, "\(reading.problems)")
    }

    @Test("an account username that is no X username is said (its tweets are still read)")
    func forgedUsername() {
        let (reading, tweets) = Self.read("bad-username.zip")
        #expect(tweets == ["1"])
        #expect(Self.problem(reading, "not an X username", file: "data/account.js"), "\(reading.problems)")
    }

    @Test("4 000 empty part files are listed once: read in parallel well within a minute")
    func manyPartFiles() {
        var reader = ArchiveReader(url: HostileCorpus.folder.appendingPathComponent("many-parts.zip"))
        reader.partWorkers = 2
        let start = Date()
        let reading = reader.summarize()
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(reading.filesRead.filter { $0.hasPrefix("data/tweets") }.count == 4001)
        #expect(reading.problems.isEmpty, "\(reading.problems.prefix(3))")
        #expect(reading.tweets == 1)
    }

    @Test("a device or a FIFO is never opened as a regular file")
    func specialFilesRefused() throws {
        #expect(throws: ArchiveFileError.self) { try RegularFile(path: "/dev/zero") }
        let fifo = HostileCorpus.folder.appendingPathComponent("reading/fifo.zip").path
        #expect(throws: ArchiveFileError.self) { try RegularFile(path: fifo) }
    }

    @Test("a file is read no further than the size it had when opened; growing is said")
    func boundedRead() throws {
        let url = ArchiveFixture.temporaryFolder().appendingPathComponent("growing.js")
        try Data(repeating: 0x41, count: 1000).write(to: url)
        let file = try RegularFile(path: url.path)
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data(repeating: 0x42, count: 5000))
        try handle.close()
        var delivered = 0
        var refusal: ArchiveFileError?
        do {
            try file.read(chunkSize: 256) { delivered += $0.count }
        } catch let error as ArchiveFileError {
            refusal = error
        }
        #expect(delivered == 1000)
        #expect(refusal?.message.contains("grew past the 1000 bytes") == true)
    }
}
