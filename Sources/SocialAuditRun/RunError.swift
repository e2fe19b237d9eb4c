import Foundation

/// Why a run stopped, each case with the lines that say it (every one naming its file and
/// place) and the exit code the specification gives it. Nothing is written when a run stops
/// before its reports; later failures say what was left.
public enum RunError: Error, LocalizedError, Equatable {
    /// The archives folder cannot be listed.
    case archivesFolder(String)
    /// Inputs that cannot be used: every problem found, each with its file and place.
    case inputs([String])
    /// Anything else that stops the run (a template, the state file, the reports' folder).
    case stopped(String)
    /// Another run holds the state's lock.
    case locked(String)
    /// The archives folder is missing or holds far fewer archives than the last run read.
    case shrank(String)

    public var exitCode: Int32 {
        switch self {
        case .archivesFolder, .inputs, .stopped: 2
        case .locked: 3
        case .shrank: RunExit.inputsShrank
        }
    }

    /// What the run says on standard error, one line each.
    public var lines: [String] {
        switch self {
        case let .archivesFolder(message): [message + "; nothing was written"]
        case let .inputs(problems): problems + ["\(problems.count) problem\(problems.count == 1 ? "" : "s") in the inputs; nothing was written."]
        case let .stopped(message), let .locked(message), let .shrank(message): [message]
        }
    }

    public var errorDescription: String? { lines.joined(separator: "\n") }
}

/// The exit codes of a run beyond usage (2) and the lock (3), as the spec numbers them.
public enum RunExit {
    public static let failOnMatched: Int32 = 1
    public static let inputsShrank: Int32 = 4
    public static let mailNotDelivered: Int32 = 5
}
