import SocialAuditCore

/// The account ids an account's own tweets pair with the handles of students the roster knows by
/// handle alone. Direct messages carry ids only: these pairs are how such a student is known in
/// a conversation. Learned from mentions, replies and retweets, which carry both id and handle.
public struct LearnedHandles: Sendable {
    /// A roster handle (normalized) → the ids the tweets pair it with.
    private var idsByHandle: [String: Set<String>] = [:]
    /// An id → the roster handle (normalized) it was seen with.
    private var handleById: [String: String] = [:]

    public init() {}

    /// Remembers `userId` as `screenName`'s when that is a handle-only student's.
    mutating func learn(userId: String?, screenName: String?, in directory: StudentDirectory) {
        guard let userId, let screenName, !userId.isEmpty else { return }
        let handle = Handle.normalized(screenName)
        guard directory.handleOnlyStudent(normalizedHandle: handle) != nil else { return }
        idsByHandle[handle, default: []].insert(userId)
        // Of two roster handles one id was seen with, the first by name, so no reading order decides.
        if let known = handleById[userId], known <= handle { return }
        handleById[userId] = handle
    }

    /// Every tweet's pairs: its mentions, the account it replies to and the one it retweets.
    mutating func learn(from tweet: Tweet, in directory: StudentDirectory) {
        for mention in tweet.mentions { learn(userId: mention.userId, screenName: mention.screenName, in: directory) }
        learn(userId: tweet.inReplyToUserId, screenName: tweet.inReplyToScreenName, in: directory)
        if let author = tweet.retweetOf { learn(userId: author.userId, screenName: author.screenName, in: directory) }
    }

    /// Takes up what another shard of the same account's tweets learned.
    mutating func merge(_ other: LearnedHandles) {
        for (handle, ids) in other.idsByHandle { idsByHandle[handle, default: []].formUnion(ids) }
        for (id, handle) in other.handleById where handleById[id].map({ handle < $0 }) ?? true { handleById[id] = handle }
    }

    /// The handle-only student the tweets pair `userId` with, and the other ids they pair the same
    /// handle with (none unless the handle passed from one account to another).
    func student(userId: String, in directory: StudentDirectory) -> (student: Student, handle: String, otherIds: [String])? {
        guard let handle = handleById[userId], let student = directory.handleOnlyStudent(normalizedHandle: handle) else { return nil }
        let others = (idsByHandle[handle] ?? []).subtracting([userId]).sorted()
        return (student, handle, others)
    }
}
