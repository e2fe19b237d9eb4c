import SocialAuditCore

/// Every rule, in the catalog's order (spec/rules.md): account set-up, content, coverage.
public enum RuleCatalog {
    public static let all: [any Rule] = [
        CreatedByRule(), SingleManagerRule(), ManagerRoleRule(), AssignedByAdminRule(), RegisteredEmailRule(),
        EmailRoutingRule(), ConnectedAppsRule(), LoginSpreadRule(), OwnerIsStaffRule(), ClaimsOfficialRule(),
        StudentReplyRule(), StudentMentionRule(), StudentDMRule(), StudentRetweetRule(), StudentQuoteRule(),
        OptedOutNamedRule(),
        RetweetSourceRule(), UnprofessionalContentRule(),
        UnregisteredArchiveRule(), MissingArchiveRule(), StaleArchiveRule(), HandleChangedRule(), BadReferenceRule(),
        UnreadableArchiveRule(),
    ]

    public static func rule(_ id: String) -> (any Rule)? {
        positions[id].map { all[$0] }
    }

    /// The ids that look like a mistyped `id`: those that begin with it or whose last part
    /// begins with it (`stale` finds `coverage.stale-archive`), and those whose last part it
    /// contains (`student-dm` finds `student.dm`).
    public static func near(_ id: String) -> [String] {
        RuleIds.all.filter { known in
            let last = known.split(separator: ".").last.map(String.init) ?? known
            return known.hasPrefix(id) || last.hasPrefix(id) || id.contains(last)
        }
    }

    /// Each rule's place in ``all``, by id (reports look a rule up for every finding).
    public static let positions: [String: Int] = Dictionary(
        all.enumerated().map { ($1.description.id, $0) }, uniquingKeysWith: { first, _ in first })
}
