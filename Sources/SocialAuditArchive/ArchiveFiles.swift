import CLibZ
import Foundation
import SocialAuditCore
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An archive as handed over: the zip that Twitter/X gives out, or that zip extracted into a folder.
public struct ArchiveSource: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case zip
        case folder
    }

    public var url: URL
    public var kind: Kind

    public init(url: URL, kind: Kind) {
        self.url = url
        self.kind = kind
    }

    /// Tells a zip from a folder by what is at the path.
    public init(url: URL) {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        self.init(url: url, kind: exists && isDirectory.boolValue ? .folder : .zip)
    }

    /// The file or folder name, which is how people recognise an archive.
    public var name: String { url.lastPathComponent }
}

/// The files of one archive, read in place: from the zip without extracting, or from the folder.
protocol ArchiveFiles {
    /// Paths relative to the archive's top, with `/` separators, media folders left out.
    func paths() -> [String]
    /// Streams a file's bytes in chunks. Throws ``ArchiveFileError`` when the file cannot be read
    /// to its end; the chunks before the fault have been handed on.
    func read(_ path: String, _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) throws
}

/// Why a file inside an archive could not be read to its end.
public struct ArchiveFileError: Error, Sendable {
    /// Bytes handed on before the fault.
    public var offset: Int
    public var message: String
}

/// Folders of media and of the archive's viewer: never read, so never listed.
func isSkippedFolder(_ name: String) -> Bool {
    name.hasSuffix("_media") || name == "assets" || name == "__MACOSX"
}

/// A zip archive read through ZIPFoundation, entry by entry, with nothing written to disk.
final class ZipArchiveFiles: ArchiveFiles {
    /// The zip file, held open so that every view of it reads this same file.
    private let file: RegularFile
    private let archive: Archive
    /// The entries, listed once and shared by every view of the zip.
    private let entries: [String: Entry]
    let limits: ZipLimits

    init(url: URL, limits: ZipLimits = ZipLimits()) throws {
        self.limits = limits
        file = try RegularFile(path: url.path)
        archive = try Self.open(file)
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            let path = entry.path.replacingOccurrences(of: "\\", with: "/")
            let components = path.split(separator: "/")
            if components.dropLast().contains(where: { isSkippedFolder(String($0)) }) { continue }
            entries[path] = entry
        }
        self.entries = entries
    }

    /// Another view of the same zip for another thread (ZIPFoundation's reads seek a shared
    /// file): its own handle on the same open file, and the entries as they were listed.
    private init(sharing other: ZipArchiveFiles) throws {
        file = other.file
        limits = other.limits
        entries = other.entries
        archive = try Self.open(file)
    }

    func reopened() throws -> ZipArchiveFiles {
        try ZipArchiveFiles(sharing: self)
    }

    private static func open(_ file: RegularFile) throws -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: file.reopeningPath), accessMode: .read)
        } catch {
            throw ArchiveFileError(offset: 0, message: describeOpenError(file, error))
        }
    }

    private static func describeOpenError(_ file: RegularFile, _ error: Error) -> String {
        var head = [UInt8](repeating: 0, count: 4)
        let count = pread(file.descriptor, &head, 4, 0)
        if count <= 0 { return "the file is empty; expected a zip archive" }
        if count < 2 || head[0] != 0x50 || head[1] != 0x4B {
            return "this is not a zip archive (it does not start with a zip signature)"
        }
        return "the zip archive is damaged: its central directory cannot be read (\(error))"
    }

    func paths() -> [String] { entries.keys.sorted() }

    func read(_ path: String, _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard let entry = entries[path] else {
            throw ArchiveFileError(offset: 0, message: "the file is not in the archive")
        }
        // A zip bomb is refused before a byte is inflated: an entry larger than the cap, or one
        // that claims to inflate far more than any real archive data compresses.
        let declared = entry.uncompressedSize
        if declared > limits.maximumEntryBytes {
            throw ArchiveFileError(offset: 0, message: "the zip entry would inflate to \(declared) bytes, over the limit of \(limits.maximumEntryBytes); it was not read")
        }
        if declared >= limits.ratioCheckAbove, entry.compressedSize > 0, declared / entry.compressedSize > limits.maximumRatio {
            throw ArchiveFileError(offset: 0, message: "the zip entry would inflate \(declared / entry.compressedSize) times its size (\(entry.compressedSize) to \(declared) bytes), like a zip bomb; it was not read")
        }
        var delivered = 0
        // The CRC is computed here with zlib's crc32: ZIPFoundation's own on Linux is a Swift table
        // loop, and it does not compare it with the entry's.
        var crc: UInt = 0
        do {
            _ = try archive.extract(entry, bufferSize: 256 * 1024, skipCRC32: true) { data in
                // An entry whose header understates its size stops at the size it declared.
                if UInt64(delivered + data.count) > declared {
                    throw ArchiveFileError(offset: delivered, message: "the zip entry inflates past the \(declared) bytes its header declares; reading stopped there")
                }
                try data.withUnsafeBytes { raw in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    crc = Self.crc32(crc, bytes)
                    try consume(bytes)
                }
                delivered += data.count
            }
        } catch let error as ArchiveFileError {
            throw error
        } catch let error as Archive.ArchiveError {
            throw ArchiveFileError(offset: delivered, message: "the zip entry is damaged and cannot be read to its end (\(error))")
        } catch {
            // ZIPFoundation's inflate and read errors (not all of them public).
            throw ArchiveFileError(offset: delivered, message: "the zip entry's data is damaged and cannot be read to its end (\(error))")
        }
        // ZIPFoundation computes the CRC of what it extracted but does not compare it.
        let checksum = UInt32(truncatingIfNeeded: crc)
        if checksum != entry.checksum {
            throw ArchiveFileError(offset: delivered, message: String(
                format: "the zip entry's checksum does not match (CRC32 %08x, expected %08x): its data is damaged",
                checksum, entry.checksum))
        }
        if UInt64(delivered) != entry.uncompressedSize {
            throw ArchiveFileError(offset: delivered, message: "the zip entry holds \(delivered) bytes where its header says \(entry.uncompressedSize)")
        }
    }
}

extension ZipArchiveFiles {
    static func crc32(_ crc: UInt, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt {
        CLibZ.crc32_z(crc, bytes.baseAddress, bytes.count)
    }
}

/// An extracted archive folder. Links are followed only when they stay inside the folder; every
/// file is opened as a ``RegularFile``, and must still be the file the listing found.
final class FolderArchiveFiles: ArchiveFiles {
    private let root: URL
    private let rootPath: String
    private var files: [String] = []
    /// The file each listed path led to when it was listed.
    private var identities: [String: FileIdentity] = [:]
    /// Problems found while listing (links out of the archive, folders named like data files).
    private(set) var listingProblems: [(path: String, message: String)] = []

    init(url: URL) {
        root = url.standardizedFileURL
        rootPath = root.resolvingSymlinksInPath().path
        collect(relative: "")
        files.sort()
    }

    private func collect(relative: String) {
        let folder = relative.isEmpty ? root : root.appendingPathComponent(relative)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.sorted() {
            let rel = relative.isEmpty ? name : relative + "/" + name
            let path = root.appendingPathComponent(rel).path
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFLNK {
                let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                guard target == rootPath || target.hasPrefix(rootPath + "/") else {
                    listingProblems.append((rel, "a link that points outside the archive; not followed"))
                    continue
                }
                guard stat(target, &status) == 0 else { continue }
                // Links to folders are not descended, so a loop of links cannot trap the reader.
                if status.st_mode & S_IFMT == S_IFDIR {
                    if name.hasSuffix(".js") { reportFolderNamedLikeData(rel) }
                    continue
                }
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                if isSkippedFolder(name) { continue }
                if name.hasSuffix(".js") {
                    reportFolderNamedLikeData(rel)
                    continue
                }
                collect(relative: rel)
            } else {
                // Special files are listed too: opening refuses them, with the file named.
                files.append(rel)
                identities[rel] = FileIdentity(status)
            }
        }
    }

    private func reportFolderNamedLikeData(_ rel: String) {
        listingProblems.append((rel, "a folder where a data file of this name belongs; it was not read"))
    }

    func paths() -> [String] { files }

    func read(_ path: String, _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let file = try RegularFile(path: root.appendingPathComponent(path).path, expected: identities[path])
        try file.read(consume)
    }
}

/// Limits on what a zip entry may inflate to (zip bombs).
public struct ZipLimits: Sendable {
    /// No entry is inflated past this many bytes (real tweet files reach a few gigabytes at most).
    public var maximumEntryBytes: UInt64
    /// Entries of at least `ratioCheckAbove` bytes may not inflate more than this many times their
    /// compressed size (tweet JSON compresses about 15 times; a bomb, thousands).
    public var maximumRatio: UInt64
    public var ratioCheckAbove: UInt64

    public init(maximumEntryBytes: UInt64 = 16 << 30, maximumRatio: UInt64 = 200, ratioCheckAbove: UInt64 = 64 << 20) {
        self.maximumEntryBytes = maximumEntryBytes
        self.maximumRatio = maximumRatio
        self.ratioCheckAbove = ratioCheckAbove
    }
}
