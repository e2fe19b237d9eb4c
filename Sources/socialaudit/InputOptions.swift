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

    /// Reads the configuration, inventory and roster; on any problem, says every one of them on
    /// standard error and exits 2 before anything is written.
    /// The configuration and the inputs it names. `configured` is called with the configuration
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
            Console.inputProblems(error.problems)
            throw ExitCode(2)
        }
    }

    /// Whether the configuration file names a roster (then a missing roster file is an error).
    static func namesRoster(_ url: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["roster"] != nil
    }
}

