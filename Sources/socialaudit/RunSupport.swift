import Foundation
import SocialAuditCore
import SocialAuditRun

/// The run's date: `--as-of`, else today in the district's time zone.
enum RunDate {
    static func today(in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// Midnight UTC of the day: staleness counts whole days, the same on every machine.
    static func start(of day: String, in zone: TimeZone) -> Date {
        TwitterDate.parse(day)!
    }
}

/// Replaces an output folder's files all at once: they are written to a fresh folder beside it,
/// which then takes the old one's place, so a run that fails or is killed leaves the previous
/// run's files as they were, never a mix.
enum OutputFolder {
    static func replace(_ folder: URL, with files: [String: [UInt8]]) throws {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        for (path, bytes) in files {
            let url = staging.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        if manager.fileExists(atPath: folder.path) {
            let old = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            try? manager.removeItem(at: old)
            try manager.moveItem(at: folder, to: old)
            do {
                try manager.moveItem(at: staging, to: folder)
            } catch {
                try? manager.moveItem(at: old, to: folder)
                throw error
            }
            try? manager.removeItem(at: old)
        } else {
            try manager.moveItem(at: staging, to: folder)
        }
    }
}

/// The few lines `run` prints when it is done.
enum RunSummary {
    static func render(_ result: AuditResult, asOf: String, out: URL) -> String {
        let findings = result.findings
        let bySeverity = Severity.allCases.map { severity in "\(findings.filter { $0.severity == severity }.count) \(severity.rawValue)" }
        var lines = [
            "Audit as of \(asOf): \(result.readings.count) archive\(result.readings.count == 1 ? "" : "s"), \(result.tweetsScanned) tweets and \(result.messagesScanned) direct messages read.",
            "\(findings.count) finding\(findings.count == 1 ? "" : "s"): " + bySeverity.joined(separator: ", ") + ".",
        ]
        var bySchool: [String: Int] = [:]
        for finding in findings { bySchool[finding.schoolId, default: 0] += 1 }
        for school in bySchool.keys.sorted() {
            lines.append("  \(school): \(bySchool[school]!)")
        }
        lines.append("Wrote \(out.appendingPathComponent("findings.csv").path)")
        return lines.joined(separator: "\n") + "\n"
    }
}
