import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a path led to: its device and inode.
public struct FileIdentity: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}

/// A file opened for reading that is known to be a regular file with one name, read no further
/// than the size it had when it was opened.
///
/// A FIFO or a device (a link to `/dev/zero`) would block or never end, and a hard link may be
/// the only name inside the archives of a file that lives anywhere else, so neither is read.
/// The file is checked by `stat` before it is opened (a FIFO or device is never opened at all),
/// opened without blocking, and checked again on the open descriptor, so a file swapped in
/// between is caught too.
public final class RegularFile {
    /// The open descriptor; closed when the file is released.
    public let descriptor: Int32
    /// The size when opened: the most that is ever read.
    public let size: Int
    public let identity: FileIdentity

    /// Opens `path` (following links; whoever lists the files decides which links may be followed).
    /// `expected` is the file the listing found there, when it looked.
    public init(path: String, expected: FileIdentity? = nil) throws(ArchiveFileError) {
        var before = stat()
        guard stat(path, &before) == 0 else {
            throw ArchiveFileError(offset: 0, message: "the file cannot be opened (\(String(cString: strerror(errno))))")
        }
        try Self.check(before, expected: expected)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw ArchiveFileError(offset: 0, message: "the file cannot be opened (\(String(cString: strerror(errno))))")
        }
        var after = stat()
        do throws(ArchiveFileError) {
            guard fstat(fd, &after) == 0 else {
                throw ArchiveFileError(offset: 0, message: "the file cannot be examined (\(String(cString: strerror(errno))))")
            }
            try Self.check(after, expected: FileIdentity(before))
            // Reads from a regular file never wait; blocking mode again is only for good measure.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        } catch {
            close(fd)
            throw error
        }
        descriptor = fd
        size = Int(after.st_size)
        identity = FileIdentity(after)
    }

    deinit { close(descriptor) }

    /// Refuses what is not a regular file with one name, or not the file that was expected.
    static func check(_ status: stat, expected: FileIdentity?) throws(ArchiveFileError) {
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw ArchiveFileError(offset: 0, message: "this is \(describe(type)), not a regular file; it was not opened")
        }
        if status.st_nlink > 1 {
            throw ArchiveFileError(offset: 0, message: "the file has \(status.st_nlink) names (hard links), so it may be a file from outside the archives; it was not read")
        }
        if let expected, expected != FileIdentity(status) {
            throw ArchiveFileError(offset: 0, message: "the file was replaced by another while the archive was being read; it was not read")
        }
    }

    static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a folder"
        case S_IFLNK: "a link"
        default: "a special file"
        }
    }

    /// The path that opens this same file again (for a library that opens files by path): the
    /// descriptor's own entry, so a file swapped in under the name since is never the one opened.
    var reopeningPath: String {
        #if os(Linux)
        "/proc/self/fd/\(descriptor)"
        #else
        "/dev/fd/\(descriptor)"
        #endif
    }

    /// Streams the file's bytes in chunks, from its start, up to the size it had when opened.
    public func read(chunkSize: Int = 1 << 20, _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, chunkSize))
        defer { buffer.deallocate() }
        var delivered = 0
        while delivered < size {
            let count = pread(descriptor, buffer.baseAddress, min(buffer.count, size - delivered), off_t(delivered))
            if count < 0 {
                if errno == EINTR { continue }
                throw ArchiveFileError(offset: delivered, message: "reading failed (\(String(cString: strerror(errno))))")
            }
            if count == 0 {
                throw ArchiveFileError(offset: delivered, message: "the file ended at \(delivered) bytes where its size said \(size): it shrank while it was read")
            }
            try consume(UnsafeBufferPointer(rebasing: buffer[0..<count]))
            delivered += count
        }
        // A file still growing is reported rather than followed.
        var probe: UInt8 = 0
        if pread(descriptor, &probe, 1, off_t(size)) > 0 {
            throw ArchiveFileError(offset: size, message: "the file grew past the \(size) bytes it had when opened; reading stopped there")
        }
    }
}

extension ArchiveSource {
    /// The archive's real path, or why it is not read: an archive reached through a link must lie
    /// in the folder that holds the link (the archives folder), or it is not followed.
    func resolvedInsideItsFolder() -> Result<URL, ArchiveFileError> {
        var status = stat()
        guard lstat(url.path, &status) == 0 else {
            return .failure(ArchiveFileError(offset: 0, message: "the archive cannot be found (\(String(cString: strerror(errno))))"))
        }
        guard status.st_mode & S_IFMT == S_IFLNK else { return .success(url) }
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        let target = url.resolvingSymlinksInPath().path
        guard target.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
            return .failure(ArchiveFileError(offset: 0, message: "the archive is a link that leads outside the archives folder; it was not followed"))
        }
        return .success(URL(fileURLWithPath: target, isDirectory: kind == .folder))
    }
}
