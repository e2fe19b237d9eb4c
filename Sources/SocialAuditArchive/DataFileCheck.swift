import Foundation
import SocialAuditCore

/// Reads one data file held in memory, as the archive reader reads it (the stream, the JSON
/// parser with the tweet filter, and the record decoders), and says what came of it. For the
/// fuzzing targets and the hostile-input tests: whatever the bytes, this returns.
///
/// It also holds the fast tweet path to the general one: a record that ``TweetExtractor`` takes
/// must give the general path's tweet (or its error), with no repaired string; where they
/// disagree this stops the process, which is what a fuzzer reports.
public enum DataFileCheck {
    public struct Outcome: Sendable {
        public var records = 0
        public var tweets = 0
        public var conversations = 0
        public var faults = 0
        public var badRecords = 0
    }

    /// `chunk` splits the bytes as a zip entry or file read would.
    public static func read(_ bytes: [UInt8], chunk: Int = 4096, maximumRecordBytes: Int = 1 << 20) -> Outcome {
        var outcome = Outcome()
        let stream = DataFileStream(maximumRecordBytes: maximumRecordBytes) { record, _, _ in
            outcome.records += 1
            compareTweetPaths(record)
            do {
                let (value, _) = try JSONParser.parse(record, keeping: RecordDecoding.tweetFilter)
                if (try? RecordDecoding.tweet(value)) != nil {
                    outcome.tweets += 1
                } else {
                    outcome.badRecords += 1
                }
                let (full, _) = try JSONParser.parse(record)
                if (try? RecordDecoding.conversation(full, group: true)) != nil { outcome.conversations += 1 }
                _ = try? RecordDecoding.account(full)
                _ = try? RecordDecoding.manifest(full)
            } catch {
                outcome.badRecords += 1
            }
        }
        // Records read straight from the chunks, as the reader does (and compared the same way).
        stream.fastRecord = { bytes, _, _ in
            guard let (raw, length, newlines) = TweetExtractor.extract(prefixOf: bytes) else { return nil }
            let record = UnsafeBufferPointer(rebasing: bytes[0..<length])
            compareTweetPaths(record)
            let lines = record.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            precondition(lines == newlines, "the fast tweet path counted \(newlines) line breaks, not \(lines)")
            outcome.records += 1
            if (try? RecordDecoding.tweet(raw)) != nil {
                outcome.tweets += 1
            } else {
                outcome.badRecords += 1
            }
            return (length, newlines)
        }
        var index = 0
        do {
            while index < bytes.count {
                let end = min(index + max(1, chunk), bytes.count)
                try bytes[index..<end].withUnsafeBufferPointer { try stream.feed($0) }
                index = end
            }
            try stream.finish()
        } catch {
            outcome.faults += 1
        }
        outcome.faults += stream.faults.count
        return outcome
    }

    /// Stops the process where the fast tweet path and the general one read a record differently.
    static func compareTweetPaths(_ record: UnsafeBufferPointer<UInt8>) {
        guard let raw = TweetExtractor.extract(prefixOf: record) else { return }
        let fast = Result { () throws(RecordError) in try RecordDecoding.tweet(raw.0) }
        let parsed = try? JSONParser.parse(UnsafeBufferPointer(rebasing: record[0..<raw.length]), keeping: RecordDecoding.tweetFilter)
        guard let parsed else { preconditionFailure("the fast tweet path took a record the parser refuses") }
        precondition(parsed.repairs.isEmpty, "the fast tweet path took a record with a repaired string")
        let general = Result { () throws(RecordError) in try RecordDecoding.tweet(parsed.0) }
        switch (fast, general) {
        case let (.success(a), .success(b)):
            precondition(a == b, "the fast and general tweet paths read a record differently")
        case let (.failure(a), .failure(b)):
            precondition(a.message == b.message, "the fast and general tweet paths fail a record differently")
        default:
            preconditionFailure("one tweet path read a record the other did not")
        }
    }
}
