import Foundation
import SocialAuditCore

/// The rule reference, printed from the declarations: `socialaudit rules` (text, markdown, json)
/// and `socialaudit explain RULE-ID`. docs/rules.md is the markdown form (a test says when it is stale).
public enum RuleReference {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, json
    }

    public static func render(_ rules: [any Rule] = RuleCatalog.all, format: Format) -> String {
        switch format {
        case .text: text(rules)
        case .markdown: markdown(rules)
        case .json: json(rules)
        }
    }

    static func severities(_ d: RuleDescription) -> String {
        d.severities.map { "\($0.tier.label) (\($0.severity.rawValue))" }.joined(separator: ", ")
    }

    static func citation(_ d: RuleDescription) -> String {
        d.policy.map { $0 == "board policy" || $0 == "district practice" ? $0 : "“\($0)”" }.joined(separator: " ")
    }

    static func text(_ rules: [any Rule]) -> String {
        var lines: [String] = []
        for concern in RuleConcern.allCases {
            let group = rules.filter { $0.description.concern == concern }
            guard !group.isEmpty else { continue }
            lines.append(concern.rawValue.uppercased())
            for rule in group {
                let d = rule.description
                lines.append("  \(d.id) — \(d.name)")
                lines.append("      \(d.summary)")
                lines.append("      tiers: \(severities(d))")
                lines.append("      policy: \(citation(d))")
                lines.append("      what to do (\(d.actor.rawValue)): \(d.remedy)")
            }
            lines.append("")
        }
        lines.append("socialaudit explain RULE-ID shows a rule with its examples.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(_ rules: [any Rule]) -> String {
        var out = "# Rule reference\n\nGenerated from the rule declarations by `socialaudit rules --format markdown`; do not edit.\n"
        for concern in RuleConcern.allCases {
            let group = rules.filter { $0.description.concern == concern }
            guard !group.isEmpty else { continue }
            out += "\n## \(concern.rawValue)\n\n| id | name | tiers (severity) | fires when | policy | what to do | who acts |\n|---|---|---|---|---|---|---|\n"
            for rule in group {
                let d = rule.description
                out += "| `\(d.id)` | \(d.name) | \(severities(d)) | \(d.summary) | \(citation(d)) | \(d.remedy) | \(d.actor.rawValue) |\n"
            }
        }
        return out
    }

    static func json(_ rules: [any Rule]) -> String {
        let entries: [[String: Any]] = rules.map { rule in
            let d = rule.description
            return [
                "id": d.id, "name": d.name, "summary": d.summary, "concern": d.concern.rawValue,
                "tiers": d.severities.map { ["tier": $0.tier.rawValue, "severity": $0.severity.rawValue] },
                "policy": d.policy, "remedy": d.remedy, "actor": d.actor.rawValue,
            ]
        }
        let data = try! JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One rule in full: what fires it, its tiers, the policy and its examples.
    public static func explain(_ rule: any Rule) -> String {
        let d = rule.description
        var lines = [
            "\(d.id) — \(d.name)",
            "",
            d.summary,
            "",
            "Tiers:   \(severities(d))",
            "Policy:  \(citation(d))",
            "",
            "What to do (\(d.actor.rawValue)): \(d.remedy)",
            "",
            "Fires on:",
        ]
        lines += d.triggering.flatMap(describe)
        lines.append("")
        lines.append("Does not fire on:")
        lines += d.nonTriggering.flatMap(describe)
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ example: RuleExample) -> [String] {
        var lines = ["  - \(example.note) (\(example.scenario.subject.tier.label) account)"]
        for tweet in example.scenario.tweets {
            lines.append("      tweet: \(tweet.text.replacingOccurrences(of: "\n", with: " "))")
        }
        for conversation in example.scenario.conversations {
            lines.append("      \(conversation.kind == .group ? "group conversation" : "direct messages") with \(conversation.participantIds.count) participants")
        }
        return lines
    }
}
