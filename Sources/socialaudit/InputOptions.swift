import ArgumentParser
import SocialAuditInventory
import SocialAuditRun

/// Options that say where the district's inputs are.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file (default: ./socialaudit.json when it exists).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The account inventory, JSON or XML.", valueName: "file"))
    var inventory: String?

    @Option(name: .long, help: ArgumentHelp("The student roster, CSV or JSON.", valueName: "file"))
    var roster: String?

    var location: InputLocation { InputLocation(config: config, inventory: inventory, roster: roster) }

    func load(_ overrides: ConfigurationOverrides, configured: (Configuration) -> Void = { _ in }) throws -> DistrictInputs {
        try location.load(overrides, configured: configured)
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
