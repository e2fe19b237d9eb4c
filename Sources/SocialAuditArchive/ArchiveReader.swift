import Foundation
import SocialAuditCore

/// What reading one archive gave: who it is of, how much was read, and every problem found.
/// The records themselves were handed on as they were parsed; nothing here grows with the archive.
public struct ArchiveReading: Sendable, Codable {
    /// How the archive lays out its data.
    public enum Layout: String, Sendable, Codable {
        /// `data/tweets.js` and parts, with `manifest.js` (archives since about 2019).
        case current
        /// `data/tweet.js` (archives from about 2019 to 2020; often no manifest).
        case tweetJS = "tweet-js"
        /// The older "Grailbird" archive: `tweets.csv`, `data/js/tweets/YYYY_MM.js`.
        case grailbird
        /// Archives of 2018–2019: the data files at the archive's top, no `data/` folder and no manifest.
        case topLevel = "top-level"
    }

    public var source: ArchiveSource
    public var layout: Layout?
    public var manifest: ArchiveManifest?
    public var account: ArchiveAccount?
    public var profile: Profile?
    public var tweets = 0
    public var deletedTweets = 0
    public var conversations = 0
    public var groupConversations = 0
    public var messages = 0
    public var applications = 0
    public var logins = 0
    /// The data files read, relative to the archive's top, in reading order.
    public var filesRead: [String] = []
    public var problems: [ArchiveProblem] = []
    /// SHA-256 of each data file of a folder read to its end, by its path in the archive: the
    /// bytes hashed as they are read, for the content's signature (one pass over them, not two).
    /// This reading's own: not encoded, and not kept in the state.
    public var digests: [String: [UInt8]] = [:]

    private enum CodingKeys: String, CodingKey {
        case source, layout, manifest, account, profile, tweets, deletedTweets, conversations, groupConversations, messages
        case applications, logins, filesRead, problems
    }

    public init(source: ArchiveSource) {
        self.source = source
    }

    /// When Twitter/X generated the archive, where the archive says.
    public var generationDate: Date? { manifest?.generationDate }

    /// Whether the archive's account could not be read at all (so it cannot be matched to the
    /// inventory and is reported under its file or folder name).
    public var accountUnreadable: Bool { account == nil }
}

/// Reads one archive, a zip or an extracted folder, in place, and hands each record on as
/// soon as it is parsed: the manifest, the account and profile first, then every tweet of every
/// part file, deleted tweets, conversations, connected applications and login records.
///
/// Nothing stops the reading but the archive itself being unreadable: a fault in one file is
/// reported with the file and the byte offset and line, what was read before it is kept, and
/// the other files are still read.
public struct ArchiveReader: Sendable {
    public var source: ArchiveSource
    /// Records larger than this are reported and skipped (a tweet is a few kilobytes).
    public var maximumRecordBytes: Int
    /// Limits on zip entries (zip bombs).
    public var zipLimits = ZipLimits()
    /// How many tweet part files are read at once; the records still reach the handler on the
    /// calling thread, one at a time (in another order than the files', which nothing depends on),
    /// unless `read` is given a tweet consumer per worker.
    public var partWorkers = 1
    /// Whether a folder's data files are hashed as they are read (into ``ArchiveReading/digests``).
    public var hashesDataFiles = false

    public init(source: ArchiveSource, maximumRecordBytes: Int = 64 << 20) {
        self.source = source
        self.maximumRecordBytes = maximumRecordBytes
    }

    public init(url: URL) {
        self.init(source: ArchiveSource(url: url))
    }

    /// Reads the archive, calling `handle` for every record, and returns what was read.
    ///
    /// With `tweetConsumer`, part files read at once (``partWorkers`` above 1) hand their tweets
    /// to consumers instead of to `handle`: one per worker thread, each made by `tweetConsumer`
    /// on the calling thread before the workers start, and each used by its worker alone. Then
    /// the work on every tweet runs on all cores too, and no tweet crosses threads. Every other
    /// record, and every tweet when the parts are read one at a time, still goes to `handle`.
    public func read(_ handle: (ArchiveRecord) -> Void,
                     tweetConsumer: (() -> any TweetConsumer)? = nil) -> ArchiveReading {
        withoutActuallyEscaping(handle) { handle in
            var session = ReadingSession(source: source, maximumRecordBytes: maximumRecordBytes, handle: handle)
            session.zipLimits = zipLimits
            session.partWorkers = partWorkers
            session.hashesDataFiles = hashesDataFiles
            session.makeTweetConsumer = tweetConsumer
            session.run()
            return session.reading
        }
    }

    /// Reads the archive for its summary alone.
    public func summarize() -> ArchiveReading {
        read { _ in }
    }

    /// Reads only the manifest, the account and the profile: who the archive belongs to and when
    /// it was made, without reading its tweets (for matching and `validate`).
    public func identify() -> ArchiveReading {
        var session = ReadingSession(source: source, maximumRecordBytes: maximumRecordBytes, handle: { _ in })
        session.zipLimits = zipLimits
        session.identityOnly = true
        session.run()
        return session.reading
    }
}


/// Takes the tweets that one worker thread reads (see ``ArchiveReader/read(_:tweetConsumer:)``).
public protocol TweetConsumer: AnyObject {
    func add(_ tweet: Tweet)
}

/// One reading of one archive: the state that the records pass through.
struct ReadingSession {
    var reading: ArchiveReading
    let maximumRecordBytes: Int
    var handle: (ArchiveRecord) -> Void
    var files: (any ArchiveFiles)?
    /// How many tweet part files may be read at once (each on its own thread, its records
    /// handed to `handle` on the calling thread, in batches).
    var partWorkers = 1
    /// Makes the consumer of one worker's tweets, when part files are read at once.
    var makeTweetConsumer: (() -> any TweetConsumer)?
    /// A worker's consumer: its tweets go here rather than to `handle`.
    var tweetConsumer: (any TweetConsumer)?
    /// Long posts' whole texts, and the tweets still waiting for theirs.
    var longPosts = LongPosts()
    /// A conversation whose next entry may continue it (the archive splits at 1,000 messages).
    var pendingConversation: Conversation?
    /// Stop after the manifest, account and profile.
    var identityOnly = false
    var zipLimits = ZipLimits()
    var hashesDataFiles = false

    init(source: ArchiveSource, maximumRecordBytes: Int, handle: @escaping (ArchiveRecord) -> Void) {
        reading = ArchiveReading(source: source)
        self.maximumRecordBytes = maximumRecordBytes
        self.handle = handle
    }

    var archiveName: String { reading.source.name }

    mutating func problem(_ message: String, file: String? = nil, offset: Int? = nil, line: Int? = nil) {
        reading.problems.append(ArchiveProblem(archive: archiveName, file: file, offset: offset, line: line, message: message))
    }

    mutating func run() {
        guard let files = openFiles() else { return }
        self.files = files
        let paths = files.paths()
        guard let (root, dataFolder) = Self.dataFolder(paths) else {
            problem("no Twitter/X archive data found: expected data/account.js, data/tweets.js, data/js/tweets/ (Grailbird) or, in archives of 2018–2019, account.js or tweet.js at the top")
            return
        }
        let (dataFiles, grailbirdMonths) = DataFile.found(in: paths, under: dataFolder)
        reading.layout = dataFolder == root ? .topLevel : Self.layout(dataFiles, grailbirdMonths: grailbirdMonths)
        // Manifest and identity first, so that whoever consumes the tweets knows whose they are.
        readIdentity(dataFiles, paths: Set(paths), root: root)
        if identityOnly { return }
        readTweetFiles(dataFiles, grailbirdMonths: grailbirdMonths)
        readMessagesAndLogins(dataFiles)
    }

    /// The archive's files, a zip's entries or a folder's; nil (with the problem) when they cannot be listed.
    mutating func openFiles() -> (any ArchiveFiles)? {
        let url: URL
        switch reading.source.resolvedInsideItsFolder() {
        case let .success(resolved): url = resolved
        case let .failure(refusal):
            problem(refusal.message)
            return nil
        }
        switch reading.source.kind {
        case .zip:
            do {
                return try ZipArchiveFiles(url: url, limits: zipLimits)
            } catch let error as ArchiveFileError {
                problem(error.message)
            } catch {
                problem("the archive cannot be opened (\(error))")
            }
            return nil
        case .folder:
            let folder = FolderArchiveFiles(url: url)
            for (path, message) in folder.listingProblems { problem(message, file: path) }
            return folder
        }
    }

    /// Which of the three layouts the data files are in.
    static func layout(_ dataFiles: [DataType: [DataFile]], grailbirdMonths: [String]) -> ArchiveReading.Layout {
        if !grailbirdMonths.isEmpty, dataFiles[.tweets] == nil, dataFiles[.tweet] == nil {
            return .grailbird
        } else if dataFiles[.tweet] != nil, dataFiles[.tweets] == nil {
            return .tweetJS
        }
        return .current
    }

    /// Every tweet: long posts' texts first (a tweet cut short waits for its own), then the part
    /// files (at once where there are workers), Grailbird's months and the deleted tweets.
    mutating func readTweetFiles(_ dataFiles: [DataType: [DataFile]], grailbirdMonths: [String]) {
        for file in dataFiles[.noteTweet] ?? [] {
            readRecords(file, keeping: RecordDecoding.noteTweetFilter) { session, value, position throws(RecordError) in
                session.longPosts.add(try RecordDecoding.noteTweet(value), file: file.path, position: position)
            }
        }
        let tweetFiles = (dataFiles[.tweets] ?? []) + (dataFiles[.tweet] ?? [])
        if partWorkers > 1 && tweetFiles.count > 1 {
            readTweetsInParallel(tweetFiles)
        } else {
            for file in tweetFiles {
                readTweets(file, deleted: false)
            }
        }
        if reading.layout == .grailbird {
            for path in grailbirdMonths.sorted() {
                readTweets(DataFile(path: path, type: .tweets, part: 0), deleted: false, grailbird: true)
            }
        }
        for file in dataFiles[.deletedTweets] ?? [] {
            readTweets(file, deleted: true)
        }
        settleLongPosts()
    }

    /// What follows the tweets: direct messages, connected applications and logins.
    mutating func readMessagesAndLogins(_ dataFiles: [DataType: [DataFile]]) {
        for file in dataFiles[.directMessages] ?? [] {
            readConversations(file, group: false)
        }
        for file in dataFiles[.directMessagesGroup] ?? [] {
            readConversations(file, group: true)
        }
        for file in dataFiles[.connectedApplication] ?? [] {
            readRecords(file) { session, value, _ throws(RecordError) in
                let application = try RecordDecoding.application(value)
                session.reading.applications += 1
                session.handle(.application(application))
            }
        }
        for file in dataFiles[.ipAudit] ?? [] {
            readRecords(file) { session, value, _ throws(RecordError) in
                let login = try RecordDecoding.login(value)
                session.reading.logins += 1
                session.handle(.login(login))
            }
        }
    }

    /// The archive's top (the folder that holds `data/`, or a single folder the zip wraps it in)
    /// and the folder of its data files: `data/`, or in archives of 2018–2019 the top itself.
    static func dataFolder(_ paths: [String]) -> (root: String, data: String)? {
        if let root = shallowestPrefix(paths, markers: ["data/account.js", "data/manifest.js", "data/tweets.js", "data/tweet.js",
                                                        "data/profile.js", "data/tweets-part1.js", "data/js/tweet_index.js",
                                                        "data/js/user_details.js"]) {
            return (root, root + "data/")
        }
        if let path = paths.first(where: { $0.contains("data/js/tweets/") }), let range = path.range(of: "data/js/tweets/") {
            let root = String(path[..<range.lowerBound])
            return (root, root + "data/")
        }
        if let root = shallowestPrefix(paths, markers: ["account.js", "tweet.js", "tweets.js", "direct-message.js"]) {
            return (root, root)
        }
        return nil
    }

    /// The shortest folder (then the first by name) at which one of `markers` lies.
    private static func shallowestPrefix(_ paths: [String], markers: [String]) -> String? {
        var best: String?
        for path in paths {
            for marker in markers where path.hasSuffix(marker) {
                let prefix = String(path.dropLast(marker.count))
                guard prefix.isEmpty || prefix.hasSuffix("/") else { continue }
                if let current = best, (current.count, current) <= (prefix.count, prefix) { continue }
                best = prefix
            }
        }
        return best
    }

    mutating func readTweets(_ file: DataFile, deleted: Bool, grailbird: Bool = false) {
        readRecords(file, expectedNames: grailbird ? ["Grailbird.data.tweets_"] : nil, reading: TweetRecord.read) { session, record, _ throws(RecordError) in
            session.accept(try RecordDecoding.tweet(record), deleted: deleted)
        }
    }

    /// A tweet read: counted, given its long text from the notes, and handed on.
    mutating func accept(_ read: consuming Tweet, deleted: Bool) {
        var tweet = read
        if deleted {
            reading.deletedTweets += 1
        } else {
            reading.tweets += 1
        }
        // A cut tweet whose long text cannot yet be told waits for the other tweets of its second.
        if !longPosts.isEmpty, !longPosts.join(&tweet) { return }
        if let tweetConsumer {
            tweetConsumer.add(tweet)
        } else {
            handle(.tweet(tweet))
        }
    }

    /// Every tweet read: the waiting ones get what long texts can be told theirs and are handed on.
    mutating func settleLongPosts() {
        let (tweets, unplaced) = longPosts.settle()
        for tweet in tweets { handle(.tweet(tweet)) }
        for note in unplaced {
            problem(note.message, file: note.file, offset: note.position.offset, line: note.position.line)
        }
    }

}
