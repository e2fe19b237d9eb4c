import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditRules

/// Results filled in by parallel workers, each at its own index, and a shared counter to hand out work.
final class ParallelResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]
    private var counter = 0

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }

    /// The next index below `limit` that no worker has taken yet, or nil when all are taken.
    func claim(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard counter < limit else { return nil }
        counter += 1
        return counter - 1
    }
}

/// One worker thread's part of an archive's rule pass: its tweets' content findings.
final class PassShard: TweetConsumer {
    var pass: RulePass

    init(_ pass: RulePass) {
        self.pass = pass
    }

    func add(_ tweet: Tweet) {
        pass.add(tweet)
    }
}
