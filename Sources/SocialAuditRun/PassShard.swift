import SocialAuditArchive
import SocialAuditCore
import SocialAuditRules

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
