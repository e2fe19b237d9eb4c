import Crypto
import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditSupport

/// An archive's content, for incremental runs: its size and last modification (cheap to read)
/// and, for an archive that was once seen copied again at its size, SHA-256 of the zip file or
/// over the data files of an extracted folder (path and digest, in path order; media are not
/// read by the audit and not hashed), streamed in 1 MiB pieces.
///
/// A nightly run first compares size and modification time with what the state remembers, as
/// `make` and `rsync` do: when both are unchanged the archive is taken as unchanged without
/// reading a byte of it. Otherwise the hash decides, where there is one (an archive copied again
/// every night, with a new time but the same bytes, is read the first time and hashed then, and
/// not read again after). `--full` reads every archive whatever the state says.
enum ArchiveContent {
    struct Signature {
        var size: Int64
        var modified: Double
        /// Nil where the archive was not hashed (see ``DistrictAudit/read(_:listing:stored:content:key:district:partWorkers:pass:)``).
        var hash: String?
    }

    /// The files whose bytes make the content, in order, with their total size and latest time.
    struct Listing {
        var files: [URL]
        var size: Int64
        var modified: Double
    }

    static func listing(_ source: ArchiveSource) -> Listing? {
        let manager = FileManager.default
        var files: [URL] = []
        switch source.kind {
        case .zip:
            files = [source.url]
        case .folder:
            guard let enumerator = manager.enumerator(at: source.url, includingPropertiesForKeys: [.isRegularFileKey]) else { return nil }
            for case let url as URL in enumerator where url.pathExtension == "js" {
                files.append(url)
            }
            files.sort { $0.path < $1.path }
        }
        var size: Int64 = 0
        var modified: Double = 0
        for url in files {
            guard let (fileSize, fileModified) = sizeAndTime(url.path) else { return nil }
            size += fileSize
            modified = max(modified, fileModified)
        }
        return Listing(files: files, size: size, modified: modified)
    }

    /// A file's size and modification time, by `stat`: `FileManager.attributesOfItem` also looks
    /// up the owner's and group's names (reading the password and group files), most of the
    /// time a nightly run spent on each unchanged archive. The time is the `Date` that
    /// FileManager gives, to the last bit (a test holds them together): the state compares it.
    static func sizeAndTime(_ path: String) -> (size: Int64, modified: Double)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let time = Date(timeIntervalSinceReferenceDate: Double(status.st_mtim.tv_sec) - Date.timeIntervalBetween1970AndReferenceDate
                        + Double(status.st_mtim.tv_nsec) / 1_000_000_000)
        return (Int64(status.st_size), time.timeIntervalSince1970)
    }

    /// `known`: SHA-256 of data files already read (``ArchiveReading/digests``, by path in the
    /// archive); the others are read here. A folder's hash is over each file's path and digest.
    static func signature(_ source: ArchiveSource, _ listing: Listing, known: [String: [UInt8]] = [:]) -> Signature? {
        if source.kind == .zip {
            guard listing.files.count == 1, let digest = fileDigest(listing.files[0]) else { return nil }
            return Signature(size: listing.size, modified: listing.modified, hash: digest.hexString)
        }
        var hasher = SHA256()
        for url in listing.files {
            let digest: [UInt8]
            if let read = known[String(url.path.dropFirst(source.url.path.count + 1))] {
                digest = read
            } else {
                guard let made = fileDigest(url) else { return nil }
                digest = made
            }
            hasher.update(data: Array((String(url.path.dropFirst(source.url.path.count)) + "\n").utf8))
            hasher.update(data: digest)
        }
        return Signature(size: listing.size, modified: listing.modified, hash: hasher.finalize().hexString)
    }

    /// A file's SHA-256, opened as the reader opens files: a FIFO, a device, a hard link or a file
    /// that keeps growing has none (and its archive is read again next run).
    private static func fileDigest(_ url: URL) -> [UInt8]? {
        guard let file = try? RegularFile(path: url.path) else { return nil }
        var hasher = SHA256()
        do {
            try file.read { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        } catch {
            return nil
        }
        return Array(hasher.finalize())
    }
}

extension ArchiveContent.Signature {
    init(_ listing: ArchiveContent.Listing, hash: String?) {
        self.init(size: listing.size, modified: listing.modified, hash: hash)
    }
}
