/// The policy's four account tiers, plus `unregistered` for an archive that matches no
/// inventory account (audited by the inventory rules alone).
public enum Tier: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// "Primary School Accounts": created by the district, one administrator manages it.
    case primary
    /// "School Owned Accounts": created by the district or the school for a school organization.
    case schoolOwned = "school-owned"
    /// "Professional Accounts": a staff member's own account that represents the school.
    case professional
    /// "Personal Accounts": a staff member's own account that does not represent the school.
    case personal
    /// An archive whose account is not in the inventory.
    case unregistered

    /// The tiers an inventory may name (every tier but `unregistered`).
    public static let inventoryTiers: [Tier] = [.primary, .schoolOwned, .professional, .personal]

    /// A short label for people: "primary", "school-owned", …
    public var label: String { rawValue }

    private var order: Int {
        switch self {
        case .primary: 0
        case .schoolOwned: 1
        case .professional: 2
        case .personal: 3
        case .unregistered: 4
        }
    }

    public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.order < rhs.order }
}

/// How serious a finding is. `high` is a violation of the policy or of board policy,
/// `medium` a set-up that must be corrected, `low` a signal for a person to review.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case high
    case medium
    case low

    /// Higher severities sort first: `high < medium` means "comes before".
    private var rank: Int {
        switch self {
        case .high: 0
        case .medium: 1
        case .low: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// Whether this severity is at least as serious as `other`.
    public func isAtLeast(_ other: Severity) -> Bool { rank <= other.rank }
}
