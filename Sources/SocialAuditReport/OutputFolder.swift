import Foundation
import SocialAuditCore
import SocialAuditSupport

/// Replaces an output folder's files all at once: they are written to a fresh folder beside it,
/// which then takes the old one's place, so a run that fails or is killed leaves the previous
/// run's files as they were, never a mix.
public enum OutputFolder {
    /// A new tree for `folder`, written beside it file by file (from any task: a run writes
    /// each page as soon as it is rendered), then put in the folder's place all at once. Files
    /// are readable by the owner and group only (0640, folders 0750): the reports name students
    /// by handle. Only the folders made go through the actor; the files are written in parallel.
    public actor Staging {
        public let folder: URL
        private let path: String
        private var made: Set<String>

        /// Makes the staging folder (and the output folder's parent when it is missing), with
        /// the marker naming the tool and `token`. A link given as the folder is written through:
        /// the tree takes its target's place, the link stays.
        public init(_ given: URL, token: String = "") throws {
            let folder = URL(fileURLWithPath: RealPath.of(given))
            self.folder = folder
            let parent = folder.deletingLastPathComponent()
            if !exists(parent.path) {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            }
            path = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(getpid())").path
            if exists(path) { try? FileManager.default.removeItem(atPath: path) }
            Self.removeLeftovers(of: folder)
            try makeFolder(path)
            made = [path]
            let marker = Array((markerText + (token.isEmpty ? "" : "run \(token)\n")).utf8)
            try marker.withUnsafeBytes { try OutputFolder.writeFile(path + "/" + markerName, $0) }
        }

        /// The trees a killed run left beside the folder (`.<name>.new-<pid>` being written,
        /// `.<name>.old-<pid>` being removed) whose process is gone: they hold reports too.
        static func removeLeftovers(of folder: URL) {
            let parent = folder.deletingLastPathComponent().path
            let prefixes = [".\(folder.lastPathComponent).new-", ".\(folder.lastPathComponent).old-"].map { Array($0.utf8) }
            // readdir, each name's bytes tested against the prefixes: the output folder's parent may
            // be a busy folder (a web root, /tmp), and FileManager's listing makes a String of every
            // name in it (for a parent of thousands of entries, most of a nightly run).
            guard let directory = opendir(parent) else { return }
            var leftovers: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> String? in
                    let bytes = raw.prefix(while: { $0 != 0 })
                    guard prefixes.contains(where: { bytes.starts(with: $0) }) else { return nil }
                    return String(decoding: bytes, as: UTF8.self)
                }
                if let name { leftovers.append(name) }
            }
            closedir(directory)
            for name in leftovers {
                guard let pid = Int32(name.dropFirst(prefixes[0].count)), pid > 0, pid != getpid(),
                      kill(pid, 0) != 0, errno == ESRCH else { continue }
                try? FileManager.default.removeItem(atPath: parent + "/" + name)
            }
        }

        /// One file of the tree, by its path in the tree; its folders are made on the way.
        public nonisolated func write(_ relative: String, _ bytes: [UInt8]) async throws {
            let file = try await place(relative)
            try bytes.withUnsafeBytes { try writeFile(file, $0) }
        }

        /// A page, as it was rendered.
        nonisolated func write(_ relative: String, text: String) async throws {
            let file = try await place(relative)
            var text = text
            try text.withUTF8 { try writeFile(file, UnsafeRawBufferPointer($0)) }
        }

        /// Where a file of the tree goes, each folder on the way made once, before any file in it
        /// (other tasks write meanwhile).
        private func place(_ relative: String) throws -> String {
            // Paths come from ids (school ids, report names): none may leave the output folder.
            let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
            guard !relative.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: relative])
            }
            var folder = path
            for part in parts.dropLast() {
                folder += "/" + part
                if !made.contains(folder) {
                    try makeFolder(folder)
                    made.insert(folder)
                }
            }
            return folder + "/" + parts.last!
        }

        /// The tree written so far, removed: a run that cannot finish its tree (a full disk, say)
        /// leaves nothing half-written.
        public nonisolated func abandon() {
            try? FileManager.default.removeItem(atPath: path)
        }

        /// Puts the tree in the folder's place. The swap is two renames (FileManager's moveItem
        /// checks and copies attributes first). Gives the previous tree, moved aside, for the
        /// caller to remove (``removePrevious(_:)``) while it finishes the run.
        public nonisolated func commit() throws -> URL? {
            guard exists(folder.path) else {
                try move(path, to: folder.path)
                return nil
            }
            // Checked when the run began; checked again, since the old tree is removed whole.
            guard isEmpty(folder.path) || isMarked(folder.path) || isEarlierTree(folder.path) else {
                throw Refusal.notMarked(folder: folder.path)
            }
            let old = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).old-\(getpid())")
            if exists(old.path) { try? FileManager.default.removeItem(at: old) }
            try move(folder.path, to: old.path)
            do {
                try move(path, to: folder.path)
            } catch {
                try? move(old.path, to: folder.path)
                throw error
            }
            return old
        }
    }

    /// A previous tree that ``Staging/commit()`` moved aside, removed.
    public static func removePrevious(_ tree: URL?) {
        if let tree { try? FileManager.default.removeItem(at: tree) }
    }

    /// The whole tree of an interrupted run, left beside `folder` by a process that is gone,
    /// when its marker names `token`: put in the folder's place. Whether it was.
    public static func finishInterrupted(_ folder: URL, token: String) -> Bool {
        let real = URL(fileURLWithPath: RealPath.of(folder))
        let parent = real.deletingLastPathComponent().path
        let prefix = ".\(real.lastPathComponent).new-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return false }
        for name in names where name.hasPrefix(prefix) {
            let tree = parent + "/" + name
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH,
                  self.token(of: URL(fileURLWithPath: tree)) == token else { continue }
            if exists(real.path) {
                guard isEmpty(real.path) || isMarked(real.path) || isEarlierTree(real.path) else { return false }
                let old = parent + "/.\(real.lastPathComponent).old-\(getpid())"
                guard (try? move(real.path, to: old)) != nil else { return false }
                guard (try? move(tree, to: real.path)) != nil else {
                    try? move(old, to: real.path)
                    return false
                }
                try? FileManager.default.removeItem(atPath: old)
            } else {
                guard (try? move(tree, to: real.path)) != nil else { return false }
            }
            return true
        }
        return false
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

    /// One new file, written with `open` and `write` rather than `FileManager.createFile`, which
    /// writes each file to a temporary name, syncs it to disk and renames it: a whole new file
    /// for every file of a staging folder that itself takes the old one's place at the end.
    /// That sync per file was most of the time spent writing a nightly run's reports. The reports
    /// are remade from the state on every run; the state itself (SQLite) is synced on commit.
    static func writeFile(_ path: String, _ buffer: UnsafeRawBufferPointer) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw posixError(errno, path) }
        defer { close(fd) }
        // 0640 whatever the umask, as the folders' 0750.
        guard fchmod(fd, 0o640) == 0 else { throw posixError(errno, path) }
        var written = 0
        while written < buffer.count {
            let count = write(fd, buffer.baseAddress! + written, buffer.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw posixError(errno, path)
            }
            written += count
        }
    }

    private static func posixError(_ code: Int32, _ path: String) -> Error {
        NSError(domain: NSPOSIXErrorDomain, code: Int(code),
                userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(code)))"])
    }
}
