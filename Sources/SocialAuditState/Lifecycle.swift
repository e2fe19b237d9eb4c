import Foundation
import SocialAuditCore

/// Each finding's status in this run, and what the run resolved.
public enum Lifecycle {
    /// `new` the first run a finding appears (or reappears after it was resolved), `open` after,
    /// `suppressed` when the review file lists its fingerprint and the entry has not expired.
    /// A known, unresolved finding of the run's schools that the run did not find is resolved.
    public static func statuses(current: [Finding], known: [String: KnownFinding], reviews: [Review], asOf: String,
                                schools: [String] = []) -> (statuses: [String: String], resolved: [ResolvedFinding]) {
        let active = Dictionary(reviews.filter { review in review.expires.map { $0 >= asOf } ?? true }.map { ($0.fingerprint, $0) },
                                uniquingKeysWith: { first, _ in first })
        var statuses: [String: String] = [:]
        statuses.reserveCapacity(current.count)
        for finding in current {
            if active[finding.fingerprint] != nil {
                statuses[finding.fingerprint] = "suppressed"
            } else if let previous = known[finding.fingerprint], previous.resolvedAsOf == nil {
                statuses[finding.fingerprint] = "open"
            } else {
                statuses[finding.fingerprint] = "new"
            }
        }
        // Present in this run: the findings that have a status.
        let resolved = known.values
            .filter { $0.resolvedAsOf == nil && statuses[$0.fingerprint] == nil && (schools.isEmpty || schools.contains($0.schoolId)) }
            .sorted { ($0.schoolId, $0.account, $0.rule, $0.fingerprint) < ($1.schoolId, $1.account, $1.rule, $1.fingerprint) }
            .map { ResolvedFinding(fingerprint: $0.fingerprint, rule: $0.rule, account: $0.account, schoolId: $0.schoolId) }
        return (statuses, resolved)
    }
}

