import ArgumentParser
import Foundation
import SocialAuditArchive
import SocialAuditCore

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
        let local = URL(fileURLWithPath: "socialaudit.json")
        return FileManager.default.fileExists(atPath: local.path) ? local : nil
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit every archive and write the reports.",
        discussion: """
            Reads each archive in the archives folder (a .zip from Twitter/X or the folder it extracts to), \
            matches it to the inventory, runs the rule pass of its tier and writes the reports under --out.

            Today it reads the archives and prints, per account, what it read; the rules and \
            reports follow.
            """)

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("The folder of archives, one .zip or folder per account.", valueName: "dir"))
    var archives: String?

    @Option(help: ArgumentHelp("Where the reports go.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("The state file (SQLite) that remembers earlier runs.", valueName: "file"))
    var state: String?

    @Option(help: ArgumentHelp("The review file of reviewed findings.", valueName: "file"))
    var reviews: String?

    @Option(help: ArgumentHelp("A folder of Mustache templates to use instead of the shipped ones.", valueName: "dir"))
    var templates: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The run's date, YYYY-MM-DD (default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Audit only this school (repeatable).", valueName: "id"))
    var school: [String] = []

    @Option(help: ArgumentHelp("How many archives to read at once.", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Send the e-mail summaries after the reports are written.")
    var mail = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when an unsuppressed finding has this severity or higher.", valueName: "severity"))
    var failOn: Severity?

    @Flag(name: .shortAndLong, help: "Say more about what is being done.")
    var verbose = false

    func validate() throws {
        if let asOf, TwitterDate.parse(asOf) == nil || asOf.count != 10 {
            throw ValidationError("--as-of '\(asOf)' is not a date of the form YYYY-MM-DD")
        }
        if let jobs, jobs < 1 {
            throw ValidationError("--jobs must be 1 or more")
        }
    }

    func run() throws {
        Console.bootstrapLogging(verbose: verbose)
        let folder = try archivesFolder()
        let listing: ArchiveDiscovery.Listing
        do {
            listing = try ArchiveDiscovery.list(folder)
        } catch {
            Console.error(error.localizedDescription)
            throw ExitCode(2)
        }
        var readings: [ArchiveReading] = []
        for source in listing.sources {
            readings.append(ArchiveReader(source: source).summarize())
        }
        print(ReadingSummary.render(readings, ignored: listing.ignored), terminator: "")
    }

    /// `--archives`, else the configuration's `archives` (relative to the configuration file).
    private func archivesFolder() throws -> URL {
        if let archives { return URL(fileURLWithPath: archives) }
        guard let configURL = try inputs.configurationURL() else {
            throw ValidationError("no archives folder: give --archives DIR or --config FILE")
        }
        // The full configuration reader comes with the inventory; the archives key is all this needs now.
        guard let data = FileManager.default.contents(atPath: configURL.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            Console.error("\(configURL.path): not a JSON object")
            throw ExitCode(2)
        }
        let relative = object["archives"] as? String ?? "archives"
        return URL(fileURLWithPath: relative, relativeTo: configURL.deletingLastPathComponent()).standardizedFileURL
    }
}

extension Severity: ExpressibleByArgument {}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read archives and print what each holds, without auditing.",
        discussion: """
            A quick look at archives as they come from staff: the account, the archive's date, how many \
            tweets, conversations, connected apps and logins were read, and any file that could not be \
            read, with the place of the fault. Give archives or folders of archives.
            """)

    @Argument(help: ArgumentHelp("Archives (.zip or folder), or folders of archives.", valueName: "path"))
    var paths: [String]

    func run() throws {
        var readings: [ArchiveReading] = []
        var ignored: [String] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                Console.error("\(path): no such file or folder")
                throw ExitCode(2)
            }
            let isArchiveFolder = isDirectory.boolValue
                && FileManager.default.fileExists(atPath: url.appendingPathComponent("data").path)
            if isDirectory.boolValue && !isArchiveFolder {
                let listing = try ArchiveDiscovery.list(url)
                ignored += listing.ignored
                readings += listing.sources.map { ArchiveReader(source: $0).summarize() }
            } else {
                readings.append(ArchiveReader(url: url).summarize())
            }
        }
        print(ReadingSummary.render(readings, ignored: ignored), terminator: "")
    }
}

struct Validate: ParsableCommand, NotBuiltYet {
    static let configuration = CommandConfiguration(
        abstract: "Check the configuration, inventory and roster, and say what is wrong and where.")
    static let comesWith = "the inventory and roster readers"

    @OptionGroup var inputs: InputOptions

    func run() throws { try refuse("validate") }
}

struct Rules: ParsableCommand, NotBuiltYet {
    static let configuration = CommandConfiguration(abstract: "List the rules: id, tiers, severities and the policy behind each.")
    static let comesWith = "the rule passes"

    @Option(help: "text, markdown or json.")
    var format: String = "text"

    func run() throws { try refuse("rules") }
}

struct Explain: ParsableCommand, NotBuiltYet {
    static let configuration = CommandConfiguration(abstract: "Explain one rule: what fires it, the policy sentence, examples.")
    static let comesWith = "the rule passes"

    @Argument(help: ArgumentHelp("A rule id, such as student.dm.", valueName: "rule-id"))
    var ruleId: String

    func run() throws { try refuse("explain") }
}

struct Mail: ParsableCommand, NotBuiltYet {
    static let configuration = CommandConfiguration(abstract: "Send the e-mail summaries of the last run.")
    static let comesWith = "the e-mail summaries"

    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The reports folder of the run.", valueName: "dir"))
    var out: String?

    @Flag(name: .customLong("dry-run"), help: "Show what would be sent to whom, and send nothing.")
    var dryRun = false

    func run() throws { try refuse("mail") }
}
