import SocialAuditCore

/// Every rule, in the catalog's order (spec/rules.md): account set-up, content, coverage.
public enum RuleCatalog {
    public static let all: [any Rule] = [
        CreatedByRule(), SingleManagerRule(), ManagerRoleRule(), AssignedByAdminRule(), RegisteredEmailRule(),
        EmailRoutingRule(), ConnectedAppsRule(), LoginSpreadRule(), OwnerIsStaffRule(), ClaimsOfficialRule(),
        StudentReplyRule(), StudentMentionRule(), StudentDMRule(), StudentRetweetRule(), OptedOutNamedRule(),
        RetweetSourceRule(), UnprofessionalContentRule(),
        UnregisteredArchiveRule(), MissingArchiveRule(), StaleArchiveRule(), HandleChangedRule(), BadReferenceRule(),
        UnreadableArchiveRule(),
    ]

    public static func rule(_ id: String) -> (any Rule)? {
        positions[id].map { all[$0] }
    }

    /// Each rule's place in ``all``, by id (reports look a rule up for every finding).
    public static let positions: [String: Int] = Dictionary(
        all.enumerated().map { ($1.description.id, $0) }, uniquingKeysWith: { first, _ in first })
}
