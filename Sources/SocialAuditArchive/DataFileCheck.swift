import Foundation
import SocialAuditCore

/// Reads one data file held in memory, as the archive reader reads it (``DataFileRecords`` with
/// the tweet filter, and the record decoders), and says what came of it. For the fuzzing targets
/// and the hostile-input tests: whatever the bytes, this returns.
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
        let tweets = DataFileRecords(maximumRecordBytes: maximumRecordBytes, reading: TweetRecord.read) { parsed, _, _ in
            outcome.records += 1
            guard case let .success(record) = parsed, (try? RecordDecoding.tweet(record)) != nil else {
                outcome.badRecords += 1
                return
            }
            outcome.tweets += 1
        }
        let others = DataFileRecords(maximumRecordBytes: maximumRecordBytes, keeping: nil) { parsed, _, _ in
            guard case let .success(value) = parsed else { return }
            if (try? RecordDecoding.conversation(value, group: true)) != nil { outcome.conversations += 1 }
            _ = try? RecordDecoding.account(value)
            _ = try? RecordDecoding.manifest(value)
        }
        for reader in [(tweets.feed, tweets.finish), (others.feed, others.finish)] {
            var index = 0
            do {
                while index < bytes.count {
                    let end = min(index + max(1, chunk), bytes.count)
                    try bytes[index..<end].withUnsafeBufferPointer { try reader.0($0) }
                    index = end
                }
                try reader.1()
            } catch {
                outcome.faults += 1
            }
        }
        outcome.faults += tweets.faults.count
        return outcome
    }
}
