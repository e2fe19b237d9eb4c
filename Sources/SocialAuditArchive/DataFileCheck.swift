import Foundation
import SocialAuditCore

/// Reads one data file held in memory, as the archive reader reads it (the stream, the JSON
/// parser with the tweet filter, and the record decoders), and says what came of it. For the
/// fuzzing targets and the hostile-input tests: whatever the bytes, this returns.
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
}
