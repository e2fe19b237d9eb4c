import Foundation

/// Replaces an output folder's files all at once: they are written to a fresh folder beside it,
/// which then takes the old one's place, so a run that fails or is killed leaves the previous
/// run's files as they were, never a mix.
public enum OutputFolder {
    /// Writes `files` (relative path → bytes) as the new content of `folder`. Files are readable
    /// by the owner and group only (0640, folders 0750): the reports name students by handle.
    public static func replace(_ folder: URL, with files: [String: [UInt8]]) throws {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        do {
            try writeTree(files, into: staging, manager: manager)
        } catch {
            // A run that cannot finish its tree (a full disk, say) leaves nothing half-written.
            try? manager.removeItem(at: staging)
            throw error
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

    private static func writeTree(_ files: [String: [UInt8]], into staging: URL, manager: FileManager) throws {
        let folderMode: [FileAttributeKey: Any] = [.posixPermissions: 0o750]
        try manager.createDirectory(at: staging, withIntermediateDirectories: true, attributes: folderMode)
        var made: Set<String> = [staging.path]
        for path in files.keys.sorted() {
            // Paths come from ids (school ids, report names): none may leave the output folder.
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: path])
            }
            let url = staging.appendingPathComponent(path)
            let folder = url.deletingLastPathComponent()
            if made.insert(folder.path).inserted {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: folderMode)
            }
            try writeFile(url.path, files[path]!)
        }
    }

    /// One new file, written with `open` and `write` rather than `FileManager.createFile`, which
    /// writes each file to a temporary name, syncs it to disk and renames it: a whole new file
    /// for every file of a staging folder that itself takes the old one's place at the end.
    /// That sync per file was most of the time spent writing a nightly run's reports. The reports
    /// are remade from the state on every run; the state itself (SQLite) is synced on commit.
    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw posixError(errno, path) }
        defer { close(fd) }
        // 0640 whatever the umask, as the folders' 0750.
        guard fchmod(fd, 0o640) == 0 else { throw posixError(errno, path) }
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw posixError(errno, path)
                }
                written += count
            }
        }
    }

    private static func posixError(_ code: Int32, _ path: String) -> Error {
        NSError(domain: NSPOSIXErrorDomain, code: Int(code),
                userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(code)))"])
    }
}
