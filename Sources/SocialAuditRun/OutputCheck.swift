import Foundation
import SocialAuditInventory
import SocialAuditReport

extension Configuration {
    /// The places the output folder must keep apart from. The archives and templates are read
    /// as input, so the reports may not lie inside them either; the configuration's and the
    /// state's folders hold the district's files, and a folder of the reports' own inside them
    /// is the usual layout (`out/` beside `socialaudit.json`), so only being or holding them is refused.
    public var protectedPlaces: [OutputFolder.Protected] {
        var places: [OutputFolder.Protected] = [
            .init("the archives folder", archives, .input),
            .init("the state file's folder", state.deletingLastPathComponent(), .holder),
            .init("the state file", state, .holder),
            .init("the inventory", inventory, .holder),
            .init("the roster", roster, .holder),
            .init("the review file", reviews, .holder),
        ]
        if let file {
            // First, so that `--out .` is named for what it is.
            places.insert(contentsOf: [.init("the configuration's folder", file.deletingLastPathComponent(), .holder),
                                       .init("the configuration file", file, .holder)], at: 0)
        }
        if templatesGiven || FileManager.default.fileExists(atPath: templates.path) {
            places.append(.init("the templates folder", templates, .input))
        }
        return places
    }

    /// Refuses an output folder a run could not replace without removing what it did not write:
    /// said on one line, exit 2, before anything is read or written.
    public func checkOutput() throws(RunError) {
        do {
            try OutputFolder.check(out, apartFrom: protectedPlaces)
        } catch {
            throw .stopped(error.localizedDescription)
        }
    }
}
