import Foundation
import SocialAuditCore
import SocialAuditJSON

/// One account's tweets in a capture file: the tweets its author id posted, each once.
public struct CapturedAccount: Sendable {
    public var accountId: String
    /// The handle the capture gives the account (its `includes.users` or `author`), if any.
    public var username: String?
    /// Newest first (by id, which orders tweets by time), each tweet once however many lines hold it.
    public var tweets: [Tweet]
    /// The id → handle pairs of the users the lines with its tweets name (`includes.users`, or inline).
    public var handles: [String: String] = [:]

    /// When the newest captured tweet was posted.
    public var newest: Date? { tweets.lazy.compactMap(\.createdAt).max() }
}

/// What reading one capture file gave: each author's tweets and every line that could not be read.
public struct CaptureFileReading: Sendable {
    public var accounts: [String: CapturedAccount] = [:]
    public var problems: [ArchiveProblem] = []
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
    /// The capture files of `folder`: its `*.jsonl` files (hidden ones aside), by name.
    public static func files(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".jsonl") }
            .map { folder.appendingPathComponent($0) }
    }

    public static func read(file: URL) -> CaptureFileReading {
        var reading = CaptureFileReading()
        let name = file.lastPathComponent
        guard let data = FileManager.default.contents(atPath: file.path) else {
            reading.problems.append(ArchiveProblem(archive: name, message: "the capture file cannot be read"))
            return reading
        }
        var collected: [String: [String: Tweet]] = [:]
        var handles: [String: String] = [:]
        var seen: [String: [String: String]] = [:]
        readLines(Array(data), file: name, into: &reading, handles: &handles) { tweet, author, named in
            if collected[author]?[tweet.id] == nil { collected[author, default: [:]][tweet.id] = tweet }
            seen[author, default: [:]].merge(named) { _, new in new }
        }
        for (author, tweets) in collected {
            let ordered = tweets.values.sorted { ($0.id.count, $0.id) > ($1.id.count, $1.id) }
            reading.accounts[author] = CapturedAccount(accountId: author, username: handles[author], tweets: ordered,
                                                       handles: seen[author] ?? [:])
        }
        return reading
    }

    /// Every line of one file: a page's tweets or a flattened tweet, each handed on with its author.
    static func readLines(_ bytes: [UInt8], file: String, into reading: inout CaptureFileReading,
                          handles: inout [String: String], _ take: (Tweet, String, [String: String]) -> Void) {
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
                reading.problems.append(ArchiveProblem(archive: file, offset: offset + error.offset, line: lineNumber,
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
                    reading.problems.append(ArchiveProblem(archive: file, offset: offset, line: lineNumber,
                        message: "expected an X API v2 response page (data, includes, meta) or a flattened tweet (id, text, author_id); the line was skipped"))
                }
                continue
            }
            handles.merge(includes.handles) { _, new in new }
            for (index, object) in tweets.enumerated() {
                do throws(RecordError) {
                    let (tweet, author) = try CaptureDecoding.tweet(object, includes)
                    guard let author else {
                        throw RecordError(message: "tweet \(tweet.id) has no author_id, so it is no account's")
                    }
                    take(tweet, author, includes.handles)
                } catch {
                    reading.problems.append(ArchiveProblem(archive: file, offset: offset, line: lineNumber,
                        message: "tweet \(index + 1) of the line: \(error.message); the tweet was skipped"))
                }
            }
        }
    }
}
