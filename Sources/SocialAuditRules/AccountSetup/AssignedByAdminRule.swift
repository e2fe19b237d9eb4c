import SocialAuditCore

/// `account.assigned-by-admin`: a school-owned account's manager is assigned by an administrator of its school.
struct AssignedByAdminRule: Rule {
    let description = RuleDescription(
        id: "account.assigned-by-admin",
        name: "Manager not assigned by an administrator",
        summary: "assignedBy is missing or is not an administrator of the account's school.",
        concern: .accountSetup,
        severities: [(.schoolOwned, .medium)],
        policy: [PolicyText.assignManager],
        remedy: "Have the school's principal, or another administrator of the school, assign the manager, and record who did in the inventory's assignedBy.",
        actor: .principal,
        triggering: [
            RuleExample("no one is named as having assigned the manager", Scenario.account(.schoolOwned).inventoryEntry { $0.assignedBy = nil }),
            RuleExample("assigned by a teacher", Scenario.account(.schoolOwned).inventoryEntry { $0.assignedBy = "kjackson@haywood.k12.nc.us" }),
            RuleExample("assigned by another school's administrator", Scenario.account(.schoolOwned).inventoryEntry { $0.assignedBy = "pking@haywood.k12.nc.us" }),
        ],
        nonTriggering: [
            RuleExample("assigned by the school's administrator", Scenario.account(.schoolOwned)),
            RuleExample("assigned by the school's administrator, the address in another case", Scenario.account(.schoolOwned).inventoryEntry {
                $0.assignedBy = "MReed@Haywood.K12.NC.US"
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let entry = account.inventory else { return }
        guard let assignedBy = entry.assignedBy else {
            report.report(Evidence(kind: .inventory, compared: [ComparedValue("inventory assignedBy", "(not given)")]),
                          "The inventory does not say which administrator assigned the manager")
            return
        }
        guard let school = entry.school, district.definesSchool(school) else { return }
        let person = district.person(assignedBy)
        guard person?.role != .administrator || person?.school != school else { return }
        let who = person.map { "\($0.role.rawValue) at \($0.school)" } ?? "not in the directory"
        report.report(
            Evidence(kind: .inventory, compared: [
                ComparedValue("inventory assignedBy", "\(assignedBy) (\(who))"),
                ComparedValue("required", "an administrator of \(school)"),
            ]),
            "The manager was assigned by \(assignedBy) (\(who)), not by an administrator of \(school)")
    }
}
