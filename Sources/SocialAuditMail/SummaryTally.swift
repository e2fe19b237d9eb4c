import Foundation
import SocialAuditCore
import SocialAuditReport
import SocialAuditRules

/// One pass over a summary's findings: counted by severity and status, and the few the summary
/// names (new high-severity ones, coverage gaps).
struct SummaryTally {
    var tally: [Severity: [FindingStatus: Int]] = [:]
    /// `account NUL rule` of new high-severity findings, counted.
    var newHigh: [String: Int] = [:]
    var coverage: [[String: Any]] = []
    /// Archives of accounts the inventory does not list (a student's own, a folder named after
    /// someone): counted, never named, as their names are the archive's and not the district's.
    var notInInventory = Set<String>()

    /// `findings`: positions in `run.findings`.
    init(findings: [Int], run: RunReport) {
        var coverageSeen = Set<String>()
        for index in findings {
            let finding = run.findings[index], status = run.findingStatuses[index]
            tally[finding.severity, default: [:]][status, default: 0] += 1
            if finding.tier == .unregistered {
                if status != .suppressed { notInInventory.insert(finding.account) }
                continue
            }
            // Accounts with new high-severity findings: handle and rule, counted; nothing else of the finding.
            if finding.severity == .high && status == .new {
                newHigh["\(finding.account)\u{0}\(finding.rule)", default: 0] += 1
            }
            if status != .suppressed && MailComposer.coverageRules.contains(finding.rule),
               coverageSeen.insert("\(finding.account) \(finding.rule)").inserted {
                coverage.append(["account": DisplayText.singleLine(finding.account),
                                 "ruleName": RuleCatalog.rule(finding.rule)?.description.name ?? finding.rule])
            }
        }
    }
}
