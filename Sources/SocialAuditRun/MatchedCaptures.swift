import Foundation
import SocialAuditArchive
import SocialAuditCore

/// The tweets of the X API captures, given to the inventory accounts that posted them.
struct MatchedCaptures: Sendable {
    /// Inventory account index → its captured tweets.
    var byAccount: [Int: CapturedAccount] = [:]
    var summary = CaptureSummary()

    init() {}

    /// Each captured author matched by account id (the inventory's, else the one its archive
    /// showed), else by handle. Authors the inventory does not know (a search captures anyone's
    /// tweets) are counted and passed over.
    init(_ reading: CaptureReading, to inventory: Inventory, learnedIds: [String: String]) {
        var byId: [String: Int] = [:]
        var byHandle: [String: Int] = [:]
        for (index, account) in inventory.accounts.enumerated() {
            if let id = account.accountId ?? learnedIds[account.handle] { byId[id] = index }
            byHandle[Handle.normalized(account.handle)] = index
        }
        for author in reading.accounts.keys.sorted() {
            let captured = reading.accounts[author]!
            guard let index = byId[author] ?? captured.username.flatMap({ byHandle[Handle.normalized($0)] }) else {
                summary.otherAuthors += 1
                continue
            }
            byAccount[index] = captured
        }
        summary.files = reading.files.count
        summary.lines = reading.lines
        summary.tweets = byAccount.values.reduce(0) { $0 + $1.tweets.count }
        summary.accounts = byAccount.count
        summary.problems = reading.problems
    }
}

extension CapturedAccount {
    var source: CaptureSource {
        CaptureSource(accountId: accountId, username: username, files: files, tweets: tweets.count, newest: newest)
    }
}

/// What a run read of the X API captures, for its log and `run.json`.
public struct CaptureSummary: Sendable, Codable, Equatable {
    public var files = 0
    public var lines = 0
    /// The captured tweets of inventory accounts, and how many accounts they are of.
    public var tweets = 0
    public var accounts = 0
    /// Authors of captured tweets the inventory does not know.
    public var otherAuthors = 0
    public var problems: [ArchiveProblem] = []

    public init() {}
}
