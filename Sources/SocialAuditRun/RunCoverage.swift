import Foundation
import SocialAuditCore
import SocialAuditState

/// The findings a run carries from accounts whose data it could not read (no archive, or one not
/// read whole): still open, shown as the state last held them, marked "not re-checked since" the
/// day the account's data was last read.
public struct CarriedFindings: Sendable {
    public var findings: [Finding] = []
    /// The day each carried finding's account was last read, by fingerprint.
    public var notRecheckedSince: [String: String] = [:]
    /// The same, by account, for the state to remember.
    public var accountsNotRead: [String: String] = [:]

    /// `carried` is ``Lifecycle/Result/carried``; `records` the state's whole findings for them
    /// and `since` the accounts the state already marks (``StateStore/notReadSince()``).
    public init(_ carried: [KnownFinding], records: [String: Finding], since: [String: String], schools: [School]) {
        // Marked on an earlier run, else last read when its findings were last seen.
        for known in carried where since[known.account] == nil {
            accountsNotRead[known.account] = max(accountsNotRead[known.account] ?? "", known.lastSeenAsOf)
        }
        for known in carried {
            let day = since[known.account] ?? accountsNotRead[known.account]!
            accountsNotRead[known.account] = day
            notRecheckedSince[known.fingerprint] = day
            findings.append(records[known.fingerprint] ?? Self.outline(known, schools: schools))
        }
    }

    /// What a state from before v5 holds of a finding: its rule, account, school and severity.
    static func outline(_ known: KnownFinding, schools: [School]) -> Finding {
        let school = schools.first { $0.id == known.schoolId }
        return Finding(rule: known.rule, severity: Severity(rawValue: known.severity) ?? .low, tier: .unregistered,
                       schoolId: known.schoolId, schoolName: school?.name ?? "Unassigned", account: known.account, accountId: nil,
                       evidence: Evidence(kind: .account), students: [],
                       summary: "Found on \(known.lastSeenAsOf); its details are in that run's report", fingerprint: known.fingerprint)
    }
}

/// A run that sees much less than the last one stops: an archives folder that is missing, empty
/// or holds fewer than `policy.minArchiveShare` of the last run's archives is far likelier a
/// share that did not mount than a district that stopped handing archives in.
public enum ShrinkGuard {
    /// Nil when the run may go on; else why it stops. `present` is nil when the folder is missing.
    public static func check(present: Int?, previous: Int?, share: Double, folder: String) -> String? {
        guard let previous, previous > 0 else { return nil }
        let last = "the last run had \(previous) archive\(previous == 1 ? "" : "s")"
        guard let present else { return "\(folder): the archives folder does not exist (\(last))" }
        guard Double(present) < Double(previous) * share else { return nil }
        let percent = Int((share * 100).rounded())
        return "\(folder): the archives folder holds \(present) archive\(present == 1 ? "" : "s"), "
            + "fewer than \(percent)% of the \(previous) the last run had"
    }
}
