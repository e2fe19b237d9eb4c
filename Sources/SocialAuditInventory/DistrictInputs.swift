import Foundation
import SocialAuditCore

/// The district's three input files, read and checked together, so that every problem in any of
/// them is reported in one go.
public struct DistrictInputs: Sendable {
    public var configuration: Configuration
    public var inventory: LoadedInventory
    public var roster: LoadedRoster
    /// Things worth saying that do not stop a run (no roster file, ignored roster columns).
    public var warnings: [String]

    /// Reads the inventory and roster the configuration names. Throws every problem found in
    /// either; a roster that is absent because it was never named is a warning, not an error.
    public static func load(_ configuration: Configuration, rosterGiven: Bool) throws(InputError) -> DistrictInputs {
        var problems: [InputProblem] = []
        var warnings: [String] = []
        var inventory: LoadedInventory?
        do {
            inventory = try InventoryReader.load(configuration.inventory)
        } catch {
            problems += error.problems
        }
        var roster: LoadedRoster?
        if !rosterGiven && !FileManager.default.fileExists(atPath: configuration.roster.path) {
            warnings.append("no student roster at \(configuration.roster.path): students cannot be recognized, so no student rule can fire")
            roster = LoadedRoster(students: [], file: configuration.roster.path, places: [], ignoredColumns: [])
        } else {
            do {
                roster = try RosterReader.load(configuration.roster, optOutColumn: configuration.rosterOptOutColumn)
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
        if let note = inventory?.encodingNote { warnings.append(note) }
        warnings += inventory?.schoolCaseFixes ?? []
        if let note = roster?.encodingNote { warnings.append(note) }
        if let roster, roster.handleFixes.count > 0 {
            let (count, line) = roster.handleFixes
            warnings.append("\(roster.file): \(count) handle cell\(count == 1 ? " was" : "s were") a profile link or @name, read as the handle"
                            + (line.map { " (the first at line \($0))" } ?? ""))
        }
        if let roster, roster.students.isEmpty == false, configuration.rosterOptOutColumn == RosterColumns.none {
            warnings.append("\(roster.file): no opt-out column (roster.optOutColumn is \"none\"): no student counts as opted out of the directory")
        }
        if let ignored = roster?.ignoredColumns, !ignored.isEmpty {
            warnings.append("\(configuration.roster.lastPathComponent): ignored column\(ignored.count == 1 ? "" : "s") \(ignored.joined(separator: ", "))")
        }
        if let roster, let inventory {
            let schools = Set(inventory.inventory.schools.map(\.id))
            let strays = Set(roster.students.map(\.school)).subtracting(schools).sorted()
            if !strays.isEmpty {
                warnings.append("\(roster.file): students at school\(strays.count == 1 ? "" : "s") the inventory does not define: \(strays.joined(separator: ", "))")
            }
        }
        return DistrictInputs(configuration: configuration, inventory: inventory!, roster: roster!, warnings: warnings)
    }
}

extension DistrictInputs {
    /// Summaries a run writes but mails to nobody: each school, and the district, that gives no
    /// `reportRecipients` (for `validate`).
    public var unmailedReports: [String] {
        let inventory = inventory.inventory
        var warnings = inventory.schools.filter(\.reportRecipients.isEmpty).map {
            "school '\($0.id)' gives no reportRecipients: its report is written, but its summary is mailed to nobody"
        }
        if inventory.district.reportRecipients.isEmpty {
            warnings.append("the district gives no reportRecipients: its report is written, but its summary is mailed to nobody")
        }
        return warnings
    }
}

/// The short summary `socialaudit validate` prints.
public enum InputSummary {
    public static func render(_ inputs: DistrictInputs, archives: ArchivesSummary?) -> String {
        let inventory = inputs.inventory.inventory
        var lines: [String] = []
        func row(_ label: String, _ text: String) {
            lines.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + text)
        }
        row("Configuration", inputs.configuration.file?.path ?? "none (defaults)")
        row("District", inventory.district.name)
        row("Inventory", "\(inputs.inventory.file) (\(inputs.inventory.format.rawValue))")
        row("  schools", "\(inventory.schools.count)" + (inventory.schools.isEmpty ? "" : ": " + inventory.schools.map(\.id).joined(separator: ", ")))
        let byRole = Role.allCases.map { role in (role, inventory.people.filter { $0.role == role }.count) }
        row("  people", "\(inventory.people.count) (" + byRole.map { "\($0.1) \(plural($0.0.rawValue, $0.1))" }.joined(separator: ", ") + ")")
        let byTier = Tier.inventoryTiers.map { tier in (tier, inventory.accounts.filter { $0.tier == tier }.count) }
        row("  accounts", "\(inventory.accounts.count) (" + byTier.map { "\($0.1) \($0.0.label)" }.joined(separator: ", ") + ")")
        row("Roster", "\(inputs.roster.file): \(inputs.roster.students.count) \(plural("student", inputs.roster.students.count)), \(inputs.roster.optedOut) opted out of the directory")
        if !inputs.roster.respelled.isEmpty {
            row("  columns", "read " + inputs.roster.respelled.joined(separator: ", "))
        }
        if let archives {
            row("Archives", "\(archives.folder): \(archives.total) \(plural("archive", archives.total)), \(archives.matched) matched (\(archives.byId) by account id, \(archives.byHandle) by handle), \(archives.unregistered) unregistered, \(archives.unidentified) unreadable")
            for line in archives.unreadable {
                row("  unreadable", line)
            }
            for name in archives.missing {
                row("  no archive", name)
            }
        }
        if !inputs.inventory.notes.isEmpty {
            lines.append("")
            lines.append("Usable, reported as findings in a run (inventory.bad-reference):")
            lines += inputs.inventory.notes.map { "  " + $0.description }
        }
        if !inputs.warnings.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            lines += inputs.warnings.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func plural(_ word: String, _ count: Int) -> String {
        count == 1 || word == "staff" ? word : word + "s"
    }
}

/// How the archives of a folder matched the inventory, for the summary.
public struct ArchivesSummary: Sendable {
    public var folder: String
    public var total: Int
    public var matched: Int
    public var byId: Int
    public var byHandle: Int
    public var unregistered: Int
    public var unidentified: Int
    /// Primary and school-owned accounts without an archive: "handle (tier, school)".
    public var missing: [String]
    /// Each archive whose account cannot be read: "name: its problems".
    public var unreadable: [String]

    /// `names` and `problems`: each archive's name and problems as the reports show them (masked).
    public init(folder: String, matching: ArchiveMatching, names: [String], problems: [[String]], inventory: Inventory) {
        self.folder = folder
        total = names.count
        unreadable = matching.unidentified.map { index in
            "\(names[index]): " + (problems[index].isEmpty ? "its account cannot be read" : problems[index].joined(separator: "; "))
        }
        matched = matching.matches.count
        byId = matching.matches.filter { $0.basis == .accountId }.count
        byHandle = matching.matches.filter { $0.basis == .handle }.count
        unregistered = matching.unregistered.count
        unidentified = matching.unidentified.count
        missing = matching.missing.map { index in
            let account = inventory.accounts[index]
            return "\(account.handle) (\(account.tier.label), \(account.school ?? "no school"))"
        }
    }
}
