import Foundation
import SocialAuditCore

/// docs/inputs.md and the terminal listing of `socialaudit inputs`, rendered from the declarations.
extension InputReference {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown
    }

    public static func render(format: Format) -> String {
        switch format {
        case .text: text()
        case .markdown: markdown()
        }
    }

    /// One input as the reference presents it: a section, its objects, how the file is written, an example.
    struct Section {
        var title: String
        var about: String
        var root: InputObject
        /// The inventory's tables have an XML column.
        var hasXML = false
        var rootHeading = "Top level"
        /// The roster's fields are columns.
        var keyHeading = "key"
        var examples: [(language: String, text: String)]
    }

    static var sections: [Section] {
        [
            Section(title: "Configuration", about: """
                `\(ConfigurationReader.defaultFileName)`, read from `--config FILE`, else from the working directory when it is there; \
                without one, every default applies. Paths are relative to the configuration file's folder.
                """, root: configuration, examples: [("json", Examples.configuration)]),
            Section(title: "Inventory", about: """
                The district's list of schools, staff and accounts, in JSON or XML (told apart by content, not by the file's name). \
                In XML, single values are attributes and lists are repeated child elements named in the singular, in the namespace \
                `\(XMLInventoryReader.namespace)`; every XML inventory is checked against the schema that ships with socialaudit.
                """, root: inventory, hasXML: true, examples: [("json", Examples.inventoryJSON), ("xml", Examples.inventoryXML)]),
            Section(title: "Student roster", about: """
                CSV with a header row naming the columns, as a student information system exports it: the columns may come in any \
                order, and other columns are ignored (a misspelt roster column is an error). JSON is read too: an array of objects \
                with the columns as keys. The roster holds minors' data: socialaudit never writes a student's name to any output.
                """, root: roster, rootHeading: "Columns", keyHeading: "column", examples: [("csv", Examples.roster)]),
            Section(title: "Reviews file", about: """
                A JSON array of reviewed findings. A finding whose fingerprint is listed, and whose review has not expired, has the \
                status `suppressed`: the reports still show it, apart from the others.
                """, root: review, rootHeading: "Each entry", examples: [("json", Examples.reviews)]),
        ]
    }

    // MARK: - Markdown

    static func markdown() -> String {
        var out = """
            # Input reference

            Generated from the input declarations by `socialaudit inputs --format markdown`; do not edit.

            socialaudit reads four files that the district writes: the configuration, the inventory, the student roster \
            and the reviews file, described below (the account archives are read as Twitter/X writes them).

            - Paths in the configuration are relative to the configuration file's folder; a path given on the command \
            line overrides it and is relative to the working directory.
            - Every key is optional unless marked **required**. An unknown key is an error that names the key and its \
            place, with the nearest known key, so that a misspelt key is never silently ignored.
            - `\(schemaKey)` at the top of the configuration or the JSON inventory names the file's JSON Schema, so that \
            an editor checks the file as it is typed (`socialaudit inputs --schema configuration` or `--schema inventory` \
            prints it; copies are in `docs/schemas/`). `\(commentKey)` in any of their objects holds a note for people. \
            socialaudit ignores both; each must be a string.

            """
        for section in sections {
            out += "\n## \(section.title)\n\n\(section.about)\n"
            for object in section.root.allObjects {
                out += "\n### \(heading(object, section))\n\n\(object.meaning)\n\n" + table(object, section)
            }
            for example in section.examples {
                out += "\nExample (\(example.language.uppercased())):\n\n```\(example.language)\n\(example.text)\n```\n"
            }
        }
        return out
    }

    static func heading(_ object: InputObject, _ section: Section) -> String {
        object.path == section.root.path ? section.rootHeading : "`\(object.path)`"
    }

    static func table(_ object: InputObject, _ section: Section) -> String {
        let headings = [section.keyHeading] + (section.hasXML ? ["XML"] : []) + ["type", "default", "meaning"]
        var out = "| " + headings.joined(separator: " | ") + " |\n" + "|" + String(repeating: "---|", count: headings.count) + "\n"
        for field in shownFields(object) {
            var cells = ["`\(field.key)`"]
            if section.hasXML { cells.append(field.xml.map(describe) ?? "—") }
            cells += [describe(field.type), field.required ? "**required**" : describe(field.defaultValue), field.meaning]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// `$schema` and `$comment` are shown at the top level only: nested objects accept `$comment`
    /// as well (the introduction says so), and a row in every table would say it ten times.
    static func shownFields(_ object: InputObject) -> [InputField] {
        object.path.isEmpty ? object.fields : object.fields.filter { !$0.isAnnotation }
    }

    static func describe(_ type: InputType) -> String {
        switch type {
        case .text: "string"
        case .path: "path"
        case .timeZone: "time zone name"
        case .accountId: "account id (digits)"
        case .date: "date (YYYY-MM-DD)"
        case let .integer(range): "integer, \(range.lowerBound) to \(range.upperBound)"
        case .share: "number, 0 to 1"
        case .boolean: "true or false"
        case let .choice(values): "one of " + words(values)
        case .texts: "list of strings"
        case .mailbox: "e-mail address (`name@domain` or `Name <name@domain>`)"
        case .mailboxes: "list of e-mail addresses (`name@domain` or `Name <name@domain>`)"
        case .ruleIds: "list of rule ids"
        case let .object(object): "object (`\(object.path)`)"
        case let .pathOr(object): "path, or object (`\(object.path)`)"
        case let .objects(object): "list of objects (`\(object.path)`)"
        case let .map(keyName, _, value): "object: \(keyName) → \(describe(value))"
        }
    }

    static func describe(_ value: InputDefault?) -> String {
        switch value {
        case nil: "—"
        case let .text(text)?: "`\(text)`"
        case let .integer(number)?: "`\(number)`"
        case let .number(text)?: "`\(text)`"
        case let .boolean(flag)?: "`\(flag)`"
        case let .texts(items)?: items.isEmpty ? "none" : items.map { "`\($0)`" }.joined(separator: ", ")
        case let .described(text)?: text
        }
    }

    static func describe(_ xml: XMLForm) -> String {
        switch xml {
        case .attribute: "attribute"
        case let .repeated(name): "`<\(name)>`, repeated"
        case let .element(name): "`<\(name)>`"
        case let .list(name, item): "`<\(name)>` of `<\(item)>`"
        case .jsonOnly: "—"
        }
    }

    /// `a`, `b` or `c`.
    static func words(_ values: [String]) -> String {
        let quoted = values.map { "`\($0)`" }
        guard quoted.count > 1 else { return quoted.joined() }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }

    // MARK: - Text

    /// The same content for a terminal: one block per object, a line per field and its meaning below it.
    static func text() -> String {
        var lines: [String] = []
        for section in sections {
            lines.append(section.title.uppercased())
            for object in section.root.allObjects {
                lines.append("  \(plain(heading(object, section))) — \(plain(object.meaning))")
                for field in shownFields(object) {
                    var facts = [plain(describe(field.type))]
                    if section.hasXML, let xml = field.xml, xml != .jsonOnly { facts.append("XML " + plain(describe(xml))) }
                    if field.required {
                        facts.append("required")
                    } else if field.defaultValue != nil {
                        facts.append("default " + plain(describe(field.defaultValue)))
                    }
                    lines.append("    \(field.key)  (\(facts.joined(separator: "; ")))")
                    lines.append("        \(plain(field.meaning))")
                }
            }
            lines.append("")
        }
        lines.append("Paths are relative to the configuration file's folder. socialaudit inputs --format markdown prints docs/inputs.md;")
        lines.append("--schema configuration or --schema inventory prints a JSON Schema for editors.")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func plain(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "**", with: "")
    }
}
