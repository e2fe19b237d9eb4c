import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory

/// What `run` says when it is done: the few lines it prints, and the one line a log keeps.
extension NightlyRun.Outcome {
    /// The summary; with `verbose`, first what was read from each archive and how it matched.
    public func printed(verbose: Bool) -> String {
        var text = ""
        if verbose {
            text += ReadingSummary.render(result.readings, ignored: result.ignored, shown: result.shown) + "\n"
            text += MatchingReport.render(result.matching, readings: result.readings, inventory: inventory, shown: result.shown) + "\n"
        }
        let findings = result.findings
        let bySeverity = Severity.allCases.map { severity in "\(findings.filter { $0.severity == severity }.count) \(severity.rawValue)" }
        let byStatus = FindingStatus.allCases.map { status in "\(count(status)) \(status.rawValue)" }
        var lines = [
            "Audit as of \(asOf): \(archives) (\(result.archivesReused) unchanged since the last run), \(result.tweetsScanned) tweets and \(result.messagesScanned) direct messages.",
            "\(Self.plural(findings.count, "finding")): " + bySeverity.joined(separator: ", ") + "; " + byStatus.joined(separator: ", ") + "; \(resolved) resolved since the last run.",
        ]
        if let captured = capturesLine { lines.insert(captured, at: 1) }
        if verbose, !result.captures.problems.isEmpty {
            lines += result.captures.problems.map { "  capture \(DisplayText.singleLine($0.description))" }
        }
        var bySchool: [String: Int] = [:]
        for finding in findings { bySchool[finding.schoolId, default: 0] += 1 }
        for school in bySchool.keys.sorted() {
            lines.append("  \(school): \(bySchool[school]!)")
        }
        lines.append("Reports: \(out.appendingPathComponent("index.html").path) (open it in a browser); findings.csv and schools/ beside it.")
        return text + lines.joined(separator: "\n") + "\n"
    }

    /// The run in one line, for the log: what was read, what was found, the exit code.
    public var logLine: String {
        "run as of \(asOf) done: \(archives) read (\(result.archivesReused) unchanged), \(Self.plural(result.findings.count, "finding")): "
            + "\(count(.new)) new, \(count(.open)) open, \(count(.suppressed)) suppressed, \(resolved) resolved; exit \(exitCode)"
    }

    private var archives: String { Self.plural(result.readings.count, "archive") }

    /// What the X API captures gave, when there were any.
    private var capturesLine: String? {
        let captures = result.captures
        guard captures.files > 0 || !captures.problems.isEmpty else { return nil }
        var line = "X API captures: \(Self.plural(captures.files, "file")), \(Self.plural(captures.tweets, "tweet")) of "
            + "\(Self.plural(captures.accounts, "inventory account"))"
        if captures.otherAuthors > 0 { line += " (\(Self.plural(captures.otherAuthors, "other author")) passed over)" }
        if !captures.problems.isEmpty {
            line += "; \(Self.plural(captures.problems.count, "problem")) (lines skipped, listed with --verbose and in run.json)"
        }
        return line + "."
    }

    private func count(_ status: FindingStatus) -> Int {
        statuses.values.filter { $0 == status }.count
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
