import Foundation
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

    static func totals(_ findings: [Finding], accounts: [AuditedAccount], archives: Int) -> [String: Any] {
        [
            "findings": findings.count, "accounts": accounts.count, "archives": archives,
            "tweets": accounts.reduce(0) { $0 + $1.tweets }, "messages": accounts.reduce(0) { $0 + $1.messages },
        ]
    }

    static func severityCounts(_ findings: [Finding]) -> [[String: Any]] {
        Severity.allCases.map { severity in
            let info = severityInfo(severity)
            return ["key": severity.rawValue, "label": info.label, "symbol": info.symbol,
                    "count": findings.filter { $0.severity == severity }.count]
        }
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

    static func accountRow(_ account: AuditedAccount, findings: [Finding], anchor: Bool) -> [String: Any] {
        let count = findings.filter { $0.account == account.handle && $0.tier == account.tier }.count
        var note = ""
        if account.archiveName == nil {
            note = "no archive in this run"
        } else if account.unreadable {
            note = "part of the archive could not be read"
        }
        var row: [String: Any] = [
            "handle": account.handle, "tier": account.tier.label,
            "archiveDate": account.archiveDate.map(TwitterDate.day) ?? (account.archiveName == nil ? "—" : "unknown"),
            "tweets": account.tweets, "conversations": account.conversations, "findings": count, "note": note,
        ]
        if anchor && count > 0 { row["anchor"] = anchorId(account.handle, account.tier) }
        return row
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
        let schools: [[String: Any]] = report.reportSchools.map { school in
            let own = findings.filter { $0.schoolId == school.id }
            return ["id": school.id, "name": school.name, "href": "schools/\(school.id)/index.html",
                    "accounts": report.accounts.filter { $0.schoolId == school.id }.count, "findings": own.count,
                    "high": own.filter { $0.severity == .high }.count, "medium": own.filter { $0.severity == .medium }.count,
                    "low": own.filter { $0.severity == .low }.count]
        }
        var rules: [[String: Any]] = []
        for rule in RuleCatalog.all {
            let id = rule.description.id
            let own = findings.filter { $0.rule == id }
            guard !own.isEmpty else { continue }
            rules.append(["id": id, "name": rule.description.name, "summary": rule.description.summary, "count": own.count,
                          "high": own.filter { $0.severity == .high }.count, "medium": own.filter { $0.severity == .medium }.count,
                          "low": own.filter { $0.severity == .low }.count])
        }
        let coverage: [[String: Any]] = findings.filter { coverageRules.contains($0.rule) }.map { finding in
            let info = severityInfo(finding.severity)
            return ["schoolName": finding.schoolName, "account": finding.account, "ruleName": ruleName(finding.rule),
                    "severity": finding.severity.rawValue, "severityLabel": info.label, "severitySymbol": info.symbol,
                    "summary": finding.summary]
        }
        let groups: [[String: Any]] = report.reportSchools.compactMap { school in
            let accounts = report.accounts.filter { $0.schoolId == school.id }
            guard !accounts.isEmpty else { return nil }
            return ["schoolName": school.name, "accounts": accounts.map { accountRow($0, findings: findings, anchor: false) }]
        }
        let schoolItems = report.reportSchools.map { school in (school.name, findings.filter { $0.schoolId == school.id }.count) }
        let ruleItems = rules.map { ($0["name"] as! String, $0["count"] as! Int) }
        return [
            "districtName": report.district.name, "asOf": report.asOf, "countId": "total-findings",
            "totals": totals(findings, accounts: report.accounts, archives: report.archivesRead),
            "archivesPlural": plural(report.archivesRead),
            "schoolCount": report.reportSchools.count, "schoolsPlural": plural(report.reportSchools.count),
            "severityCounts": severityCounts(findings),
            "hasCoverage": !coverage.isEmpty, "coverage": coverage,
            "schools": schools, "rules": rules, "hasFindings": !findings.isEmpty,
            "schoolChart": chart(id: "chart-schools", title: "Findings by school", items: schoolItems),
            "ruleChart": chart(id: "chart-rules", title: "Findings by rule", items: ruleItems),
            "accountGroups": groups,
            "hasResolved": !report.resolved.isEmpty, "resolvedCount": report.resolved.count, "resolvedPlural": plural(report.resolved.count),
            "trend": trend(report, school: "*"),
        ]
    }

    static func school(_ report: RunReport, id: String, name: String) -> [String: Any] {
        let own = report.findings.filter { $0.schoolId == id }
        let active = own.filter { report.status($0) != "suppressed" }
        let suppressed = own.filter { report.status($0) == "suppressed" }
        let accounts = report.accounts.filter { $0.schoolId == id }
        // Findings grouped by account, then by rule in the catalog's order.
        var sections: [[String: Any]] = []
        var seen: [(String, Tier)] = []
        for finding in active where !seen.contains(where: { $0 == (finding.account, finding.tier) }) {
            seen.append((finding.account, finding.tier))
        }
        for (handle, tier) in seen {
            let mine = active.filter { $0.account == handle && $0.tier == tier }
            var rules: [[String: Any]] = []
            for rule in RuleCatalog.all {
                let list = mine.filter { $0.rule == rule.description.id }
                guard !list.isEmpty else { continue }
                rules.append(["id": rule.description.id, "name": rule.description.name,
                              "policy": rule.description.policy.map(policyText),
                              "findings": list.map { finding($0, status: report.status($0)) }])
            }
            sections.append(["handle": handle, "tier": tier.label, "anchor": anchorId(handle, tier), "rules": rules])
        }
        let resolved = report.resolved.filter { $0.schoolId == id }.map {
            ["account": $0.account, "ruleName": ruleName($0.rule), "fingerprint": $0.fingerprint]
        }
        return [
            "districtName": report.district.name, "schoolName": name, "schoolId": id, "asOf": report.asOf,
            "countId": "school-findings",
            "totals": totals(own, accounts: accounts, archives: accounts.filter { $0.archiveName != nil }.count),
            "severityCounts": severityCounts(own),
            "accounts": accounts.map { accountRow($0, findings: active, anchor: true) },
            "sections": sections,
            "hasSuppressed": !suppressed.isEmpty, "suppressed": suppressed.map { finding($0, status: "suppressed") },
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

    static func finding(_ finding: Finding, status: String) -> [String: Any] {
        let info = severityInfo(finding.severity)
        let evidence = finding.evidence
        var context: [String: Any] = [
            "severity": finding.severity.rawValue, "severityLabel": info.label, "severitySymbol": info.symbol,
            "status": status, "summary": finding.summary, "fingerprint": finding.fingerprint,
            "hasCompared": !evidence.compared.isEmpty,
            "compared": evidence.compared.map { ["label": $0.label, "value": $0.value] },
        ]
        switch evidence.kind {
        case .tweet:
            context["tweet"] = ["id": evidence.id ?? "", "text": evidence.text ?? "", "url": evidence.url ?? "",
                                "time": evidence.time.map(TwitterDate.iso8601) ?? ""] as [String: Any]
        case .dm:
            let count = evidence.messageCount ?? 0
            context["dm"] = ["id": evidence.id ?? "", "messages": count, "plural": plural(count),
                             "participants": evidence.participantCount ?? 0,
                             "first": evidence.firstMessageAt.map(TwitterDate.iso8601) ?? "",
                             "last": evidence.lastMessageAt.map(TwitterDate.iso8601) ?? ""] as [String: Any]
        default:
            break
        }
        return context
    }
}
