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
        all.first { $0.description.id == id }
    }
}
