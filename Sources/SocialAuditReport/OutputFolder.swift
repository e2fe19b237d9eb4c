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
            try write(files, into: staging, manager: manager)
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

    private static func write(_ files: [String: [UInt8]], into staging: URL, manager: FileManager) throws {
        let folderMode: [FileAttributeKey: Any] = [.posixPermissions: 0o750]
        try manager.createDirectory(at: staging, withIntermediateDirectories: true, attributes: folderMode)
        for path in files.keys.sorted() {
            // Paths come from ids (school ids, report names): none may leave the output folder.
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: path])
            }
            let url = staging.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: folderMode)
            guard manager.createFile(atPath: url.path, contents: Data(files[path]!), attributes: [.posixPermissions: 0o640]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
    }
}
