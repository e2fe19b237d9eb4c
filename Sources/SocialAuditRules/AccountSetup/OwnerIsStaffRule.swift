import SocialAuditCore

/// `account.owner-is-staff`: a staff account belongs to a person in the directory.
struct OwnerIsStaffRule: Rule {
    let description = RuleDescription(
        id: "account.owner-is-staff",
        name: "Owner is not a member of staff",
        summary: "The inventory's owner is missing or is not a person in the directory.",
        concern: .accountSetup,
        severities: [(.professional, .medium), (.personal, .low)],
        policy: [PolicyText.endUserCreated],
        remedy: "Record the owner by the district address the inventory's people list; an owner who has left the district's staff takes the account out of the inventory.",
        actor: .principal,
        triggering: [
            RuleExample("no owner given", Scenario.account(.professional).inventoryEntry { $0.owner = nil }),
            RuleExample("an owner who is not in the directory", Scenario.account(.personal).inventoryEntry { $0.owner = "kj1987@gmail.com" }),
        ],
        nonTriggering: [
            RuleExample("a teacher of the school", Scenario.account(.professional)),
            RuleExample("the owner's address in another case", Scenario.account(.personal).inventoryEntry { $0.owner = "KJackson@Haywood.k12.nc.us" }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let entry = account.inventory else { return }
        if let owner = entry.owner, district.person(owner) != nil { return }
        report.report(
            Evidence(kind: .inventory, compared: [ComparedValue("inventory owner", entry.owner ?? "(not given)")]),
            entry.owner.map { "The owner \($0) is not in the staff directory" } ?? "The inventory does not name the account's owner")
    }
}
