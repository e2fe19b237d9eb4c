import Foundation
import SocialAuditCore
import SocialAuditJSON

/// The run's configuration: `socialaudit.json` with the spec's defaults, paths resolved against
/// the configuration file's folder, and command-line flags laid over it.
public struct Configuration: Sendable {
    /// The configuration file read, if any.
    public var file: URL?
    public var inventory: URL
    public var roster: URL
    /// `roster.optOutColumn`: the header of the roster's opt-out column when it is none of the
    /// known spellings, or `none`; nil for the known spellings.
    public var rosterOptOutColumn: String? = nil
    public var archives: URL
    /// The folder of X API v2 captures; nil when it was not named and the default does not exist.
    public var captures: URL?
    public var out: URL
    public var state: URL
    public var reviews: URL
    public var templates: URL
    /// Whether the templates folder was named (in the file or by a flag) rather than defaulted;
    /// when it was not and the default folder does not exist, the shipped templates are used.
    public var templatesGiven: Bool
    public var timeZone: TimeZone
    public var policy: Policy
    public var mail: MailSettings

    /// The folder paths are resolved against: the configuration file's, or the working directory.
    public var base: URL
}

/// The configuration's `mail` object.
public struct MailSettings: Sendable, Hashable {
    public var from: String?
    public var sendmail: String?
    public var smtpHost: String?
    public var smtpPort: Int?
    public var reportBaseURL: String?

    public init(from: String? = nil, sendmail: String? = nil, smtpHost: String? = nil, smtpPort: Int? = nil, reportBaseURL: String? = nil) {
        self.from = from
        self.sendmail = sendmail
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.reportBaseURL = reportBaseURL
    }
}

/// Paths given on the command line; they override the configuration and are relative to the
/// working directory.
public struct ConfigurationOverrides: Sendable {
    public var inventory: String?
    public var roster: String?
    public var archives: String?
    public var out: String?
    public var state: String?
    public var reviews: String?
    public var templates: String?

    public init(inventory: String? = nil, roster: String? = nil, archives: String? = nil, out: String? = nil,
                state: String? = nil, reviews: String? = nil, templates: String? = nil) {
        self.inventory = inventory
        self.roster = roster
        self.archives = archives
        self.out = out
        self.state = state
        self.reviews = reviews
        self.templates = templates
    }
}

public enum ConfigurationReader {
    public static let defaultFileName = "socialaudit.json"
    /// Keys, ranges and defaults are those of the input reference (docs/inputs.md).
    static let defaultTimeZone = InputReference.configuration["timezone"].defaultText

    /// Reads the configuration at `file` (nil: none, every default) and lays `overrides` over it.
    /// `workingDirectory` resolves the overrides' relative paths (and the defaults when there is no file).
    public static func load(_ file: URL?, overrides: ConfigurationOverrides = .init(),
                            workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    throws(InputError) -> Configuration {
        var root = JSONValue.object([])
        var json: StrictJSON?
        if let file {
            let bytes = try InputText.contents(of: file)
            let (parsed, value) = try StrictJSON.parse(file: file.path, bytes: bytes)
            json = parsed
            root = value
        }
        let reader = json ?? (try! StrictJSON.parse(file: "(defaults)", bytes: Array("{}".utf8))).0
        guard let fields = reader.object(root, at: "", declared: InputReference.configuration) else { throw InputError(reader.problems) }

        let base = file?.deletingLastPathComponent().standardizedFileURL ?? workingDirectory
        // `roster` is a path, or an object that gives it as `file`.
        let roster = readRoster(fields.member("roster"), reader)
        func path(_ key: String, override: String?) -> URL {
            if let override { return URL(fileURLWithPath: override, relativeTo: workingDirectory).standardizedFileURL }
            let given = key == "roster" ? roster.file : fields.string(key)
            let relative = given ?? InputReference.configuration[key].defaultText
            return URL(fileURLWithPath: relative, relativeTo: base).standardizedFileURL
        }
        let templatesGiven = overrides.templates != nil || fields.has("templates")
        var timeZone = TimeZone(identifier: defaultTimeZone)!
        if let name = fields.string("timezone") {
            if let zone = TimeZone(identifier: name) {
                timeZone = zone
            } else {
                reader.report("timezone", "'\(name)' is not a time zone; expected a name such as 'America/New_York'")
            }
        }
        let configuration = Configuration(
            file: file,
            inventory: path("inventory", override: overrides.inventory),
            roster: path("roster", override: overrides.roster),
            archives: path("archives", override: overrides.archives),
            out: path("out", override: overrides.out),
            state: path("state", override: overrides.state),
            reviews: path("reviews", override: overrides.reviews),
            templates: path("templates", override: overrides.templates),
            templatesGiven: templatesGiven,
            timeZone: timeZone,
            policy: readPolicy(fields.member("policy"), reader),
            mail: readMail(fields.member("mail"), reader),
            base: base)
        if !reader.problems.isEmpty { throw InputError(reader.problems) }
        var read = configuration
        read.rosterOptOutColumn = roster.optOutColumn
        let captures = path("captures", override: nil)
        if fields.has("captures") || FileManager.default.fileExists(atPath: captures.path) { read.captures = captures }
        return read
    }

    static func readRoster(_ value: JSONValue?, _ json: StrictJSON) -> (file: String?, optOutColumn: String?) {
        guard let value else { return (nil, nil) }
        if case let .string(text) = value {
            let trimmed = text.trimmingWhitespaceAndNewlines()
            if trimmed.isEmpty { json.report("roster", "expected a non-empty string") }
            return (trimmed.isEmpty ? nil : trimmed, nil)
        }
        guard case .object = value else {
            json.report("roster", "expected the roster's path, or an object with its 'file', found \(value.kindName)")
            return (nil, nil)
        }
        guard let r = json.object(value, at: "roster", declared: InputReference.rosterFile) else { return (nil, nil) }
        return (r.string("file"), r.string("optOutColumn"))
    }

    static func readPolicy(_ value: JSONValue?, _ json: StrictJSON) -> Policy {
        var policy = Policy()
        guard let value, let p = json.object(value, at: "policy", declared: InputReference.policy) else { return policy }
        if let days = p.integer("staleAfterDays") { policy.staleAfterDays = days }
        if let days = p.integer("lookbackDays") { policy.lookbackDays = days }
        if let share = p.share("minArchiveShare") { policy.minArchiveShare = share }
        if p.has("organizations") { policy.organizations = p.strings("organizations").map(Handle.normalized) }
        if p.has("approvedApps") { policy.approvedApps = p.strings("approvedApps") }
        if p.has("officialClaimPhrases") { policy.officialClaimPhrases = p.strings("officialClaimPhrases") }
        if let spread = p.member("loginSpread"),
           let s = json.object(spread, at: "policy.loginSpread", declared: InputReference.loginSpread) {
            if let ips = s.integer("distinctIPs") { policy.loginSpread.distinctIPs = ips }
            if let days = s.integer("windowDays") { policy.loginSpread.windowDays = days }
        }
        if let lexicon = p.member("lexicon"),
           let members = json.map(lexicon, at: "policy.lexicon", expected: "an object of categories, each a list of words") {
            let l = StrictJSON.Fields(json: json, path: "policy.lexicon", value: lexicon)
            policy.lexicon = Dictionary(members.map { ($0.0, l.strings($0.0)) }, uniquingKeysWith: { _, last in last })
        }
        if let severities = p.member("severity"),
           let members = json.map(severities, at: "policy.severity", expected: "an object of rule ids and severities") {
            let s = StrictJSON.Fields(json: json, path: "policy.severity", value: severities)
            for (rule, _) in members {
                guard RuleIds.all.contains(rule) else {
                    reportUnknownRule(rule, at: "policy.severity.\(rule)", json)
                    continue
                }
                if let severity = s.choice(rule, of: Severity.self, accepted: Severity.allCases) {
                    policy.severity[rule] = severity
                }
            }
        }
        if p.has("disabledRules") {
            for (index, rule) in p.strings("disabledRules").enumerated() {
                if RuleIds.all.contains(rule) {
                    policy.disabledRules.append(rule)
                } else {
                    reportUnknownRule(rule, at: "policy.disabledRules[\(index)]", json)
                }
            }
        }
        return policy
    }

    private static func reportUnknownRule(_ rule: String, at path: String, _ json: StrictJSON) {
        var message = "unknown rule id '\(rule)'"
        if let near = StrictJSON.nearest(rule, in: RuleIds.all) { message += "; did you mean '\(near)'?" }
        json.report(path, message + " (socialaudit rules lists them)")
    }

    static func readMail(_ value: JSONValue?, _ json: StrictJSON) -> MailSettings {
        var mail = MailSettings()
        guard let value, let m = json.object(value, at: "mail", declared: InputReference.mail) else { return mail }
        mail.from = m.mailbox("from")
        mail.sendmail = m.string("sendmail")
        mail.reportBaseURL = m.string("reportBaseURL")
        if let smtp = m.member("smtp"), let s = json.object(smtp, at: "mail.smtp", declared: InputReference.smtp) {
            mail.smtpHost = s.string("host")
            mail.smtpPort = s.integer("port")
        }
        return mail
    }
}
