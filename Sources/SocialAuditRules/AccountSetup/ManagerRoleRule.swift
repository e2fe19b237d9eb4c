import SocialAuditCore

/// `account.manager-role`: a primary account's manager is an administrator of its school (or of
/// the district); a school-owned account's manager is staff of its school.
struct ManagerRoleRule: Rule {
    let description = RuleDescription(
        id: "account.manager-role",
        name: "Manager lacks the required role",
        summary: "Primary: the manager is not an administrator of the account's school or of the district. School-owned: the manager is not staff of the account's school.",
        concern: .accountSetup,
        severities: [(.primary, .high), (.schoolOwned, .medium)],
        policy: [PolicyText.primaryShared, PolicyText.assignManager],
        remedy: "Give the account a manager with the role the policy asks for: an administrator of the school or the district for a primary account, staff of the school for a school-owned one.",
        actor: .principal,
        triggering: [
            RuleExample("a primary account managed by a teacher", Scenario.account(.primary).inventoryEntry {
                $0.managers = ["tlane@haywood.k12.nc.us"]
            }),
            RuleExample("a primary account managed by another school's administrator", Scenario.account(.primary).inventoryEntry {
                $0.managers = ["pking@haywood.k12.nc.us"]
            }),
            RuleExample("a school-owned account managed by a teacher of another school", Scenario.account(.schoolOwned).inventoryEntry {
                $0.managers = ["kpark@haywood.k12.nc.us"]
            }),
            RuleExample("a school-owned account managed by someone not in the directory", Scenario.account(.schoolOwned).inventoryEntry {
                $0.managers = ["coach.volunteer@gmail.com"]
            }),
        ],
        nonTriggering: [
            RuleExample("a primary account managed by its school's administrator", Scenario.account(.primary)),
            RuleExample("a primary account managed by a district administrator", Scenario.account(.primary).inventoryEntry {
                $0.managers = ["sboss@haywood.k12.nc.us"]
            }),
            RuleExample("a school-owned account managed by a teacher of its school", Scenario.account(.schoolOwned)),
            RuleExample("no manager: nothing to judge here (account.single-manager says it)", Scenario.account(.primary).inventoryEntry {
                $0.managers = []
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let entry = account.inventory, let school = entry.school, district.definesSchool(school) else { return }
        var wrong: [String] = []
        for email in Set(entry.managers.map { $0.lowercased() }).sorted() {
            let person = district.person(email)
            let fits: Bool
            switch account.tier {
            case .primary:
                fits = person?.role == .administrator && (person?.school == school || person?.school == Person.districtLevel)
            case .schoolOwned:
                fits = person?.school == school
            default:
                fits = true
            }
            if !fits {
                wrong.append(person.map { "\(email) (\($0.role.rawValue), \($0.school))" } ?? "\(email) (not in the directory)")
            }
        }
        guard !wrong.isEmpty else { return }
        let required = account.tier == .primary ? "an administrator of \(school) or of the district" : "staff of \(school)"
        report.report(
            Evidence(kind: .inventory, compared: [
                ComparedValue("manager", wrong.joined(separator: "; ")),
                ComparedValue("required", required),
            ]),
            "The manager is not \(required): \(wrong.joined(separator: "; "))")
    }
}
