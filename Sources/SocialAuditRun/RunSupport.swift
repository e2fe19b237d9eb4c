import Foundation
import SocialAuditCore
import SocialAuditInventory
import SocialAuditMail
import SocialAuditReport
import SocialAuditState

/// The run's date: `--as-of`, else today in the district's time zone.
public enum RunDate {
    public static func today(in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// Midnight UTC of the day: staleness counts whole days, the same on every machine.
    public static func start(of day: String, in zone: TimeZone) -> Date {
        TwitterDate.parse(day)!
    }
}

extension MailSettings {
    /// SMTP when `mail.smtp` is given, else the sendmail command; the defaults are the input
    /// reference's, so that docs/inputs.md says what is used.
    public static func transport(_ settings: MailSettings) -> MailTransport {
        if let host = settings.smtpHost { return .smtp(host: host, port: settings.smtpPort ?? MailSettings.defaultSMTPPort) }
        return .sendmail(command: settings.sendmail ?? MailSettings.defaultSendmail)
    }
}

extension MailOutcome {
    /// The line that names a message that did not reach everyone, for standard error (the cron log).
    public var failureLine: String {
        "mail '\(message)' not delivered to \(failedRecipients.joined(separator: ", ")): \(outcome.rawValue): \(detail)"
    }
}

/// Rewrites the `mail` key of an existing run.json (after `socialaudit mail`), atomically.
public enum RunJSON {
    public static func replaceMail(_ outcomes: [MailOutcome], in url: URL) {
        guard let data = FileManager.default.contents(atPath: url.path),
              var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        object["mail"] = outcomes.map {
            ["message": $0.message, "recipients": $0.recipients, "outcome": $0.outcome.rawValue, "detail": $0.detail,
             "failedRecipients": $0.failedRecipients]
        }
        guard let output = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".run.json.new")
        guard FileManager.default.createFile(atPath: temporary.path, contents: output + Data("\n".utf8), attributes: [.posixPermissions: 0o640]) else { return }
        _ = rename(temporary.path, url.path)
    }
}

extension Configuration {
    /// The templates: `--templates` or the configuration's (which must hold every template), else
    /// a `templates` folder beside the configuration, else the shipped ones.
    public func reportTemplates() throws -> ReportTemplates {
        var folder = templates
        if !templatesGiven, !FileManager.default.fileExists(atPath: folder.path),
           let executable = Self.executableFile, let shipped = ReportTemplates.shippedFolder(executable: executable) {
            folder = shipped
        }
        return try ReportTemplates(folder: folder)
    }

    /// This program's file, its links resolved: what Linux says of `/proc/self/exe`, else
    /// Foundation's answer (Bundle.main, and the path resolved link by link through NSString:
    /// half a millisecond of every run that uses the shipped templates).
    private static var executableFile: URL? {
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &path, path.count - 1)
        if count > 0 {
            return URL(fileURLWithPath: String(decoding: path[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }
}
