import Foundation
import SocialAuditInventory

/// Where the district's inputs are, as the command line gives them: the configuration file
/// (`--config`, else `./socialaudit.json` when it exists) and files that override its inventory
/// and roster.
public struct InputLocation: Sendable {
    public var config: String?
    public var inventory: String?
    public var roster: String?

    public init(config: String?, inventory: String? = nil, roster: String? = nil) {
        (self.config, self.inventory, self.roster) = (config, inventory, roster)
    }

    /// The configuration file to read: `--config`, else `./socialaudit.json` when it exists.
    public func configurationURL() throws(RunError) -> URL? {
        if let config {
            let url = URL(fileURLWithPath: config)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw .stopped("\(config): the configuration file does not exist")
            }
            return url
        }
        let local = URL(fileURLWithPath: ConfigurationReader.defaultFileName)
        return FileManager.default.fileExists(atPath: local.path) ? local : nil
    }

    /// The configuration alone, with `overrides` applied; its problems in one ``RunError/inputs(_:)``.
    public func configuration(_ overrides: ConfigurationOverrides) throws -> Configuration {
        var overrides = overrides
        overrides.inventory = inventory
        overrides.roster = roster
        do {
            return try ConfigurationReader.load(try configurationURL(), overrides: overrides)
        } catch let error as InputError {
            throw RunError.inputs(error.problems.map(\.description))
        }
    }

    /// The configuration and the inputs it names; every problem of them in one ``RunError/inputs(_:)``,
    /// before anything is written. `configured` is called with the configuration before the
    /// inventory and roster are read (to start work that needs only the configuration).
    public func load(_ overrides: ConfigurationOverrides, configured: (Configuration) -> Void = { _ in }) throws -> DistrictInputs {
        let configuration = try self.configuration(overrides)
        do {
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
