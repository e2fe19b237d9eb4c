import Foundation
import Mustache
import SocialAuditCore
import SocialAuditRules

/// The values the HTML templates show. Every value is text or a number; the template engine
/// escapes each one, so nothing from an archive (tweets, bios, display names) reaches a page raw.
enum HTMLContext {
    static let coverageRules = ["archive.unreadable", "inventory.missing-archive", "inventory.stale-archive",
                                "inventory.unregistered-archive"]

    static func severityInfo(_ severity: Severity) -> (label: String, symbol: String) {
        switch severity {
        case .high: ("High", "▲")
        case .medium: ("Medium", "◆")
        case .low: ("Low", "●")
        }
    }

    static func plural(_ count: Int) -> String { count == 1 ? "" : "s" }

    static func ruleName(_ id: String) -> String { RuleCatalog.rule(id)?.description.name ?? id }

    static func totals(findings: Int, accounts: [AuditedAccount], archives: Int) -> [String: Any] {
        [
            "findings": findings, "accounts": accounts.count, "archives": archives,
            "tweets": accounts.reduce(0) { $0 + $1.tweets }, "messages": accounts.reduce(0) { $0 + $1.messages },
        ]
    }

    /// The findings counted by severity, as the page's cards (the counts made in the page's one
    /// pass over its findings).
    static func severityCounts(_ counts: [Severity: Int]) -> [[String: Any]] {
        Severity.allCases.map { severity in
            let info = severityInfo(severity)
            return ["key": severity.rawValue, "label": info.label, "symbol": info.symbol, "count": counts[severity] ?? 0]
        }
    }

    /// How many of `findings` (those at `indices`) each account has, by handle and tier.
    static func accountCounts(_ findings: [Finding], _ indices: some Sequence<Int>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for index in indices { counts[accountKey(findings[index].account, findings[index].tier), default: 0] += 1 }
        return counts
    }

    static func accountKey(_ handle: String, _ tier: Tier) -> String {
        handle + "\u{0}" + tier.rawValue
    }

    /// A horizontal bar chart as SVG coordinates (the template draws it, labels escaped).
    static func chart(id: String, title: String, items: [(label: String, count: Int)]) -> [String: Any] {
        let labelWidth = 260, barMax = 220, rowHeight = 24
        let maxCount = max(items.map(\.count).max() ?? 1, 1)
        let bars: [[String: Any]] = items.enumerated().map { index, item in
            let width = max(2, item.count * barMax / maxCount)
            return ["label": item.label, "count": item.count, "y": index * rowHeight + 4, "textY": index * rowHeight + 16,
                    "barX": labelWidth, "barWidth": width, "valueX": labelWidth + width + 6]
        }
        let description = items.map { "\($0.label): \($0.count)" }.joined(separator: "; ")
        return ["id": id, "title": title, "description": description, "bars": bars,
                "width": labelWidth + barMax + 40, "height": max(items.count * rowHeight + 8, rowHeight)]
    }

    static func accountRow(_ account: AuditedAccount, counts: [String: Int], anchor: Bool) -> [String: Any] {
        let count = counts[accountKey(account.handle, account.tier)] ?? 0
        var notes: [String] = []
        if let captured = account.captured {
            let newest = captured.newest.map { ", newest \(TwitterDate.day($0))" } ?? ""
            notes.append("\(captured.tweets) tweet\(captured.tweets == 1 ? "" : "s") from X API captures\(newest)")
        }
        if account.archiveName == nil {
            // The API's timelines hold no DMs, connected apps or logins: only an archive does.
            notes.append(account.captured == nil ? "no archive in this run"
                         : "no archive: DMs, connected apps and logins were not checked")
        } else if account.unreadable {
            notes.append("part of the archive could not be read")
        }
        let note = notes.joined(separator: "; ")
        var row: [String: Any] = [
            "handle": account.handle, "tier": account.tier.label, "runBy": account.runBy ?? "—",
            "archiveDate": account.archiveDate.map(TwitterDate.day) ?? (account.archiveName == nil ? "—" : "unknown"),
            "tweets": account.tweets, "conversations": account.conversations, "findings": count, "note": note,
        ]
        if anchor && count > 0 { row["anchor"] = anchorId(account.handle, account.tier) }
        return row
    }

    /// What the pages say of `policy.lookbackDays`; false when every tweet was looked at.
    static func lookback(_ report: RunReport) -> Any {
        guard let lookback = report.lookback else { return false }
        return ["days": lookback.days, "since": lookback.since]
    }

    static func anchorId(_ handle: String, _ tier: Tier) -> String {
        "account-" + String(handle.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "_" ? Character($0) : "-" }) + "-" + tier.rawValue
    }

    /// The trend of one school (or `*`, the district) over the recent runs, as columns to draw.
    static func trend(_ report: RunReport, school: String) -> [String: Any] {
        let points = report.trend.filter { $0.schoolId == school }
        // Runs where the school had nothing count as zero.
        let runs = Array(Set(report.trend.map { ($0.runId) })).sorted()
        let rows: [TrendPoint] = runs.map { run in
            points.first { $0.runId == run }
                ?? TrendPoint(runId: run, asOf: report.trend.first { $0.runId == run }?.asOf ?? "", schoolId: school,
                              new: 0, open: 0, suppressed: 0, resolved: 0)
        }
        let maxActive = max(rows.map { $0.new + $0.open }.max() ?? 1, 1)
        let columns: [[String: Any]] = rows.enumerated().map { index, point in
            let active = point.new + point.open
            let height = max(1, active * 100 / maxActive)
            return ["asOf": point.asOf, "shortDate": String(point.asOf.dropFirst(5)), "new": point.new, "open": point.open,
                    "suppressed": point.suppressed, "resolved": point.resolved, "active": active,
                    "x": 10 + index * 56, "y": 125 - height, "height": height, "labelX": 10 + index * 56, "valueY": 120 - height]
        }
        let description = rows.map { "\($0.asOf): \($0.new + $0.open) to act on, \($0.resolved) resolved" }.joined(separator: "; ")
        return ["columns": columns, "width": max(20 + rows.count * 56, 200), "description": description]
    }

    static func district(_ report: RunReport) -> [String: Any] {
        let findings = report.findings
        // Counted in one pass: by school and by rule, each by severity.
        var bySchool: [String: [Severity: Int]] = [:]
        var byRule: [String: [Severity: Int]] = [:]
        var bySeverity: [Severity: Int] = [:]
        for index in findings.indices {
            bySchool[findings[index].schoolId, default: [:]][findings[index].severity, default: 0] += 1
            byRule[findings[index].rule, default: [:]][findings[index].severity, default: 0] += 1
            bySeverity[findings[index].severity, default: 0] += 1
        }
        let perAccount = accountCounts(findings, findings.indices)
        let reportSchools = report.reportSchools
        let schools: [[String: Any]] = reportSchools.map { school in
            let own = bySchool[school.id] ?? [:]
            return ["id": school.id, "name": school.name, "href": "schools/\(school.id)/index.html",
                    "accounts": report.accounts.count { $0.schoolId == school.id }, "findings": own.values.reduce(0, +),
                    "high": own[.high] ?? 0, "medium": own[.medium] ?? 0, "low": own[.low] ?? 0]
        }
        var rules: [[String: Any]] = []
        for rule in RuleCatalog.all {
            let id = rule.description.id
            guard let own = byRule[id] else { continue }
            rules.append(["id": id, "name": rule.description.name, "summary": rule.description.summary, "count": own.values.reduce(0, +),
                          "high": own[.high] ?? 0, "medium": own[.medium] ?? 0, "low": own[.low] ?? 0])
        }
        let coverage: [[String: Any]] = findings.filter { coverageRules.contains($0.rule) }.map { finding in
            let info = severityInfo(finding.severity)
            return ["schoolName": finding.schoolName, "account": finding.account, "ruleName": ruleName(finding.rule),
                    "severity": finding.severity.rawValue, "severityLabel": info.label, "severitySymbol": info.symbol,
                    "summary": finding.summary]
        }
        let groups: [[String: Any]] = reportSchools.compactMap { school in
            let accounts = report.accounts.filter { $0.schoolId == school.id }
            guard !accounts.isEmpty else { return nil }
            return ["schoolName": school.name, "accounts": accounts.map { accountRow($0, counts: perAccount, anchor: false) }]
        }
        let schoolItems = reportSchools.map { school in (school.name, bySchool[school.id]?.values.reduce(0, +) ?? 0) }
        let ruleItems = rules.map { ($0["name"] as! String, $0["count"] as! Int) }
        return [
            "districtName": report.district.name, "asOf": report.asOf, "countId": "total-findings", "lookback": lookback(report),
            "totals": totals(findings: findings.count, accounts: report.accounts, archives: report.archivesRead),
            "archivesPlural": plural(report.archivesRead),
            "schoolCount": reportSchools.count, "schoolsPlural": plural(reportSchools.count),
            "severityCounts": severityCounts(bySeverity),
            "hasCoverage": !coverage.isEmpty, "coverage": coverage,
            "schools": schools, "rules": rules, "hasFindings": !findings.isEmpty,
            "schoolChart": chart(id: "chart-schools", title: "Findings by school", items: schoolItems),
            "ruleChart": chart(id: "chart-rules", title: "Findings by rule", items: ruleItems),
            "accountGroups": groups,
            "hasResolved": !report.resolved.isEmpty, "resolvedCount": report.resolved.count, "resolvedPlural": plural(report.resolved.count),
            "trend": trend(report, school: "*"),
        ]
    }

    /// Each rule's place in the catalog, which orders a page's rules.
    static let catalogOrder: [String: Int] = Dictionary(
        RuleCatalog.all.enumerated().map { ($1.description.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// A school's findings, sorted in one pass (a large school's page has thousands): how many
    /// are its own, those set aside (suppressed), and those to act on grouped by account, then
    /// by rule. By index: a copy of a finding is a dozen retains and releases.
    struct SchoolFindings {
        var own = 0
        var bySeverity: [Severity: Int] = [:]
        var suppressed: [Int] = []
        var active: [Int] = []
        var statuses: [FindingStatus] = []
        var groups: [(handle: String, tier: Tier, byRule: [Int: [Int]])] = []

        init(_ report: RunReport, school id: String) {
            let findings = report.findings
            var groupIndex: [String: Int] = [:]
            for index in findings.indices where findings[index].schoolId == id {
                own += 1
                bySeverity[findings[index].severity, default: 0] += 1
                let status = report.findingStatuses[index]
                guard status != .suppressed else { suppressed.append(index); continue }
                active.append(index)
                statuses.append(status)
                let key = accountKey(findings[index].account, findings[index].tier)
                let group = groupIndex[key] ?? groups.count
                if group == groups.count {
                    groupIndex[key] = group
                    groups.append((findings[index].account, findings[index].tier, [:]))
                }
                // Only the catalog's rules have a section, in the catalog's order.
                if let order = catalogOrder[findings[index].rule] { groups[group].byRule[order, default: []].append(active.count - 1) }
            }
        }

        /// By account (in the findings' order), then by rule in the catalog's order.
        func sections(_ report: RunReport) -> [[String: Any]] {
            groups.map { group in
                let rules: [[String: Any]] = group.byRule.keys.sorted().map { order in
                    let description = RuleCatalog.all[order].description
                    return ["id": description.id, "name": description.name, "policy": description.policy.map(policyText),
                            "remedy": description.remedy, "actor": description.actor.rawValue,
                            "findings": group.byRule[order]!.map { view(report, active[$0], statuses[$0]) }]
                }
                return ["handle": group.handle, "tier": group.tier.label, "anchor": anchorId(group.handle, group.tier), "rules": rules]
            }
        }

        func view(_ report: RunReport, _ index: Int, _ status: FindingStatus) -> FindingView {
            let finding = report.findings[index]
            return FindingView(finding, status: status, notRecheckedSince: report.notRecheckedSince[finding.fingerprint])
        }
    }

    static func school(_ report: RunReport, id: String, name: String) -> [String: Any] {
        let sorted = SchoolFindings(report, school: id)
        let accounts = report.accounts.filter { $0.schoolId == id }
        let perAccount = accountCounts(report.findings, sorted.active)
        let resolved = report.resolved.filter { $0.schoolId == id }.map { finding in
            var row = ["account": finding.account, "ruleName": ruleName(finding.rule), "fingerprint": finding.fingerprint]
            if let reason = finding.reason { row["reason"] = reason }
            return row
        }
        return [
            "districtName": report.district.name, "schoolName": name, "schoolId": id, "asOf": report.asOf, "lookback": lookback(report),
            "countId": "school-findings",
            "totals": totals(findings: sorted.own, accounts: accounts, archives: accounts.filter { $0.archiveName != nil }.count),
            "severityCounts": severityCounts(sorted.bySeverity),
            "accounts": accounts.map { accountRow($0, counts: perAccount, anchor: true) },
            "sections": sorted.sections(report),
            "hasSuppressed": !sorted.suppressed.isEmpty, "suppressed": sorted.suppressed.map { sorted.view(report, $0, .suppressed) },
            "hasResolved": !resolved.isEmpty, "resolved": resolved,
            "trend": trend(report, school: id),
        ]
    }

    static func policyText(_ citation: String) -> String {
        switch citation {
        case "board policy": "Board policy (a signal for review)."
        case "district practice": "District practice."
        default: "“\(citation)”"
        }
    }

}

/// A finding as the templates see it: a property per name the templates use, answered by
/// name (``MustacheParent``) rather than through Mirror; a missing one (`tweet` of a
/// conversation) is a missing key.
final class FindingView: MustacheParent, @unchecked Sendable {
    let severity: String
    let severityLabel: String
    let severitySymbol: String
    let status: FindingStatus
    let summary: String
    let fingerprint: String
    let hasCompared: Bool
    let compared: [[String: String]]
    let tweet: TweetView?
    let dm: [String: Any]?

    /// The day its account's data was last read, when this run could not read it.
    let notRecheckedSince: String?

    init(_ finding: Finding, status: FindingStatus, notRecheckedSince: String? = nil) {
        self.notRecheckedSince = notRecheckedSince
        let info = HTMLContext.severityInfo(finding.severity)
        let evidence = finding.evidence
        severity = finding.severity.rawValue
        severityLabel = info.label
        severitySymbol = info.symbol
        self.status = status
        summary = finding.summary
        fingerprint = finding.fingerprint
        hasCompared = !evidence.compared.isEmpty
        compared = evidence.compared.map { ["label": $0.label, "value": $0.value] }
        switch evidence.kind {
        case .tweet:
            tweet = TweetView(id: evidence.id ?? "", text: evidence.text ?? "", url: evidence.url ?? "",
                              time: evidence.time.map(TwitterDate.iso8601) ?? "")
            dm = nil
        case .dm:
            let count = evidence.messageCount ?? 0
            tweet = nil
            dm = ["id": evidence.id ?? "", "messages": count, "plural": HTMLContext.plural(count),
                  "participants": evidence.participantCount ?? 0,
                  "first": evidence.firstMessageAt.map(TwitterDate.iso8601) ?? "",
                  "last": evidence.lastMessageAt.map(TwitterDate.iso8601) ?? ""]
        default:
            tweet = nil
            dm = nil
        }
    }

    // What a finding lacks is `false`, not nil: a nil sends swift-mustache up the context stack,
    // casting each level to find the name (most of a school page's rendering).
    func child(named name: String) -> Any? {
        switch name {
        case "severity": severity
        case "severityLabel": severityLabel
        case "severitySymbol": severitySymbol
        case "status": status.rawValue
        case "notRecheckedSince": Self.orFalse(notRecheckedSince)
        case "summary": summary
        case "fingerprint": fingerprint
        case "hasCompared": hasCompared
        case "compared": compared
        case "tweet": Self.orFalse(tweet)
        case "dm": Self.orFalse(dm)
        default: nil
        }
    }

    private static func orFalse(_ value: Any?) -> Any { value ?? false }
}

/// A tweet's evidence as the templates see it (`{{#tweet}}`), answered by name as ``FindingView``.
final class TweetView: MustacheParent, @unchecked Sendable {
    let id: String
    let text: String
    let url: String
    let time: String

    init(id: String, text: String, url: String, time: String) {
        self.id = id
        self.text = text
        self.url = url
        self.time = time
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "text": text
        case "url": url
        case "time": time
        // The partial asks; the evidence does not say (see FindingView.child(named:)).
        case "deleted": false
        default: nil
        }
    }
}
