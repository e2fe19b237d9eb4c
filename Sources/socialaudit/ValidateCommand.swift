import ArgumentParser
import SocialAuditInventory
import SocialAuditRun

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check everything a run will need, and say what is wrong and where.",
        discussion: CommandHelp.validate)

    @OptionGroup var inputs: InputOptions

    @OptionGroup var paths: RunPaths

    func run() throws {
        var district = try inputs.load(paths.overrides)
        let needs = RunNeeds(district: district, reviewsRequired: paths.reviews != nil)
        var archives: ArchivesSummary?
        var problems: [String] = []
        do {
            let found = try needs.archives()
            archives = found.summary
            district.warnings += found.warnings
        } catch {
            problems.append(error.localizedDescription)
        }
        problems += needs.problems()
        district.warnings += district.unmailedReports + needs.warnings()
        print(InputSummary.render(district, archives: archives), terminator: "")
        guard problems.isEmpty else { throw RunError.inputs(problems) }
        print("\nThe inputs are usable.")
    }
}
