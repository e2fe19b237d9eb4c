import SocialAuditCore

/// `account.email-routing`: a school-owned account's address routes to its manager and to the
/// administrator who assigned the manager.
struct EmailRoutingRule: Rule {
    let description = RuleDescription(
        id: "account.email-routing",
        name: "Address does not reach manager and administrator",
        summary: "emailRoutesTo does not include both the manager and the administrator in assignedBy.",
        concern: .accountSetup,
        severities: [(.schoolOwned, .medium)],
        policy: [PolicyText.routing],
        remedy: "Have the account's address forward to both its manager and the administrator who assigned them, and list both in the inventory's emailRoutesTo.",
        actor: .accountManager,
        triggering: [
            RuleExample("routes to the manager only", Scenario.account(.schoolOwned).inventoryEntry {
                $0.emailRoutesTo = ["tlane@haywood.k12.nc.us"]
            }),
            RuleExample("routes nowhere", Scenario.account(.schoolOwned).inventoryEntry { $0.emailRoutesTo = [] }),
            RuleExample("routes to the administrator only", Scenario.account(.schoolOwned).inventoryEntry {
                $0.emailRoutesTo = ["mreed@haywood.k12.nc.us"]
            }),
        ],
        nonTriggering: [
            RuleExample("routes to both", Scenario.account(.schoolOwned)),
            RuleExample("routes to both and to the counseling office, in mixed case", Scenario.account(.schoolOwned).inventoryEntry {
                $0.emailRoutesTo = ["TLane@haywood.k12.nc.us", "MReed@haywood.k12.nc.us", "counseling@haywood.k12.nc.us"]
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let entry = account.inventory else { return }
        let routes = Set(entry.emailRoutesTo.map { $0.lowercased() })
        var needed = Set(entry.managers.map { $0.lowercased() })
        if let admin = entry.assignedBy { needed.insert(admin.lowercased()) }
        let missing = needed.subtracting(routes).sorted()
        guard !missing.isEmpty || needed.isEmpty || entry.assignedBy == nil else { return }
        var lacking = missing
        if entry.assignedBy == nil { lacking.append("the assigning administrator (not given)") }
        if entry.managers.isEmpty { lacking.append("a manager (none given)") }
        report.report(
            Evidence(kind: .inventory, compared: [
                ComparedValue("inventory emailRoutesTo", routes.isEmpty ? "(none)" : routes.sorted().joined(separator: ", ")),
                ComparedValue("must include", needed.isEmpty ? "the manager and the administrator" : needed.sorted().joined(separator: ", ")),
            ]),
            "The account's address does not route to " + lacking.joined(separator: ", "))
    }
}
