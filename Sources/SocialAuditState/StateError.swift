import Foundation

/// Why the state cannot be used, naming the file and what is wrong with it.
public enum StateError: Error, LocalizedError, Equatable {
    /// Another run holds the state file (through this path or any other to the same file).
    case held(path: String, holder: String)
    case cannotOpen(path: String, reason: String)
    /// Written by a newer socialaudit: a migration this version does not know.
    case newerSchema(path: String, migration: String)
    /// The file or its folder cannot be written, so a run could not record itself.
    case notWritable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .held(path, holder): "another run holds the lock on \(path) (\(holder)); try again when it has finished"
        case let .cannotOpen(path, reason): "cannot open the lock file \(path): \(reason)"
        case let .newerSchema(path, migration):
            "the state file \(path) was written by a newer socialaudit (its schema has migration '\(migration)', unknown to this version); "
                + "use that version, or another state file"
        case let .notWritable(path, reason): "the state file \(path) cannot be written (\(reason)); the run stopped before writing any report"
        }
    }
}

/// Files and folders of the state: owner and group only, whatever the umask.
enum StateFiles {
    static let fileMode: mode_t = 0o640
    static let folderMode: mode_t = 0o750

    /// The state's folder and any missing above it, each made 0750.
    static func makeFolders(_ folder: URL) throws {
        var missing: [String] = []
        var current = folder.standardizedFileURL
        var status = stat()
        while stat(current.path, &status) != 0 {
            missing.append(current.path)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        for path in missing.reversed() {
            guard mkdir(path, folderMode) == 0 || errno == EEXIST else {
                throw StateError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            _ = chmod(path, folderMode)
        }
    }

    /// Drops the bits for others from a file the state made or found (an older version made it 0644).
    static func restrict(_ descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & 0o007 != 0 else { return }
        _ = fchmod(descriptor, status.st_mode & 0o770)
    }

    /// Whether a run could record itself: the file (when it exists) and its folder writable, and
    /// not marked read-only by their modes (which root's access checks would not see).
    static func checkWritable(_ state: URL) throws {
        let folder = state.deletingLastPathComponent().path
        var status = stat()
        if stat(state.path, &status) == 0 {
            if status.st_mode & 0o222 == 0 { throw StateError.notWritable(path: state.path, reason: "the file is read-only") }
            if access(state.path, W_OK) != 0 {
                throw StateError.notWritable(path: state.path, reason: String(cString: strerror(errno)))
            }
        }
        if stat(folder, &status) == 0 {
            // SQLite writes its journal beside the file.
            if status.st_mode & 0o200 == 0 { throw StateError.notWritable(path: state.path, reason: "its folder \(folder) is read-only") }
            if access(folder, W_OK) != 0 {
                throw StateError.notWritable(path: state.path, reason: "its folder \(folder): \(String(cString: strerror(errno)))")
            }
        }
    }
}
