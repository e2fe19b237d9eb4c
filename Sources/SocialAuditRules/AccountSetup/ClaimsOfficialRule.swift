import Foundation
import SocialAuditCore

/// `personal.claims-official`: a personal account presents itself as an official account.
struct ClaimsOfficialRule: Rule {
    let description = RuleDescription(
        id: "personal.claims-official",
        name: "Personal account presented as official",
        summary: "The profile (display name, bio, website) presents the account as an official district or school account.",
        concern: .accountSetup,
        severities: [(.personal, .medium)],
        policy: [PolicyText.individualNotRepresent],
        remedy: "Ask the staff member to take words that present the account as the school's or the district's own out of its name and bio; official news goes out from the primary account.",
        actor: .principal,
        triggering: [
            RuleExample("a claim phrase in the bio", Scenario.account(.personal).with {
                $0.subject.profile = Profile(bio: "The official account of Pisgah Bears athletics")
            }),
            RuleExample("the school's name with the word official, in the display name", Scenario.account(.personal).with {
                $0.subject.archiveAccount?.displayName = "Pisgah High School (Official)"
            }),
            RuleExample("the district's website as the profile's website", Scenario.account(.personal).with {
                $0.subject.profile = Profile(bio: "Teacher, runner", website: "https://www.haywood.k12.nc.us/phs")
            }),
        ],
        nonTriggering: [
            RuleExample("a teacher who names the school without claiming to speak for it", Scenario.account(.personal).with {
                $0.subject.profile = Profile(bio: "Teacher at Pisgah High School. Opinions are my own.")
            }),
            RuleExample("'official' without a school or district name", Scenario.account(.personal).with {
                $0.subject.profile = Profile(bio: "Unofficial scorekeeper, official coffee drinker")
            }),
            RuleExample("a primary account may say it is official (the rule is for personal accounts)", Scenario.account(.primary).with {
                $0.subject.profile = Profile(bio: "The official account of Pisgah High School")
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        let fields = [("display name", account.archiveAccount?.displayName), ("bio", account.profile?.bio),
                      ("website", account.profile?.website)]
            .compactMap { label, value in value.flatMap { $0.isEmpty ? nil : (label, $0) } }
        guard !fields.isEmpty else { return }
        let text = fields.filter { $0.0 != "website" }.map(\.1).joined(separator: "\n")
        var reasons: [String] = []
        let folded = FoldedText(text)
        let phrases = TextMatcher(phrases: district.policy.officialClaimPhrases.map { ($0, $0) })
        if let phrase = phrases.matches(in: folded).first?.tag {
            reasons.append("it says \"\(phrase)\"")
        }
        let official = TextMatcher(phrases: [("official", "official")])
        if reasons.isEmpty, !official.matches(in: folded).isEmpty {
            let names = [district.inventory.district.name] + district.inventory.schools.map(\.name)
            if let name = TextMatcher(phrases: names.map { ($0, $0) }).matches(in: folded).first?.tag {
                reasons.append("it names \(name) with the word \"official\"")
            }
        }
        if let website = account.profile?.website, let host = Self.host(website) {
            for site in district.inventory.district.websites.compactMap({ Self.host($0) })
            where host == site || host.hasSuffix("." + site) {
                reasons.append("its website is the district's (\(website))")
                break
            }
        }
        guard !reasons.isEmpty else { return }
        report.report(
            Evidence(kind: .profile, compared: fields.map { ComparedValue($0.0, $0.1) }),
            "The profile presents the personal account as official: " + reasons.joined(separator: "; "))
    }

    /// The host of a URL or bare domain, lowercased, without `www.`.
    static func host(_ text: String) -> String? {
        var value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if !value.contains("://") { value = "https://" + value }
        guard var host = URLComponents(string: value)?.host, !host.isEmpty else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host
    }
}
