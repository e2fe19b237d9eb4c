import ArgumentParser
import Foundation
import SocialAuditArchive
import SocialAuditInventory
import SocialAuditRun

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check everything a run will need, and say what is wrong and where.",
        discussion: """
            Reads the configuration (--config, else ./socialaudit.json when it exists), the inventory \
            (JSON or XML, checked against its schema) and the student roster, and prints a short summary: \
            schools, people by role, accounts by tier, students, and how the archives match the inventory, \
            naming each archive whose account cannot be read. Then checks what `run` reads with the same \
            options: the archives folder, the review file, the templates, the state file, and the mail \
            route of --mail (the sendmail command must be an executable file, found through PATH; the SMTP \
            host a host name or an IP address). Every problem is listed with its file and place \
            (line and column, or JSON path); a school or district that gives no reportRecipients is a \
            warning.

            Exit status: 0 when the inputs are usable (problems that become findings are listed, not \
            fatal): `run` with the same options then does not stop on its inputs; 2 when they are not. \
            Nothing is written and no mail is sent.
            """)

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
