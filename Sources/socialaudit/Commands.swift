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

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
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
                throw RunError.stopped("\(path): no such file or folder")
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

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules: id, tiers, severities and the policy behind each.",
        discussion: """
            The rule ids are an interface: reports, review files and the configuration's `severity` and \
            `disabledRules` key on them. --format markdown prints the reference kept in docs/rules.md; \
            --format json suits other tools.
            """)

    @Option(help: "text, markdown or json.")
    var format: RuleReference.Format = .text

    func run() throws {
        print(RuleReference.render(format: format), terminator: "")
    }
}

extension RuleReference.Format: ExpressibleByArgument {}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: what fires it, the policy sentence, examples.")

    @Argument(help: ArgumentHelp("A rule id, such as student.dm (socialaudit rules lists them).", valueName: "rule-id"))
    var ruleId: String

    func run() throws {
        guard let rule = RuleCatalog.rule(ruleId) else {
            var message = "no rule '\(ruleId)'"
            let near = RuleIds.all.filter { $0.contains(ruleId) || ruleId.contains($0.split(separator: ".").last.map(String.init) ?? "") }
            if !near.isEmpty { message += "; did you mean \(near.joined(separator: ", "))?" }
            throw RunError.stopped(message + " (socialaudit rules lists them)")
        }
        print(RuleReference.explain(rule), terminator: "")
    }
}

