import Foundation
import SocialAuditCore

/// A plain-text table of what was read from each archive, for a person at a terminal or a log.
public enum ReadingSummary {
    /// `shown` is how a value from an archive (its name, its username) is shown: on one line, and
    /// in a run, with the roster's students masked.
    public static func render(_ readings: [ArchiveReading], ignored: [String] = [],
                              shown: (String) -> String = { DisplayText.singleLine($0) }) -> String {
        let header = ["archive", "account", "archive date", "tweets", "deleted", "DMs", "group", "messages", "apps", "logins", "problems"]
        var rows: [[String]] = []
        for reading in readings {
            let account = reading.account.map { shown("@\($0.username) (\($0.accountId))") } ?? "unreadable"
            let date = reading.generationDate.map(TwitterDate.day) ?? "—"
            rows.append([
                shown(reading.source.name) + (reading.source.kind == .folder ? "/" : ""), account, date,
                String(reading.tweets), String(reading.deletedTweets),
                String(reading.conversations - reading.groupConversations), String(reading.groupConversations),
                String(reading.messages), String(reading.applications), String(reading.logins),
                String(reading.problems.count),
            ])
        }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i >= 3 ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = line(header) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        let totalTweets = readings.reduce(0) { $0 + $1.tweets + $1.deletedTweets }
        let totalMessages = readings.reduce(0) { $0 + $1.messages }
        out += "\n\(readings.count) archives, \(totalTweets) tweets, \(totalMessages) direct messages read.\n"
        let problems = readings.flatMap(\.problems)
        if !problems.isEmpty {
            out += "\nProblems (\(problems.count)); everything read before each one was kept:\n"
            // A problem is the tool's sentence around values from the archive (masked by the run): whole, on one line.
            for problem in problems { out += "  - \(DisplayText.singleLine(problem.description, limit: 1000))\n" }
        }
        if !ignored.isEmpty {
            out += "\nNot archives (neither a .zip nor a folder), passed over: \(ignored.map(shown).joined(separator: ", "))\n"
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
