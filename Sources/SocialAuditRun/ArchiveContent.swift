import Foundation
import SocialAuditArchive
import SocialAuditCore

/// An archive's content hash, for incremental runs: SHA-256 over the zip file's bytes, or over
/// the data files of an extracted folder (path and bytes, in path order; media are not read
/// by the audit and not hashed). Streamed in 1 MiB pieces.
enum ArchiveContent {
    struct Signature {
        var size: Int64
        var modified: Double
        var hash: String
    }

    static func signature(_ source: ArchiveSource) -> Signature? {
        let manager = FileManager.default
        var hasher = SHA256()
        var size: Int64 = 0
        var modified: Double = 0
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
        for url in files {
            guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
            defer { try? handle.close() }
            if source.kind == .folder {
                hasher.update(String(url.path.dropFirst(source.url.path.count)) + "\n")
            }
            if let attributes = try? manager.attributesOfItem(atPath: url.path) {
                size += (attributes[.size] as? NSNumber)?.int64Value ?? 0
                modified = max(modified, (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
            }
            while true {
                guard let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
                chunk.withUnsafeBytes { hasher.update($0) }
            }
        }
        return Signature(size: size, modified: modified, hash: SHA256.hexString(hasher.finalize()))
    }
}
