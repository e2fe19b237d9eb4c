import SocialAuditCore

/// `account.single-manager`: exactly one manager.
struct SingleManagerRule: Rule {
    let description = RuleDescription(
        id: "account.single-manager",
        name: "Not exactly one manager",
        summary: "The account does not have exactly one manager.",
        concern: .accountSetup,
        severities: [(.primary, .high), (.schoolOwned, .high)],
        policy: [PolicyText.oneManager],
        remedy: "Name exactly one manager for the account in the inventory: others may help, but one person answers for it.",
        actor: .principal,
        triggering: [
            RuleExample("two managers", Scenario.account(.schoolOwned).inventoryEntry {
                $0.managers = ["tlane@haywood.k12.nc.us", "jdoe@haywood.k12.nc.us"]
            }),
            RuleExample("no manager at all", Scenario.account(.primary).inventoryEntry { $0.managers = [] }),
        ],
        nonTriggering: [
            RuleExample("one manager", Scenario.account(.primary)),
            RuleExample("one manager, written twice in different case", Scenario.account(.schoolOwned).inventoryEntry {
                $0.managers = ["tlane@haywood.k12.nc.us", "TLane@Haywood.k12.nc.us"]
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let entry = account.inventory else { return }
        let managers = Set(entry.managers.map { $0.lowercased() })
        guard managers.count != 1 else { return }
        report.report(
            Evidence(kind: .inventory, compared: [
                ComparedValue("managers", managers.isEmpty ? "(none)" : managers.sorted().joined(separator: ", ")),
                ComparedValue("required", "exactly one"),
            ]),
            managers.isEmpty ? "No manager is assigned; the account needs exactly one" : "\(managers.count) managers are assigned; the account needs exactly one")
    }
}
