import Foundation
import SocialAuditCore

/// Finds the archives in the archives folder: every `.zip` file and every folder, one per account.
public enum ArchiveDiscovery {
    /// What the archives folder holds.
    public struct Listing: Sendable {
        /// The archives, sorted by name so that every run reads them in the same order.
        public var sources: [ArchiveSource]
        /// Files that are neither a zip nor a folder (hidden files are passed over silently).
        public var ignored: [String]
    }

    public enum DiscoveryError: Error, LocalizedError, Equatable {
        case notAFolder(String)
        case unreadable(String, String)

        public var errorDescription: String? {
            switch self {
            case let .notAFolder(path): "\(path): the archives folder does not exist or is not a folder"
            case let .unreadable(path, reason): "\(path): the archives folder cannot be read (\(reason))"
            }
        }
    }

    /// Refuses a folder a run could not list (missing, not a folder, unreadable): `run` before it
    /// reads anything, and `validate`, say the same.
    public static func checkFolder(_ folder: URL) throws(DiscoveryError) {
        _ = try names(in: folder)
    }

    public static func list(_ folder: URL) throws -> Listing {
        let names = try names(in: folder)
        var listing = Listing(sources: [], ignored: [])
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                listing.sources.append(ArchiveSource(url: url, kind: .folder))
            } else if name.lowercased().hasSuffix(".zip") {
                listing.sources.append(ArchiveSource(url: url, kind: .zip))
            } else {
                listing.ignored.append(name)
            }
        }
        return listing
    }

    private static func names(in folder: URL) throws(DiscoveryError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiscoveryError.notAFolder(folder.path)
        }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw DiscoveryError.unreadable(folder.path, error.localizedDescription)
        }
    }
}
