import Foundation
import SocialAuditCore

/// `account.login-spread`: many distinct IP addresses in a short window suggest a shared password.
struct LoginSpreadRule: Rule {
    let description = RuleDescription(
        id: "account.login-spread",
        name: "Logins from many places",
        summary: "The login record shows more distinct IP addresses within some window of windowDays days than the configured limit.",
        concern: .accountSetup,
        severities: [(.primary, .low), (.schoolOwned, .low)],
        policy: [PolicyText.noSharing],
        remedy: "Ask the manager who signs in to the account and from where; if the logins are not theirs, change the password and end the other sessions.",
        actor: .accountManager,
        triggering: [
            RuleExample("seven addresses in three days", Scenario.account(.schoolOwned).with {
                $0.subject.logins = Self.logins(7, from: "2026-10-20T08:00:00Z", every: 36_000)
            }),
            RuleExample("six addresses within one week among older logins", Scenario.account(.primary).with {
                $0.subject.logins = Self.logins(6, from: "2026-09-01T08:00:00Z", every: 86_400, network: "198.51.100.")
                    + Self.logins(1, from: "2026-01-01T08:00:00Z", every: 0, network: "10.0.0.")
            }),
        ],
        nonTriggering: [
            RuleExample("five addresses in a week: at the limit, not over it", Scenario.account(.primary).with {
                $0.subject.logins = Self.logins(5, from: "2026-10-20T08:00:00Z", every: 86_400)
            }),
            RuleExample("eight addresses, but a week apart each", Scenario.account(.schoolOwned).with {
                $0.subject.logins = Self.logins(8, from: "2026-06-01T08:00:00Z", every: 8 * 86_400)
            }),
            RuleExample("many logins from one address", Scenario.account(.primary).with {
                $0.subject.logins = Self.logins(40, from: "2026-10-01T08:00:00Z", every: 3_600, network: nil)
            }),
        ])

    /// `count` logins, `every` seconds apart from `from`: each from its own address in `network`
    /// (.1, .2, …), or all from 10.1.1.1 when `network` is nil.
    private static func logins(_ count: Int, from: String, every seconds: Double, network: String? = "203.0.113.") -> [LoginRecord] {
        (0..<count).map { i in
            LoginRecord(createdAt: ExampleDistrict.date(from).addingTimeInterval(Double(i) * seconds),
                        ip: network.map { $0 + "\(i + 1)" } ?? "10.1.1.1")
        }
    }

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        let limit = district.policy.loginSpread.distinctIPs
        let window = Double(district.policy.loginSpread.windowDays) * 86_400
        let logins = account.logins.compactMap { login in login.createdAt.map { ($0, login.ip) } }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        guard logins.count > limit else { return }
        // A sliding window over the logins in time order, counting the addresses inside it.
        var counts: [String: Int] = [:]
        var start = 0
        var best: (count: Int, from: Date, to: Date)?
        for end in logins.indices {
            counts[logins[end].1, default: 0] += 1
            while logins[end].0.timeIntervalSince(logins[start].0) >= window {
                let ip = logins[start].1
                counts[ip]! -= 1
                if counts[ip] == 0 { counts[ip] = nil }
                start += 1
            }
            if counts.count > (best?.count ?? limit) {
                best = (counts.count, logins[start].0, logins[end].0)
            }
        }
        guard let best else { return }
        let days = district.policy.loginSpread.windowDays
        report.report(
            Evidence(kind: .account, time: best.from, compared: [
                ComparedValue("distinct IP addresses", "\(best.count)"),
                ComparedValue("between", "\(TwitterDate.iso8601(best.from)) and \(TwitterDate.iso8601(best.to))"),
                ComparedValue("limit", "\(limit) in \(days) days"),
            ]),
            "Logins from \(best.count) different IP addresses within \(days) days (limit \(limit)): the password may be shared")
    }
}
