import Foundation
import SocialAuditCore
import SocialAuditReport
import SocialAuditRules

/// One pass over a summary's findings: counted by severity and status (a small table rather than
/// dictionaries), and the few the summary names (new high-severity ones, coverage gaps).
struct SummaryTally {
    /// Rows by `Severity.allCases`, columns by `FindingStatus.allCases`.
    var tally = Array(repeating: Array(repeating: 0, count: FindingStatus.allCases.count), count: Severity.allCases.count)
    /// `account NUL rule` of new high-severity findings, counted.
    var newHigh: [String: Int] = [:]
    var coverage: [[String: Any]] = []
    /// Archives of accounts the inventory does not list (a student's own, a folder named after
    /// someone): counted, never named, as their names are the archive's and not the district's.
    var notInInventory = Set<String>()

    /// `findings`: positions in `run.findings`.
    init(findings: [Int], run: RunReport) {
        var coverageSeen = Set<String>()
        // By position, not by copy (a copy of a finding is a dozen retains and releases).
        for index in findings {
            let status = run.findingStatuses[index]
            tally[Severity.allCases.firstIndex(of: run.findings[index].severity)!][FindingStatus.allCases.firstIndex(of: status)!] += 1
            if run.findings[index].tier == .unregistered {
                if status != .suppressed { notInInventory.insert(run.findings[index].account) }
                continue
            }
            // Accounts with new high-severity findings: handle and rule, counted; nothing else of the run.findings[index].
            if run.findings[index].severity == .high && status == .new {
                newHigh["\(run.findings[index].account)\u{0}\(run.findings[index].rule)", default: 0] += 1
            }
            if status != .suppressed && MailComposer.coverageRules.contains(run.findings[index].rule),
               coverageSeen.insert("\(run.findings[index].account) \(run.findings[index].rule)").inserted {
                coverage.append(["account": DisplayText.singleLine(run.findings[index].account),
                                 "ruleName": RuleCatalog.rule(run.findings[index].rule)?.description.name ?? run.findings[index].rule])
            }
        }
    }
}
