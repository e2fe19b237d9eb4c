import SocialAuditCore

/// `findings.csv` as the spec fixes it: RFC 4180, UTF-8, the spec's columns in order, rows in
/// the spec's order, and every cell formula-safe.
public enum FindingsCSV {
    public static let columns = ["school_id", "school_name", "account", "tier", "rule", "severity", "status",
                                 "evidence_kind", "evidence_id", "evidence_time", "evidence_url", "summary", "fingerprint"]

    /// The CSV text of `findings` (sorted here, so the output is the same whatever order they came in).
    /// `status` gives each finding's status (`new`, `open` or `suppressed`).
    public static func render(_ findings: [Finding], status: (Finding) -> String = { _ in "new" }) -> String {
        var out = columns.joined(separator: ",") + "\r\n"
        for finding in findings.sorted(by: Finding.ordered) {
            let cells = [
                finding.schoolId, finding.schoolName, finding.account, finding.tier.rawValue, finding.rule,
                finding.severity.rawValue, status(finding), finding.evidence.kind.rawValue, finding.evidence.id ?? "",
                finding.evidence.time.map(TwitterDate.iso8601) ?? "", finding.evidence.url ?? "", finding.summary,
                finding.fingerprint,
            ]
            out += cells.map(cell).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// One cell: made inert for spreadsheets, then quoted when RFC 4180 requires it.
    public static func cell(_ value: String) -> String {
        var text = value
        // A cell that begins with = + - @, a tab or a carriage return would be read by a
        // spreadsheet as a formula (CSV injection); a leading apostrophe makes it text.
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
