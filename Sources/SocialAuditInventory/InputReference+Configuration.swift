import Foundation
import SocialAuditCore

// MARK: - The configuration (socialaudit.json)

extension InputReference {
    static let configurationComment = comment(in: "configuration")

    /// The configuration's top level. The paths' defaults are the readers' own.
    public static let configuration = InputObject("", "The run's settings.", [
        schema(.configuration),
        configurationComment,
        InputField("inventory", .path, default: .text("inventory.json"),
                   "The district's inventory of schools, staff and accounts, in JSON or XML."),
        InputField("roster", .pathOr(rosterFile), default: .text("students.csv"),
                   "The student roster exported from the student information system, CSV or JSON: its path, or an object giving the path and how its columns are read. When it is not named and does not exist, the run goes on without students and says so: no student rule can fire."),
        InputField("archives", .path, default: .text("archives"),
                   "The folder of account archives: one per account, each the `.zip` from Twitter/X or that zip extracted into a folder."),
        InputField("captures", .path, default: .text("captures"),
                   "The folder of X API v2 captures: files of JSON lines (`*.jsonl`) as `twarc2 timeline` or `twarc2 search` writes them (one response page a line), or as `twarc2 flatten` writes them (one tweet a line). A file may hold several accounts' tweets; each tweet is audited as its author's, matched to the inventory by account id, else by handle. A tweet also in the account's archive is reported once. When it is not named and does not exist, the run reads archives only."),
        InputField("out", .path, default: .text("out"),
                   "The folder the reports, `findings.csv` and the e-mail summaries are written to. socialaudit marks it (`.socialaudit-output`) and replaces only a folder that is new, empty or marked; it may not be, hold or lie inside the archives or the templates, nor be or hold the configuration's or the state's folder."),
        InputField("state", .path, default: .text("state/socialaudit.sqlite"),
                   "The file in which socialaudit remembers findings and archives from one run to the next."),
        InputField("reviews", .path, default: .text("reviews.json"),
                   "The file of reviewed findings. A file that does not exist means no reviews, unless `--reviews` named it."),
        InputField("templates", .path, default: .text("templates"),
                   "The folder of report and e-mail templates. When it is not named and does not exist, the templates shipped with socialaudit are used."),
        InputField("timezone", .timeZone, default: .text("America/New_York"),
                   "The district's time zone, by its IANA name: it decides which day a run audits as of."),
        InputField("policy", .object(policy), "The district's policy settings."),
        InputField("mail", .object(mail), "How the e-mail summaries are sent."),
    ])

    /// `roster` as an object: the file and how its columns are read.
    public static let rosterFile = InputObject("roster", "The roster file, and how its columns are read.", [
        configurationComment,
        InputField("file", .path, default: .text("students.csv"), "The roster file, CSV or JSON."),
        InputField("optOutColumn", .text, default: .text("directory_opt_out"),
                   "The header of the column that says a family opted out of directory information, when it is none of `directory_opt_out`'s spellings; `none` for a roster that has no such column (then no student counts as opted out and `student.opted-out-named` cannot fire). A roster without the column is an error otherwise: an opt-out lost in silence is a student named."),
    ])

    public static let policy = InputObject("policy", "The district's policy settings; each key left out keeps the value socialaudit ships.", [
        configurationComment,
        InputField("staleAfterDays", .integer(1...3650), default: .integer(Policy().staleAfterDays),
                   "An archive generated more than this many days before the audit's date is stale (`inventory.stale-archive`)."),
        InputField("lookbackDays", .integer(1...36500),
                   "Content rules look only at tweets posted within this many days before the audit's date; older tweets are left out, and the reports say so. Left out: every tweet, however old."),
        InputField("minArchiveShare", .share, default: .number("\(Policy().minArchiveShare)"),
                   "A run whose archives folder holds fewer than this share of the archives the last run had (an empty or unmounted share) writes nothing and exits 4, unless `run --accept-shrink` is given; 0 turns the check off."),
        InputField("organizations", .texts, default: .texts(Policy().organizations),
                   "Handles of organizations, besides the inventory's accounts, that a primary account may retweet (`primary.retweet-source`)."),
        InputField("approvedApps", .texts, default: .texts(Policy().approvedApps),
                   "Connected applications the district approves, by name, case aside (`account.connected-apps`)."),
        InputField("loginSpread", .object(loginSpread),
                   "When logins from many places suggest a shared password (`account.login-spread`)."),
        InputField("officialClaimPhrases", .texts, default: .texts(Policy().officialClaimPhrases),
                   "Phrases that present a personal account's profile as official (`personal.claims-official`)."),
        InputField("lexicon", .map(keyName: "category", keys: nil, value: .texts),
                   default: .described("the lexicon shipped with socialaudit"),
                   "Word lists by category for `professional.unprofessional-content`. A category named here replaces the shipped one of that name, `+name` adds its words to the shipped category (`\"+profanity\": [\"…\"]`), and a new name adds a category. The shipped categories: profanity, alcohol-and-drugs, partisan-politics, gambling, violence-and-weapons."),
        InputField("severity", .map(keyName: "rule id", keys: RuleIds.all, value: .choice(Severity.allCases.map(\.rawValue))),
                   default: .described("each rule's own, by tier (`socialaudit rules`)"),
                   "A rule's severity for every tier, by rule id, in place of the rule's own."),
        InputField("disabledRules", .ruleIds, default: .texts(Policy().disabledRules),
                   "Rules that do not run, by rule id."),
    ])

    public static let loginSpread = InputObject("policy.loginSpread", "The limit of `account.login-spread`.", [
        configurationComment,
        InputField("distinctIPs", .integer(1...10_000), default: .integer(Policy.LoginSpread().distinctIPs),
                   "An account whose logins come from more distinct IP addresses than this within the window is reported."),
        InputField("windowDays", .integer(1...3650), default: .integer(Policy.LoginSpread().windowDays),
                   "The length of the window, in days."),
    ])

    public static let mail = InputObject("mail", "How the e-mail summaries are sent (`socialaudit mail`, `run --mail`).", [
        configurationComment,
        InputField("from", .mailbox, default: .described("`socialaudit@` and the district's first e-mail domain"),
                   "The sender address of the summaries."),
        InputField("sendmail", .text, default: .text("/usr/sbin/sendmail -t -oi"),
                   "The command that takes each message, headers included, on its standard input; used when `smtp` is not given."),
        InputField("smtp", .object(smtp), "An SMTP server to send through instead of the sendmail command."),
        InputField("reportBaseURL", .text,
                   "The address at which the `out` folder is published; the summaries then link to the reports. Without it they give the reports' path."),
    ])

    public static let smtp = InputObject("mail.smtp", "An SMTP server that relays for socialaudit without a login or TLS, such as a relay on the district's network.", [
        configurationComment,
        InputField("host", .text, "The server's host name or IP address."),
        InputField("port", .integer(1...65535), default: .integer(25), "The server's port."),
    ])
}

public extension MailSettings {
    /// The command used when neither `mail.smtp` nor `mail.sendmail` is given.
    static var defaultSendmail: String { InputReference.mail["sendmail"].defaultText }

    /// The port used when `mail.smtp` gives none.
    static var defaultSMTPPort: Int {
        guard case let .integer(port)? = InputReference.smtp["port"].defaultValue else { preconditionFailure("mail.smtp.port has no default") }
        return port
    }
}
