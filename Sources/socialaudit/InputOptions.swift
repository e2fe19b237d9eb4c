import ArgumentParser
import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditReport
import SocialAuditRules
import SocialAuditRun
import SocialAuditState
import SocialAuditMail

/// Options that say where the district's inputs are.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file (default: ./socialaudit.json when it exists).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The account inventory, JSON or XML.", valueName: "file"))
    var inventory: String?

    @Option(name: .long, help: ArgumentHelp("The student roster, CSV or JSON.", valueName: "file"))
    var roster: String?

    /// The configuration file to read: `--config`, else `./socialaudit.json` when it exists.
    func configurationURL() throws -> URL? {
        if let config {
            let url = URL(fileURLWithPath: config)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ValidationError("\(config): the configuration file does not exist")
            }
            return url
        }
        let local = URL(fileURLWithPath: ConfigurationReader.defaultFileName)
        return FileManager.default.fileExists(atPath: local.path) ? local : nil
    }

    /// The configuration and the inputs it names; every problem of them in one ``RunError/inputs(_:)``,
    /// before anything is written. `configured` is called with the configuration
    /// before the inventory and roster are read (to start work that needs only the configuration).
    func load(_ overrides: ConfigurationOverrides, configured: (Configuration) -> Void = { _ in }) throws -> DistrictInputs {
        var overrides = overrides
        overrides.inventory = inventory
        overrides.roster = roster
        do {
            let configuration = try ConfigurationReader.load(try configurationURL(), overrides: overrides)
            try configuration.checkOutput()
            configured(configuration)
            let rosterGiven = roster != nil || configuration.file.map(Self.namesRoster) == true
            return try DistrictInputs.load(configuration, rosterGiven: rosterGiven)
        } catch let error as InputError {
            throw RunError.inputs(error.problems.map(\.description))
        }
    }

    /// Whether the configuration file names a roster (then a missing roster file is an error).
    static func namesRoster(_ url: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["roster"] != nil
    }
}

/// Where `run` finds the inputs besides the configuration, inventory and roster; `validate`
/// takes the same options, so that it checks what that run will read.
struct RunPaths: ParsableArguments {
    @Option(help: ArgumentHelp("The folder of archives, one .zip or folder per account.", valueName: "dir"))
    var archives: String?

    @Option(help: ArgumentHelp("Where the reports go: a new or empty folder, or one an earlier run wrote.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("The state file (SQLite) that remembers earlier runs.", valueName: "file"))
    var state: String?

    @Option(help: ArgumentHelp("The review file of reviewed findings.", valueName: "file"))
    var reviews: String?

    @Option(help: ArgumentHelp("A folder of Mustache templates to use instead of the shipped ones.", valueName: "dir"))
    var templates: String?

    var overrides: ConfigurationOverrides {
        ConfigurationOverrides(archives: archives, out: out, state: state, reviews: reviews, templates: templates)
    }
}
