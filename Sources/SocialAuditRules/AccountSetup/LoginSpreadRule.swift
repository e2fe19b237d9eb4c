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
        triggering: [
            RuleExample("seven addresses in three days", Scenario.account(.schoolOwned).with {
                $0.subject.logins = (0..<7).map { i in
                    LoginRecord(createdAt: ExampleDistrict.date("2026-10-20T08:00:00Z").addingTimeInterval(Double(i) * 36_000), ip: "203.0.113.\(i + 1)")
                }
            }),
            RuleExample("six addresses within one week among older logins", Scenario.account(.primary).with {
                $0.subject.logins = (0..<6).map { i in
                    LoginRecord(createdAt: ExampleDistrict.date("2026-09-01T08:00:00Z").addingTimeInterval(Double(i) * 86_400), ip: "198.51.100.\(i + 1)")
                } + [LoginRecord(createdAt: ExampleDistrict.date("2026-01-01T08:00:00Z"), ip: "10.0.0.1")]
            }),
        ],
        nonTriggering: [
            RuleExample("five addresses in a week: at the limit, not over it", Scenario.account(.primary).with {
                $0.subject.logins = (0..<5).map { i in
                    LoginRecord(createdAt: ExampleDistrict.date("2026-10-20T08:00:00Z").addingTimeInterval(Double(i) * 86_400), ip: "203.0.113.\(i + 1)")
                }
            }),
            RuleExample("eight addresses, but a week apart each", Scenario.account(.schoolOwned).with {
                $0.subject.logins = (0..<8).map { i in
                    LoginRecord(createdAt: ExampleDistrict.date("2026-06-01T08:00:00Z").addingTimeInterval(Double(i) * 8 * 86_400), ip: "203.0.113.\(i + 1)")
                }
            }),
            RuleExample("many logins from one address", Scenario.account(.primary).with {
                $0.subject.logins = (0..<40).map { i in
                    LoginRecord(createdAt: ExampleDistrict.date("2026-10-01T08:00:00Z").addingTimeInterval(Double(i) * 3_600), ip: "10.1.1.1")
                }
            }),
        ])

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
