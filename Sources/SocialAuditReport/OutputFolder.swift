import Foundation
import SocialAuditCore

/// Replaces an output folder's files all at once: they are written to a fresh folder beside it,
/// which then takes the old one's place, so a run that fails or is killed leaves the previous
/// run's files as they were, never a mix.
public enum OutputFolder {
    /// Writes `files` (relative path → bytes) as the new content of `folder`. Files are readable
    /// by the owner and group only (0640, folders 0750): the reports name students by handle.
    ///
    /// The previous tree is removed on a thread of its own once the new one is in its place:
    /// wait for the returned ``Background`` before the process ends.
    @discardableResult
    public static func replace(_ folder: URL, with files: [String: [UInt8]]) throws -> Background<Void>? {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        if !exists(parent.path) {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        }
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(getpid())")
        if exists(staging.path) { try? manager.removeItem(at: staging) }
        do {
            try writeTree(files, into: staging)
        } catch {
            // A run that cannot finish its tree (a full disk, say) leaves nothing half-written.
            try? manager.removeItem(at: staging)
            throw error
        }
        // The swap is two renames (FileManager's moveItem checks and copies attributes first).
        guard exists(folder.path) else {
            try move(staging.path, to: folder.path)
            return nil
        }
        let old = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(getpid())")
        if exists(old.path) { try? manager.removeItem(at: old) }
        try move(folder.path, to: old.path)
        do {
            try move(staging.path, to: folder.path)
        } catch {
            try? move(old.path, to: folder.path)
            throw error
        }
        return Background { try? FileManager.default.removeItem(at: old) }
    }

    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    private static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else { throw posixError(errno, to) }
    }

    /// A folder of the tree, 0750 whatever the umask.
    private static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o750) == 0 || errno == EEXIST else { throw posixError(errno, path) }
        guard chmod(path, 0o750) == 0 else { throw posixError(errno, path) }
    }

    private static func writeTree(_ files: [String: [UInt8]], into staging: URL) throws {
        try makeFolder(staging.path)
        var made: Set<String> = [staging.path]
        for path in files.keys.sorted() {
            // Paths come from ids (school ids, report names): none may leave the output folder.
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: path])
            }
            // Each folder on the way, once.
            var folder = staging.path
            for part in parts.dropLast() {
                folder += "/" + part
                if made.insert(folder).inserted { try makeFolder(folder) }
            }
            try writeFile(folder + "/" + parts.last!, files[path]!)
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
