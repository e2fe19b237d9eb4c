import Foundation

/// The rule ids of the catalog (spec/rules.md). They are an interface: reports, review files and
/// the configuration's `severity` and `disabledRules` key on them.
public enum RuleIds {
    public static let all: [String] = [
        "account.created-by", "account.single-manager", "account.manager-role", "account.assigned-by-admin",
        "account.registered-email", "account.email-routing", "account.connected-apps", "account.login-spread",
        "account.owner-is-staff", "personal.claims-official",
        "student.reply", "student.mention", "student.dm", "student.retweet", "student.quote", "student.opted-out-named",
        "primary.retweet-source", "professional.unprofessional-content",
        "inventory.unregistered-archive", "inventory.missing-archive", "inventory.stale-archive",
        "inventory.handle-changed", "inventory.bad-reference", "archive.unreadable",
    ]
}

/// The district's policy settings (the configuration's `policy` object), with the defaults the
/// tool ships. A district overrides only what it needs.
public struct Policy: Sendable, Hashable, Codable {
    public struct LoginSpread: Sendable, Hashable, Codable {
        public var distinctIPs: Int
        public var windowDays: Int

        public init(distinctIPs: Int = 5, windowDays: Int = 7) {
            self.distinctIPs = distinctIPs
            self.windowDays = windowDays
        }
    }

    /// An archive generated more than this many days before the run's date is stale.
    public var staleAfterDays = 35
    /// Content rules look only at tweets of this many days before the run's date; nil: every tweet.
    public var lookbackDays: Int?
    /// A run whose archives folder holds fewer than this share of the archives the last run had
    /// stops without writing (a share that did not mount would otherwise resolve its findings).
    public var minArchiveShare = 0.5
    /// Handles of organizations (besides every inventory account) a primary account may retweet.
    public var organizations: [String] = []
    /// Connected applications that are approved (by name, case-insensitive).
    public var approvedApps: [String] = []
    public var loginSpread = LoginSpread()
    /// Phrases that present a personal account as official.
    public var officialClaimPhrases = ["official account", "official twitter"]
    /// Lexicon categories given by the configuration; each replaces the shipped category of that
    /// name, and new names add categories. Nil when the configuration gives none.
    public var lexicon: [String: [String]]?
    /// Severity overrides by rule id.
    public var severity: [String: Severity] = [:]
    /// Rules that do not run.
    public var disabledRules: [String] = []

    public init() {}
}
