import Foundation
import SocialAuditCore

/// Each finding's status in this run, and what the run resolved.
public enum Lifecycle {
    /// Whose data the run read: a finding is resolved only when its account's data was read
    /// again and the finding is gone, so a share that did not mount resolves nothing.
    public struct Coverage: Sendable {
        /// Every account the run audited (as findings name them), with or without an archive.
        public var audited: Set<String>
        /// The audited accounts whose data the run could not read: no archive, or one that could
        /// not be read whole. Their findings the run did not find again stay open.
        public var notRead: Set<String>

        public init(audited: Set<String>, notRead: Set<String>) {
            self.audited = audited
            self.notRead = notRead
        }
    }

    /// The statuses of the run's findings, the findings it resolved, and those it carried: known
    /// findings of accounts whose data it could not read, still open (or suppressed).
    public struct Result: Sendable {
        public var statuses: [String: FindingStatus]
        public var resolved: [ResolvedFinding]
        public var carried: [KnownFinding]
    }

    static let noLongerInInventory = "account no longer in the inventory"
    static let archiveGone = "archive no longer in the archives folder"

    /// `new` the first run a finding appears (or reappears after it was resolved), `open` after,
    /// `suppressed` when the review file lists its fingerprint and the entry has not expired.
    /// A known, unresolved finding of the run's schools that the run did not find is resolved when
    /// its account's data was read (or the account is gone from the inventory), else carried.
    /// Without `coverage`, every account's data counts as read.
    public static func statuses(current: [Finding], known: [String: KnownFinding], reviews: [Review], asOf: String,
                                schools: [String] = [], coverage: Coverage? = nil) -> Result {
        let active = Dictionary(reviews.filter { review in review.expires.map { $0 >= asOf } ?? true }.map { ($0.fingerprint, $0) },
                                uniquingKeysWith: { first, _ in first })
        var statuses: [String: FindingStatus] = [:]
        statuses.reserveCapacity(current.count)
        for finding in current {
            if active[finding.fingerprint] != nil {
                statuses[finding.fingerprint] = .suppressed
            } else if let previous = known[finding.fingerprint], previous.resolvedAsOf == nil {
                statuses[finding.fingerprint] = .open
            } else {
                statuses[finding.fingerprint] = .new
            }
        }
        // Present in this run: the findings that have a status.
        let gone = known.values
            .filter { $0.resolvedAsOf == nil && statuses[$0.fingerprint] == nil && (schools.isEmpty || schools.contains($0.schoolId)) }
            .sorted { ($0.schoolId, $0.account, $0.rule, $0.fingerprint) < ($1.schoolId, $1.account, $1.rule, $1.fingerprint) }
        // An account that had an unregistered-archive finding was an archive nobody registered.
        let unregistered = Set(known.values.filter { $0.rule == "inventory.unregistered-archive" }.map(\.account))
        var resolved: [ResolvedFinding] = []
        var carried: [KnownFinding] = []
        for finding in gone {
            if let coverage, coverage.notRead.contains(finding.account) {
                statuses[finding.fingerprint] = active[finding.fingerprint] != nil ? .suppressed : .open
                carried.append(finding)
                continue
            }
            var reason: String?
            if let coverage, !coverage.audited.contains(finding.account) {
                reason = unregistered.contains(finding.account) ? archiveGone : noLongerInInventory
            }
            resolved.append(ResolvedFinding(fingerprint: finding.fingerprint, rule: finding.rule, account: finding.account,
                                            schoolId: finding.schoolId, reason: reason))
        }
        return Result(statuses: statuses, resolved: resolved, carried: carried)
    }
}
