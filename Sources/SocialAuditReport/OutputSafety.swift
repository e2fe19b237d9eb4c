import Foundation
import SocialAuditCore
import SocialAuditSupport

extension OutputFolder {
    /// The file every tree the tool builds holds at its top: only a folder that holds it (or an
    /// empty or missing one) is ever replaced, since replacing removes the old tree whole.
    public static let markerName = ".socialaudit-output"

    /// The marker's text; a run's token follows it, so that an interrupted run can tell whether
    /// its own tree was put in place.
    static let markerText = "socialaudit output folder: replaced whole by each run; do not keep other files here\n"

    /// Why an `--out` is refused; one line, naming the folder.
    public enum Refusal: Error, LocalizedError, Equatable {
        case notMarked(folder: String)
        case notAFolder(folder: String)
        case danglingLink(folder: String)
        case overlaps(folder: String, relation: String, role: String, path: String)

        public var errorDescription: String? {
            switch self {
            case let .notMarked(folder):
                "the output folder \(folder) holds files socialaudit did not write (no \(OutputFolder.markerName)); "
                    + "a run replaces the output folder whole, so name an empty or new folder; nothing was written"
            case let .notAFolder(folder):
                "the output folder \(folder) is not a folder; nothing was written"
            case let .danglingLink(folder):
                "the output folder \(folder) is a link that leads nowhere; nothing was written"
            case let .overlaps(folder, relation, role, path):
                "the output folder \(folder) \(relation) \(role) (\(path)); a run replaces the output folder whole, "
                    + "so it must be a folder of its own; nothing was written"
            }
        }
    }

    /// A place the output folder must keep apart from.
    public struct Protected: Sendable {
        public enum Kind: Sendable {
            /// Read as input (archives, templates): the reports may be neither it, nor hold it, nor lie in it.
            case input
            /// Holds the district's files (the configuration's and the state's folders, input files):
            /// the reports may be neither it nor hold it; a folder of their own inside it is the usual layout.
            case holder
        }

        public var role: String
        public var url: URL
        public var kind: Kind

        public init(_ role: String, _ url: URL, _ kind: Kind) {
            self.role = role
            self.url = url
            self.kind = kind
        }
    }

    /// Refuses an output folder that a run could not replace without removing what it did not
    /// write. Paths are compared as resolved real paths, so links and `..` do not hide an overlap.
    public static func check(_ out: URL, apartFrom protected: [Protected]) throws(Refusal) {
        let shown = out.path
        var status = stat()
        if lstat(out.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK, stat(out.path, &status) != 0 {
            throw .danglingLink(folder: shown)
        }
        let real = RealPath.of(out)
        for place in protected {
            let other = RealPath.of(place.url)
            if real == other { throw .overlaps(folder: shown, relation: "is", role: place.role, path: place.url.path) }
            if other.hasPrefix(real == "/" ? "/" : real + "/") {
                throw .overlaps(folder: shown, relation: "holds", role: place.role, path: place.url.path)
            }
            if place.kind == .input, real.hasPrefix(other + "/") {
                throw .overlaps(folder: shown, relation: "lies inside", role: place.role, path: place.url.path)
            }
        }
        guard stat(out.path, &status) == 0 else { return }  // a new folder
        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw .notAFolder(folder: shown) }
        guard isEmpty(out.path) || isMarked(out.path) || isEarlierTree(out.path) else { throw .notMarked(folder: shown) }
    }

    /// The names at the top of a tree an earlier version wrote, before trees were marked.
    static let earlierNames: Set<String> = ["index.html", "findings.csv", "findings.json", "run.json", "schools", "mail"]

    /// A tree written by a version from before the marker, so that an installed nightly run
    /// goes on after the upgrade: nothing at its top but what those versions wrote, and a
    /// run.json of theirs. It is replaced by a marked tree at the next run.
    static func isEarlierTree(_ folder: String) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder), names.contains("run.json"),
              names.allSatisfy(earlierNames.contains),
              let data = FileManager.default.contents(atPath: folder + "/run.json"), data.count < 64 << 20,
              let run = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return ["asOf", "startedAt", "finishedAt", "bySeverity", "findings"].allSatisfy { run[$0] != nil }
    }

    /// Whether the folder holds the marker, as a file of its own (not a link planted there).
    static func isMarked(_ folder: String) -> Bool {
        var status = stat()
        guard lstat(folder + "/" + markerName, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
        return marker(of: folder)?.hasPrefix(markerText) == true
    }

    /// The marker's text, bounded: it is one line and a token.
    static func marker(of folder: String) -> String? {
        let fd = open(folder + "/" + markerName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = read(fd, &buffer, buffer.count)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
    }

    /// The run token a tree's marker names, if any.
    public static func token(of folder: URL) -> String? {
        guard let text = marker(of: RealPath.of(folder)), text.hasPrefix(markerText) else { return nil }
        let rest = text.dropFirst(markerText.count).trimmingCharacters(in: .whitespacesAndNewlines)
        return rest.hasPrefix("run ") ? String(rest.dropFirst(4)) : nil
    }

    static func isEmpty(_ folder: String) -> Bool {
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name != "." && name != ".." { return false }
        }
        return true
    }

}
