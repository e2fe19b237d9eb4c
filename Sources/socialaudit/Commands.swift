import ArgumentParser
import SocialAuditRules
import SocialAuditRun

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
        print(try ArchiveScan.render(paths), terminator: "")
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
            let near = RuleCatalog.near(ruleId)
            if !near.isEmpty { message += "; did you mean \(near.joined(separator: ", "))?" }
            throw RunError.stopped(message + " (socialaudit rules lists them)")
        }
        print(RuleReference.explain(rule), terminator: "")
    }
}

