import Foundation
import SocialAuditCore

/// Who an archive says it belongs to: the account id and username from its account data
/// (nil when the account could not be read).
public struct ArchiveIdentity: Sendable, Hashable {
    public var accountId: String?
    public var username: String?
    /// When the archive was made: the manifest's generation date, else the file's modification
    /// time (to tell the newer of two archives of one account).
    public var made: Date?

    public init(accountId: String?, username: String?, made: Date? = nil) {
        self.accountId = accountId
        self.username = username
        self.made = made
    }
}

/// How each archive of a run matched the inventory.
public struct ArchiveMatching: Sendable {
    public enum Basis: String, Sendable { case accountId = "account id", handle }

    public struct Match: Sendable, Hashable {
        /// Index into the archives given to ``match(_:to:)``.
        public var archive: Int
        /// Index into `inventory.accounts`.
        public var account: Int
        public var basis: Basis
    }

    public var matches: [Match] = []
    /// Archives whose account matches no inventory account (audited as `unregistered`).
    public var unregistered: [Int] = []
    /// Archives whose account data could not be read, so they cannot be matched.
    public var unidentified: [Int] = []
    /// Inventory accounts of the primary and school-owned tiers with no archive in the run.
    public var missing: [Int] = []
    /// Inventory accounts that more than one archive matched (all are audited).
    public var matchedTwice: [Int] = []
    /// Archives of an account that has a newer archive in the run, each with the index of the
    /// newer one: only the newer one is matched and audited.
    public var superseded: [(archive: Int, by: Int)] = []

    public func match(forArchive index: Int) -> Match? { matches.first { $0.archive == index } }

    /// Matches archives to accounts: first by account id; then, by handle (case-insensitive,
    /// without `@`), to an inventory account that gives no account id — an inventory account with
    /// a different id is another account that once used or now uses the same name, never a match.
    /// File names are never used.
    public static func match(_ archives: [ArchiveIdentity], to inventory: Inventory) -> ArchiveMatching {
        var result = ArchiveMatching()
        var byId: [String: Int] = [:]
        var byHandle: [String: Int] = [:]
        for (index, account) in inventory.accounts.enumerated() {
            if let id = account.accountId {
                byId[id] = index
            } else {
                byHandle[Handle.normalized(account.handle)] = index
            }
        }
        var matchedAccounts: [Int: Int] = [:]
        result.superseded = olderArchivesOfOneAccount(archives)
        let left = Set(result.superseded.map(\.archive))
        for (index, identity) in archives.enumerated() where !left.contains(index) {
            guard identity.accountId != nil || identity.username != nil else {
                result.unidentified.append(index)
                continue
            }
            var found: (Int, Basis)?
            if let id = identity.accountId, let account = byId[id] {
                found = (account, .accountId)
            } else if let name = identity.username.map(Handle.normalized), let account = byHandle[name] {
                found = (account, .handle)
            }
            guard let (account, basis) = found else {
                result.unregistered.append(index)
                continue
            }
            result.matches.append(Match(archive: index, account: account, basis: basis))
            matchedAccounts[account, default: 0] += 1
        }
        result.matchedTwice = matchedAccounts.filter { $0.value > 1 }.map(\.key).sorted()
        for (index, account) in inventory.accounts.enumerated()
        where (account.tier == .primary || account.tier == .schoolOwned) && matchedAccounts[index] == nil {
            result.missing.append(index)
        }
        return result
    }

    /// Archives of one account (the same account id, or the same handle) all but the newest;
    /// of two made at the same moment, the one listed later is kept.
    public static func olderArchivesOfOneAccount(_ archives: [ArchiveIdentity]) -> [(archive: Int, by: Int)] {
        var group = Array(archives.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while group[index] != index { index = group[index] }
            return index
        }
        var firstWithKey: [String: Int] = [:]
        for (index, identity) in archives.enumerated() {
            let keys = [identity.accountId.map { "id:" + $0 }, identity.username.map { "handle:" + Handle.normalized($0) }]
            for key in keys.compactMap({ $0 }) {
                if let other = firstWithKey[key] { group[root(index)] = root(other) } else { firstWithKey[key] = index }
            }
        }
        var members: [Int: [Int]] = [:]
        for index in archives.indices { members[root(index), default: []].append(index) }
        var older: [(archive: Int, by: Int)] = []
        for indices in members.values where indices.count > 1 {
            let newest = indices.max { (archives[$0].made ?? .distantPast, $0) < (archives[$1].made ?? .distantPast, $1) }!
            older += indices.filter { $0 != newest }.map { ($0, newest) }
        }
        return older.sorted { $0.archive < $1.archive }
    }
}
