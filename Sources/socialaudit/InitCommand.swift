import ArgumentParser
import Foundation
import SocialAuditInventory
import SocialAuditRun

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new district: a configuration, inventory and roster to fill in.",
        discussion: """
            Writes into DIR (created when missing) a starter district with every field present and \
            explained: socialaudit.json (the configuration), inventory.json and the same content as \
            inventory.xml (use either), students.csv (the roster), reviews.json, an empty archives/ \
            folder, the JSON Schemas that editors check the JSON files against (schemas/), a crontab \
            line and a logrotate file. No file that exists is changed: a folder that holds one is \
            refused.

            Example:  socialaudit init /srv/socialaudit --district "Haywood County Schools" --domain haywood.k12.nc.us
            """)

    @Argument(help: ArgumentHelp("The folder for the district's files.", valueName: "dir"))
    var folder: String

    @Option(help: ArgumentHelp("The district's name, as its reports should show it.", valueName: "name"))
    var district: String = StarterDistrict.exampleName

    @Option(help: ArgumentHelp("The district's e-mail domain, for the example addresses.", valueName: "domain"))
    var domain: String = StarterDistrict.exampleDomain

    func run() throws {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        do {
            try StarterDistrict.write(to: url, district: district, domain: domain)
        } catch {
            throw RunError.inputs(error.problems.map(\.description))
        }
        let config = url.appendingPathComponent(ConfigurationReader.defaultFileName).path
        print("""
            Wrote a starter district to \(url.path).
            Next:
              1. Fill in inventory.json (schools, staff, accounts) and students.csv (the roster); \
            'socialaudit inputs' explains every field.
              2. Check them:  socialaudit validate --config \(config)
              3. Put the accounts' archives in \(url.appendingPathComponent("archives").path)/ and run:
                 socialaudit run --config \(config)
            """)
    }
}
