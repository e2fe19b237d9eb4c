import ArgumentParser
import SocialAuditInventory

struct Inputs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inputs",
        abstract: "Describe every input file: keys, types, defaults, meaning.",
        discussion: """
            The configuration, the inventory (JSON and XML), the student roster and the reviews file, \
            printed from the declarations the readers use. --format markdown prints the reference kept in \
            docs/inputs.md; --schema prints a JSON Schema for editors (name it with "$schema" in the file).

            After changing an input, regenerate the documents from the repository's root (a test \
            fails while they are stale):
            socialaudit inputs --format markdown > docs/inputs.md
            socialaudit inputs --schema inventory > docs/schemas/inventory.schema.json
            socialaudit inputs --schema configuration \\
                > docs/schemas/socialaudit.schema.json
            """)

    @Option(help: "text or markdown.")
    var format: InputReference.Format = .text

    @Option(help: ArgumentHelp("Print the JSON Schema of the configuration or of the JSON inventory instead.", valueName: "input"))
    var schema: InputReference.Schema?

    func run() throws {
        if let schema {
            print(InputReference.jsonSchema(for: schema), terminator: "")
        } else {
            print(InputReference.render(format: format), terminator: "")
        }
    }
}

extension InputReference.Format: ExpressibleByArgument {}
extension InputReference.Schema: ExpressibleByArgument {}
