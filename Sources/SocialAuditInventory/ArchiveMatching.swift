import Foundation
import SocialAuditCore

/// Who an archive says it belongs to: the account id and username from its account data
/// (nil when the account could not be read).
public struct ArchiveIdentity: Sendable, Hashable {
    public var accountId: String?
    public var username: String?

    public init(accountId: String?, username: String?) {
        self.accountId = accountId
        self.username = username
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
        for (index, identity) in archives.enumerated() {
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
}
