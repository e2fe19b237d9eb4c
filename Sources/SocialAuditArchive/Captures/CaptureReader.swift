import Foundation
import SocialAuditCore
import SocialAuditJSON

/// One account's tweets in the captures: the tweets its author id posted, each once.
public struct CapturedAccount: Sendable {
    public var accountId: String
    /// The handle the captures give the account (its `includes.users` or `author`), if any.
    public var username: String?
    /// Newest first (by id, which orders tweets by time), each tweet once however many files hold it.
    public var tweets: [Tweet]
    /// The capture files that hold the account's tweets, by name.
    public var files: [String]

    /// When the newest captured tweet was posted.
    public var newest: Date? { tweets.lazy.compactMap(\.createdAt).max() }
}

/// What reading the captures folder gave: each author's tweets, the id → handle pairs the
/// captures show, and every line that could not be read.
public struct CaptureReading: Sendable {
    public var accounts: [String: CapturedAccount] = [:]
    /// Every user the captures name, by id: authors, mentions, replied-to and quoted accounts.
    public var handles: [String: String] = [:]
    public var problems: [ArchiveProblem] = []
    /// The capture files read, by name.
    public var files: [String] = []
    public var lines = 0

    public init() {}
}

/// Reads X API v2 captures: files of JSON lines (`*.jsonl`) as `twarc2 timeline` and `twarc2
/// search` write them, one response page a line (`data`, `includes`, `meta`, `errors`,
/// `__twarc`), or as `twarc2 flatten` writes them, one tweet a line with its users inline.
/// A line that is not JSON (a capture cut off by a killed job) is reported with file and line and
/// the rest is read. `errors` entries (deleted or protected referenced tweets) are the API's own
/// notes on what it could not include, not faults of the capture: they are passed over.
public enum CaptureReader {
    public static func read(folder: URL) -> CaptureReading {
        var reading = CaptureReading()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            reading.problems.append(ArchiveProblem(archive: folder.lastPathComponent,
                                                   message: "the captures folder cannot be read (\(error.localizedDescription))"))
            return reading
        }
        var collected: [String: [String: Tweet]] = [:]
        var filesByAuthor: [String: Set<String>] = [:]
        for name in names.sorted() where !name.hasPrefix(".") && name.lowercased().hasSuffix(".jsonl") {
            reading.files.append(name)
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                reading.problems.append(ArchiveProblem(archive: name, message: "the capture file cannot be read"))
                continue
            }
            readLines(Array(data), file: name, into: &reading) { tweet, author in
                collected[author, default: [:]][tweet.id] = collected[author]?[tweet.id] ?? tweet
                filesByAuthor[author, default: []].insert(name)
            }
        }
        for (author, tweets) in collected {
            let ordered = tweets.values.sorted { ($0.id.count, $0.id) > ($1.id.count, $1.id) }
            reading.accounts[author] = CapturedAccount(accountId: author, username: reading.handles[author], tweets: ordered,
                                                       files: filesByAuthor[author, default: []].sorted())
        }
        return reading
    }

    /// Every line of one file: a page's tweets or a flattened tweet, each handed on with its author.
    static func readLines(_ bytes: [UInt8], file: String, into reading: inout CaptureReading,
                          _ take: (Tweet, String) -> Void) {
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            let offset = start
            start = end + 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            reading.lines += 1
            let value: JSONValue
            do {
                value = try JSONParser.parse(Array(line))
            } catch {
                let cut = end == bytes.count ? " (the file ends inside it: a capture cut off?)" : ""
                reading.problems.append(ArchiveProblem(archive: file, file: file, offset: offset + error.offset, line: lineNumber,
                                                       message: "the line is not valid JSON: \(error.message)\(cut); the line was skipped"))
                continue
            }
            var includes = CaptureDecoding.Includes()
            let tweets: [JSONValue]
            if let data = value["data"] {
                includes.take(page: value["includes"])
                tweets = data.elements.isEmpty && data["id"] != nil ? [data] : data.elements
            } else if value["id"] != nil, value["text"] != nil {
                includes.take(flattened: value)
                tweets = [value]
            } else {
                // A page of only `errors` and `meta` (nothing new since the last capture) has no tweets.
                if value["meta"] == nil && value["errors"] == nil {
                    reading.problems.append(ArchiveProblem(archive: file, file: file, offset: offset, line: lineNumber,
                        message: "expected an X API v2 response page (data, includes, meta) or a flattened tweet (id, text, author_id); the line was skipped"))
                }
                continue
            }
            reading.handles.merge(includes.handles) { _, new in new }
            for (index, object) in tweets.enumerated() {
                do throws(RecordError) {
                    let (tweet, author) = try CaptureDecoding.tweet(object, includes)
                    guard let author else {
                        throw RecordError(message: "tweet \(tweet.id) has no author_id, so it is no account's")
                    }
                    take(tweet, author)
                } catch {
                    reading.problems.append(ArchiveProblem(archive: file, file: file, offset: offset, line: lineNumber,
                        message: "tweet \(index + 1) of the line: \(error.message); the tweet was skipped"))
                }
            }
        }
    }
}
