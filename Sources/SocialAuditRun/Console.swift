import Foundation
import Logging
import SocialAuditCore

/// Standard error, for messages and logs; standard output carries the results. Every line says
/// its level; when standard error is not a terminal (cron's log file, a pipe) it also starts with
/// the time, so that a night's lines can be found and read in order.
public enum Console {
    /// Every message goes through swift-log, to one handler that writes these lines.
    public static let logger: Logger = {
        LoggingSystem.bootstrap { _ in ConsoleLogHandler(timestamps: isatty(STDERR_FILENO) != 1) }
        return Logger(label: "socialaudit")
    }()

    public static func error(_ message: String) {
        logger.error("\(message)")
    }

    public static func warning(_ message: String) {
        logger.warning("\(message)")
    }

    /// A line worth keeping in the log although nothing is wrong (a run done, `--fail-on` matched).
    public static func notice(_ message: String) {
        logger.notice("\(message)")
    }

    /// Whether standard error is a terminal (someone is watching), rather than a log.
    public static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A progress line on standard error, only when it is a terminal (never under cron);
    /// nil clears it.
    public static func progress(_ message: String?) {
        guard isTerminal else { return }
        let text = message.map { "\r\u{1B}[K" + $0 } ?? "\r\u{1B}[K"
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// `2026-12-02T02:30:04Z socialaudit: error: …` (the time only in a log), one line per line of
/// the message, so that no line of the log is without its time and level.
public struct ConsoleLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .notice
    let timestamps: Bool

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var prefix = "socialaudit: \(event.level.rawValue): "
        if timestamps { prefix = TwitterDate.iso8601(Date()) + " " + prefix }
        let lines = "\(event.message)".split(separator: "\n", omittingEmptySubsequences: false)
        FileHandle.standardError.write(Data(lines.map { prefix + $0 + "\n" }.joined().utf8))
    }
}
