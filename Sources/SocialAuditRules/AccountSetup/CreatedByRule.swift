import SocialAuditCore

/// `account.created-by`: the inventory says who created the account; the tier says who must have.
struct CreatedByRule: Rule {
    static func required(for tier: Tier) -> [CreatedBy] {
        switch tier {
        case .primary: [.district]
        case .schoolOwned: [.district, .school]
        case .professional, .personal: [.individual]
        case .unregistered: []
        }
    }

    let description = RuleDescription(
        id: "account.created-by",
        name: "Created by the wrong party",
        summary: "The inventory's createdBy is not what the tier requires: primary — district; school-owned — district or school; professional and personal — individual.",
        concern: .accountSetup,
        severities: [(.primary, .high), (.schoolOwned, .high), (.professional, .medium), (.personal, .medium)],
        policy: [PolicyText.primaryCreated, PolicyText.schoolOwnedCreated, PolicyText.endUserCreated],
        remedy: "Record in the inventory who created the account: the district creates primary accounts and the school its school-owned ones; an account a person created is moved to a district address or closed.",
        actor: .districtCommunications,
        triggering: [
            RuleExample("a primary account created by the school", Scenario.account(.primary).inventoryEntry { $0.createdBy = .school }),
            RuleExample("a school-owned account created by an individual", Scenario.account(.schoolOwned).inventoryEntry { $0.createdBy = .individual }),
            RuleExample("a personal account the district created", Scenario.account(.personal).inventoryEntry { $0.createdBy = .district }),
            RuleExample("a professional account whose creator the inventory does not say", Scenario.account(.professional).inventoryEntry { $0.createdBy = nil }),
        ],
        nonTriggering: [
            RuleExample("a primary account created by the district", Scenario.account(.primary)),
            RuleExample("a school-owned account created by the district", Scenario.account(.schoolOwned).inventoryEntry { $0.createdBy = .district }),
            RuleExample("a personal account created by its owner", Scenario.account(.personal)),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let entry = account.inventory else { return }
        let allowed = Self.required(for: account.tier)
        guard let createdBy = entry.createdBy, allowed.contains(createdBy) else {
            let required = allowed.map(\.rawValue).joined(separator: " or ")
            report.report(
                Evidence(kind: .inventory, compared: [
                    ComparedValue("inventory createdBy", entry.createdBy?.rawValue ?? "(not given)"),
                    ComparedValue("required for \(account.tier.label)", required),
                ]),
                entry.createdBy.map { "Created by \($0.rawValue); a \(account.tier.label) account must be created by \(required)" }
                    ?? "The inventory does not say who created it; a \(account.tier.label) account must be created by \(required)")
            return
        }
    }
}
