import Foundation
import SocialAuditCore

/// The few lines `run` prints when it is done.
public enum RunSummary {
    public static func render(_ result: AuditResult, statuses: [String: FindingStatus], resolved: Int, asOf: String, out: URL) -> String {
        let findings = result.findings
        let bySeverity = Severity.allCases.map { severity in "\(findings.filter { $0.severity == severity }.count) \(severity.rawValue)" }
        let byStatus = FindingStatus.allCases.map { status in "\(statuses.values.filter { $0 == status }.count) \(status.rawValue)" }
        var lines = [
            "Audit as of \(asOf): \(result.readings.count) archive\(result.readings.count == 1 ? "" : "s") (\(result.archivesReused) unchanged since the last run), \(result.tweetsScanned) tweets and \(result.messagesScanned) direct messages.",
            "\(findings.count) finding\(findings.count == 1 ? "" : "s"): " + bySeverity.joined(separator: ", ") + "; " + byStatus.joined(separator: ", ") + "; \(resolved) resolved since the last run.",
        ]
        var bySchool: [String: Int] = [:]
        for finding in findings { bySchool[finding.schoolId, default: 0] += 1 }
        for school in bySchool.keys.sorted() {
            lines.append("  \(school): \(bySchool[school]!)")
        }
        lines.append("Reports: \(out.appendingPathComponent("index.html").path) (open it in a browser); findings.csv and schools/ beside it.")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RunSummary {
    /// The run in one line, for the log: what was read, what was found, the exit code.
    public static func logLine(_ result: AuditResult, statuses: [String: FindingStatus], resolved: Int, asOf: String, exit: Int32) -> String {
        let count = { (status: FindingStatus) in statuses.values.filter { $0 == status }.count }
        return "run as of \(asOf) done: \(result.readings.count) archive\(result.readings.count == 1 ? "" : "s") read "
            + "(\(result.archivesReused) unchanged), \(result.findings.count) finding\(result.findings.count == 1 ? "" : "s"): "
            + "\(count(.new)) new, \(count(.open)) open, \(count(.suppressed)) suppressed, \(resolved) resolved; exit \(exit)"
    }
}
