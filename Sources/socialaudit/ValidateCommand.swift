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

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the configuration, inventory and roster, and say what is wrong and where.",
        discussion: """
            Reads the configuration (--config, else ./socialaudit.json when it exists), the inventory \
            (JSON or XML, checked against its schema) and the student roster, and prints a short summary: \
            schools, people by role, accounts by tier, students, and how the archives match the inventory. \
            Every problem is listed with its file and place (line and column, or JSON path).

            Exit status: 0 when the inputs are usable (problems that become findings are listed, not \
            fatal), 2 when they are not. Nothing is written.
            """)

    @OptionGroup var inputs: InputOptions

    func run() throws {
        let district = try inputs.load(ConfigurationOverrides())
        var archives: ArchivesSummary?
        let folder = district.configuration.archives
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue,
           let listing = try? ArchiveDiscovery.list(folder) {
            let identities = listing.sources.map { source in
                let reading = ArchiveReader(source: source).identify()
                return ArchiveIdentity(accountId: reading.account?.accountId, username: reading.account?.username,
                                       made: reading.generationDate)
            }
            let matching = ArchiveMatching.match(identities, to: district.inventory.inventory)
            archives = ArchivesSummary(folder: folder.path, matching: matching, total: identities.count,
                                       inventory: district.inventory.inventory)
        }
        print(InputSummary.render(district, archives: archives), terminator: "")
        print("\nThe inputs are usable.")
    }
}

