import Foundation
import Testing
import SocialAuditCore
import SocialAuditRules
@testable import SocialAuditRun

/// The key of an archive's cached audit follows the code: the rules' declarations, the shipped
/// lexicon and the binary's build, with nothing to bump by hand.
@Suite("The key of cached audits")
struct CodeKeyTests {
    /// A catalog rule with its declaration changed by `change`.
    struct Redeclared: Rule {
        var description: RuleDescription
        init(_ rule: any Rule, _ change: (inout RuleDescription) -> Void) {
            description = rule.description
            change(&description)
        }
    }

    static func catalog(changing id: String, _ change: (inout RuleDescription) -> Void) -> [any Rule] {
        RuleCatalog.all.map { $0.description.id == id ? Redeclared($0, change) : $0 }
    }

    @Test("the same catalog and lexicon give the same key; each change to a declaration or the lexicon gives another")
    func followsTheRules() throws {
        let shipped = RuleCatalog.fingerprint()
        #expect(shipped == RuleCatalog.fingerprint(of: RuleCatalog.all, lexicon: Lexicon.shipped.categories))
        #expect(shipped.count == 64)
        let rule = try #require(RuleCatalog.rule("professional.unprofessional-content")?.description)
        let tier = try #require(rule.severities.first?.tier)
        let changes: [(String, [any Rule], [String: [String]])] = [
            ("a severity", Self.catalog(changing: rule.id) { $0.severities[0].severity = $0.severities[0].severity == .high ? .low : .high },
             Lexicon.shipped.categories),
            ("a tier dropped", Self.catalog(changing: rule.id) { $0.severities.removeAll { $0.tier == tier } }, Lexicon.shipped.categories),
            ("what fires it", Self.catalog(changing: rule.id) { $0.summary += " Also hashtags." }, Lexicon.shipped.categories),
            ("an example", Self.catalog(changing: rule.id) { $0.nonTriggering.removeLast() }, Lexicon.shipped.categories),
            ("a rule removed", RuleCatalog.all.filter { $0.description.id != rule.id }, Lexicon.shipped.categories),
            ("two rules swapped", Array(RuleCatalog.all.reversed()), Lexicon.shipped.categories),
        ]
        var lexicon = Lexicon.shipped.categories
        let category = try #require(lexicon.keys.sorted().first)
        lexicon[category]!.append("kegger")
        var keys: Set<String> = [shipped]
        for (what, rules, words) in changes + [("a lexicon word", RuleCatalog.all, lexicon)] {
            let key = RuleCatalog.fingerprint(of: rules, lexicon: words)
            #expect(!keys.contains(key), "\(what) left the key as it was")
            keys.insert(key)
        }
    }

    @Test("the binary's build id is read from its ELF notes; a file that is not ELF has none")
    func buildIdentity() throws {
        #if os(Linux)
        let id = try #require(BuildIdentity.buildID("/proc/self/exe"))
        #expect(id.count >= 16 && id.allSatisfy(\.isHexDigit))
        #expect(BuildIdentity.current == "build-id " + id)
        #endif
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("not-elf-\(UUID().uuidString)")
        try Data("#!/bin/sh\necho hello\n".utf8).write(to: other)
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(BuildIdentity.buildID(other.path) == nil)
        #expect(BuildIdentity.buildID("/nonexistent/socialaudit") == nil)
        #expect(DistrictAudit.codeKey.hasPrefix(RuleCatalog.fingerprint() + " "))
    }
}
