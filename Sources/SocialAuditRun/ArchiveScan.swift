import Foundation
import SocialAuditArchive

/// `socialaudit scan`: what each archive holds, read but not audited.
public enum ArchiveScan {
    /// The summary of every archive given: an archive (a .zip, or a folder holding `data/`), or a
    /// folder of archives, whose other entries are named as ignored.
    public static func render(_ paths: [String]) throws(RunError) -> String {
        var readings: [ArchiveReading] = []
        var ignored: [String] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw .stopped("\(path): no such file or folder")
            }
            let isArchiveFolder = isDirectory.boolValue
                && FileManager.default.fileExists(atPath: url.appendingPathComponent("data").path)
            guard isDirectory.boolValue && !isArchiveFolder else {
                readings.append(ArchiveReader(url: url).summarize())
                continue
            }
            do {
                let listing = try ArchiveDiscovery.list(url)
                ignored += listing.ignored
                readings += listing.sources.map { ArchiveReader(source: $0).summarize() }
            } catch {
                throw .stopped(error.localizedDescription)
            }
        }
        return ReadingSummary.render(readings, ignored: ignored)
    }
}
