import SocialAuditCore

/// `account.registered-email`: the account is registered to a district address made for it.
struct RegisteredEmailRule: Rule {
    let description = RuleDescription(
        id: "account.registered-email",
        name: "Not registered to the account's district address",
        summary: "The archive's e-mail is not on a district domain, or differs from the inventory's registeredEmail; for a primary account, also when it is a person's own address; or the archive gives no e-mail at all, so the registration cannot be checked.",
        concern: .accountSetup,
        severities: [(.primary, .high), (.schoolOwned, .high)],
        policy: [PolicyText.primaryCreated, PolicyText.assignManager],
        remedy: "Change the account's e-mail in its settings to the district address made for it, and record that address in the inventory's registeredEmail.",
        actor: .accountManager,
        triggering: [
            RuleExample("registered to a Gmail address", Scenario.account(.schoolOwned).with {
                $0.subject.archiveAccount?.email = "pisgahcounselors@gmail.com"
            }),
            RuleExample("a district address, but not the one the inventory names", Scenario.account(.schoolOwned).with {
                $0.subject.archiveAccount?.email = "counseling.office@haywood.k12.nc.us"
            }),
            RuleExample("a primary account registered to its administrator's own address", Scenario.account(.primary).with {
                $0.subject.archiveAccount?.email = "mreed@haywood.k12.nc.us"
            }.inventoryEntry { $0.registeredEmail = "mreed@haywood.k12.nc.us" }),
            RuleExample("the archive's account.js gives \"email\": null", Scenario.account(.primary).with {
                $0.subject.archiveAccount?.email = nil
            }),
            RuleExample("the archive gives only white space for the e-mail", Scenario.account(.schoolOwned).with {
                $0.subject.archiveAccount?.email = "  "
            }),
        ],
        nonTriggering: [
            RuleExample("the address the inventory names", Scenario.account(.primary)),
            RuleExample("the same address in another case", Scenario.account(.schoolOwned).with {
                $0.subject.archiveAccount?.email = "PisgahCounselors@Haywood.K12.NC.US"
            }),
            RuleExample("no archive: nothing to compare", Scenario.account(.primary).with {
                $0.subject.hasArchive = false
                $0.subject.archiveAccount = nil
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let entry = account.inventory, let archived = account.archiveAccount else { return }
        let email = archived.email?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !email.isEmpty else {
            // An archive without an address hides the one fact this rule exists to check.
            report.report(
                Evidence(kind: .account, compared: [
                    ComparedValue("archive e-mail", "(none: account.js gives no address)"),
                    ComparedValue("inventory registeredEmail", entry.registeredEmail ?? "(not given)"),
                ]),
                "The archive gives no e-mail address, so what the account is registered to cannot be checked")
            return
        }
        let lowered = email.lowercased()
        let domain = lowered.split(separator: "@").last.map(String.init) ?? ""
        let districtDomains = district.inventory.district.emailDomains.map { $0.lowercased() }
        var reasons: [String] = []
        if !districtDomains.contains(where: { domain == $0 || domain.hasSuffix("." + $0) }) {
            reasons.append("it is not on a district domain (\(districtDomains.joined(separator: ", ")))")
        }
        if let registered = entry.registeredEmail, registered.lowercased() != lowered {
            reasons.append("the inventory registers \(registered)")
        }
        if account.tier == .primary, let person = district.person(lowered) {
            reasons.append("it is \(person.email)'s own address, not one made for the account")
        }
        guard !reasons.isEmpty else { return }
        report.report(
            Evidence(kind: .account, compared: [
                ComparedValue("archive e-mail", email),
                ComparedValue("inventory registeredEmail", entry.registeredEmail ?? "(not given)"),
            ]),
            "Registered to \(email): " + reasons.joined(separator: "; "))
    }
}
