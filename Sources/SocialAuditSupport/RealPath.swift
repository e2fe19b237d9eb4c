import Foundation

/// Paths compared as the file system sees them (the output folder against the inputs, the
/// state's lock): links resolved by realpath(3).
public enum RealPath {
    /// The real path of `url`; for a path that does not exist yet, its nearest existing folder's
    /// real path with the rest appended.
    public static func of(_ url: URL) -> String {
        var missing: [String] = []
        var current = url.standardizedFileURL
        while true {
            if let resolved = realpath(current.path, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                let tail = missing.reversed().joined(separator: "/")
                return tail.isEmpty ? base : (base == "/" ? "/" : base + "/") + tail
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return url.standardizedFileURL.path }
            missing.append(current.lastPathComponent)
            current = parent
        }
    }
}
