import SocialAuditCore

/// `account.connected-apps`: only approved applications hold access to a school account.
struct ConnectedAppsRule: Rule {
    let description = RuleDescription(
        id: "account.connected-apps",
        name: "Connected application not approved",
        summary: "The archive lists a connected application that is not on the configuration's approved list.",
        concern: .accountSetup,
        severities: [(.primary, .medium), (.schoolOwned, .medium)],
        policy: [PolicyText.noSharing],
        remedy: "Revoke the application's access in the account's settings (Security and account access, Apps and sessions), or ask district communications to add it to the approved list.",
        actor: .accountManager,
        triggering: [
            RuleExample("a scheduling app nobody approved", Scenario.account(.schoolOwned).with {
                $0.subject.applications.append(ConnectedApplication(name: "TweetBlaster 3000"))
            }),
            RuleExample("an approved app and an unapproved one", Scenario.account(.primary).with {
                $0.subject.applications = [ConnectedApplication(name: "SchoolPointe"), ConnectedApplication(name: "FollowerBoost")]
            }),
        ],
        nonTriggering: [
            RuleExample("only the approved app", Scenario.account(.primary)),
            RuleExample("the approved app, named in another case", Scenario.account(.schoolOwned).with {
                $0.subject.applications = [ConnectedApplication(name: "schoolpointe")]
            }),
            RuleExample("no connected apps", Scenario.account(.primary).with { $0.subject.applications = [] }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        let approved = Set(district.policy.approvedApps.map { $0.lowercased() })
        var seen = Set<String>()
        for app in account.applications where !approved.contains(app.name.lowercased()) {
            guard seen.insert(app.name.lowercased()).inserted else { continue }
            report.report(
                Evidence(kind: .account, time: app.approvedAt, compared: [
                    ComparedValue("connected application", app.name + (app.organizationName.map { " (\($0))" } ?? "")),
                    ComparedValue("approved", district.policy.approvedApps.isEmpty ? "(none)" : district.policy.approvedApps.joined(separator: ", ")),
                ], key: app.name.lowercased()),
                "Connected application '\(app.name)' is not on the approved list")
        }
    }
}
