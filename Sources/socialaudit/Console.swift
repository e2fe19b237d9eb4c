import Foundation
import Logging
import SocialAuditInventory

/// Standard error, for messages and logs; standard output carries the results. Every line says
/// its level; when standard error is not a terminal (cron's log file, a pipe) it also starts with
/// the time, so that a night's lines can be found and read in order.
enum Console {
    /// Every message goes through swift-log, to one handler that writes these lines.
    static let logger: Logger = {
        LoggingSystem.bootstrap { _ in ConsoleLogHandler(timestamps: isatty(STDERR_FILENO) != 1) }
        return Logger(label: "socialaudit")
    }()

    static func error(_ message: String) {
        logger.error("\(message)")
    }

    static func warning(_ message: String) {
        logger.warning("\(message)")
    }

    /// A line worth keeping in the log although nothing is wrong (a run done, `--fail-on` matched).
    static func notice(_ message: String) {
        logger.notice("\(message)")
    }

    /// Whether standard error is a terminal (someone is watching), rather than a log.
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A progress line on standard error, only when it is a terminal (never under cron);
    /// nil clears it.
    static func progress(_ message: String?) {
        guard isTerminal else { return }
        let text = message.map { "\r\u{1B}[K" + $0 } ?? "\r\u{1B}[K"
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// `2026-12-02T02:30:04Z socialaudit: error: …` (the time only in a log), one line per line of
/// the message, so that no line of the log is without its time and level.
struct ConsoleLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .notice
    let timestamps: Bool

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var prefix = "socialaudit: \(event.level.rawValue): "
        if timestamps { prefix = Self.time(Date()) + " " + prefix }
        let lines = "\(event.message)".split(separator: "\n", omittingEmptySubsequences: false)
        FileHandle.standardError.write(Data(lines.map { prefix + $0 + "\n" }.joined().utf8))
    }

    /// UTC to the second, as ISO 8601 writes it.
    static func time(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
