import Crypto
import Foundation
import Testing
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditRules
import SocialAuditSupport

/// One case per rule, named for the rule.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let rule: any Rule
    var testDescription: String { rule.description.id }
}

@Suite("The rule catalog")
struct RuleCatalogTests {
    @Test("every rule's examples: each triggering one fires it, each other one does not", arguments: RuleCatalog.all.map(RuleCase.init))
    func examples(_ ruleCase: RuleCase) {
        let description = ruleCase.rule.description
        #expect(description.triggering.count >= 2, "at least two triggering examples")
        #expect(description.nonTriggering.count >= 2, "at least two non-triggering examples")
        for example in description.triggering {
            let findings = example.findings(of: ruleCase.rule)
            let location = SourceLocation(fileID: example.file, filePath: example.file, line: example.line, column: 1)
            #expect(!findings.isEmpty, "should fire: \(example.note)", sourceLocation: location)
            #expect(findings.allSatisfy { $0.rule == description.id && $0.severity == example.severity ?? description.severity(for: example.scenario.subject.tier) },
                    sourceLocation: location)
        }
        for example in description.nonTriggering {
            let findings = example.findings(of: ruleCase.rule)
            let location = SourceLocation(fileID: example.file, filePath: example.file, line: example.line, column: 1)
            #expect(findings.isEmpty, "should not fire: \(example.note) — fired: \(findings.map(\.summary))", sourceLocation: location)
        }
    }

    @Test("the catalog is exactly the spec's rule ids, each once, with a name, summary, tiers and policy")
    func catalog() {
        let ids = RuleCatalog.all.map(\.description.id)
        #expect(ids == RuleIds.all)
        #expect(Set(ids).count == ids.count)
        for rule in RuleCatalog.all {
            #expect(!rule.description.name.isEmpty && !rule.description.summary.isEmpty && !rule.description.severities.isEmpty)
            #expect(!rule.description.policy.isEmpty)
        }
    }

    @Test("every rule says what to do in one or two sentences, and its name says the problem, not the check")
    func remedies() {
        for rule in RuleCatalog.all {
            let d = rule.description
            let sentences = d.remedy.split(separator: ".", omittingEmptySubsequences: true)
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            #expect(d.remedy.hasSuffix(".") && (1...2).contains(sentences.count), "\(d.id): \(d.remedy)")
            #expect(!["Exactly", "Only", "Registered to", "Owner is a", "Manager has", "Manager assigned", "Created by the right"]
                .contains { d.name.hasPrefix($0) }, "\(d.id) reads as a check that passed: \(d.name)")
        }
        #expect(RuleReference.explain(RuleCatalog.all.first { $0.description.id == "student.reply" }!)
            .contains("What to do (principal): Ask the teacher to stop replying to students from this account"))
    }

    @Test("every policy citation is a sentence of the policy, word for word")
    func citations() throws {
        let text = try String(contentsOf: Invocation.repository.appendingPathComponent("docs/policy/twitter-practice-and-procedures.txt"), encoding: .utf8)
        let normalized = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for rule in RuleCatalog.all {
            for citation in rule.description.policy where citation != "board policy" && citation != "district practice" {
                #expect(normalized.contains(citation), "\(rule.description.id): \(citation)")
            }
        }
    }

    @Test("docs/rules.md is the reference generated from the declarations (regenerate: socialaudit rules --format markdown > docs/rules.md)")
    func referenceIsCurrent() throws {
        let file = try String(contentsOf: Invocation.repository.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(file == RuleReference.render(format: .markdown))
    }

    @Test("the JSON reference lists every rule with its tiers and policy")
    func jsonReference() throws {
        let data = Data(RuleReference.render(format: .json).utf8)
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(entries.compactMap { $0["id"] as? String } == RuleIds.all)
        #expect(entries.allSatisfy { ($0["tiers"] as? [[String: String]])?.isEmpty == false })
    }

    @Test("severities and tiers are those of the catalog table")
    func severities() throws {
        // spec/rules.md, row by row: the tiers and severities of a few rules whose table rows differ by tier.
        let reply = try #require(RuleCatalog.rule("student.reply")).description
        #expect(reply.severity(for: .professional) == .high && reply.severity(for: .primary) == .low && reply.severity(for: .unregistered) == nil)
        let dm = try #require(RuleCatalog.rule("student.dm")).description
        #expect(dm.severity(for: .schoolOwned) == .medium && dm.severity(for: .personal) == .high)
        let owner = try #require(RuleCatalog.rule("account.owner-is-staff")).description
        #expect(owner.severity(for: .professional) == .medium && owner.severity(for: .personal) == .low)
        let unreadable = try #require(RuleCatalog.rule("archive.unreadable")).description
        #expect(unreadable.severity(for: .unregistered) == .medium)
        let unregistered = try #require(RuleCatalog.rule("inventory.unregistered-archive")).description
        #expect(unregistered.severities.map(\.tier) == [.unregistered])
    }
}

@Suite("Rule support")
struct RuleSupportTests {
    @Test("Digests are written as lower-case hex, two digits a byte (the FIPS 180-4 vectors)")
    func digestHex() {
        #expect(SHA256.hash(data: Array("abc".utf8)).hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash(data: [UInt8]()).hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect([UInt8]([0x00, 0x0f, 0xf0, 0xff]).hexString == "000ff0ff")
    }

    @Test("a word folds case, accents and width away, in any script; look-alike letters stay themselves",
          arguments: [("José", "jose"), ("ÉCOLE", "ecole"), ("ＡＢＣ", "abc"), ("O’Neil", "oneil"), ("ß", "ss"),
                      ("Jose\u{301}", "jose"), ("ÑANDÚ", "nandu"), ("Пятница", "пятница"), ("ВОДКА", "водка"),
                      ("日本語", "日本語"), ("BEER", "beer"), ("a_B-9", "ab9"), ("Ελλάδα", "ελλαδα")])
    func folding(_ word: String, _ folded: String) {
        let letters = FoldedText(word).letters.map(\.plain).compactMap(Unicode.Scalar.init)
        #expect(String(String.UnicodeScalarView(letters)) == folded)
    }

    @Test("names are matched as whole words, across white space, case and accents aside, and masked")
    func names() {
        let matcher = TextMatcher(names: [("Riley", "Barnes", "S3"), ("José", "Peña García", "S4"), ("Mary-Kate", "O'Neil", "S5")])
        #expect(matcher.matches(in: "riley  BARNES!").map(\.tag) == ["S3"])
        #expect(matcher.matches(in: "Rileyson Barneswood").isEmpty)
        #expect(matcher.matches(in: "Riley Barnesworth").isEmpty)
        #expect(matcher.matches(in: "Riley, Barnes").isEmpty, "only white space separates the parts of a name")
        #expect(matcher.matches(in: "RILEY barnes's").map(\.tag) == ["S3"])
        // A hyphen now separates words as in a URL's slug (/go-riley-barnes), so "so-Riley Barnes" names Riley.
        #expect(matcher.matches(in: "so-Riley Barnes").map(\.tag) == ["S3"], "a hyphen before the name is a word's edge")
        #expect(matcher.matches(in: "xriley Barnes").isEmpty, "the first word must be whole")
        #expect(matcher.matches(in: "jose pena garcia scored").map(\.tag) == ["S4"])
        #expect(matcher.matches(in: "Mary-Kate O’Neil’s goal").map(\.tag) == ["S5"])
        #expect(matcher.mask("Go Riley Barnes and José Peña García!") { "[student \($0)]" } == "Go [student S3] and [student S4]!")
    }

    @Test("the shipped lexicon has categories; the configuration replaces, extends or adds them")
    func lexicon() {
        #expect(Lexicon.shipped.categories.keys.contains("profanity"))
        #expect(Lexicon.shipped.categories.keys.contains("alcohol-and-drugs"))
        #expect(Lexicon.shipped.matches(in: "a cold Beer").map(\.category) == ["alcohol-and-drugs"])
        #expect(Lexicon.shipped.matches(in: "beekeeping").isEmpty)
        #expect(Lexicon.shipped.matches(in: "the beer's foam").map(\.category) == ["alcohol-and-drugs"], "a possessive")
        #expect(Lexicon.shipped.matches(in: "Happy-hour").isEmpty, "a hyphenated word is one word")
        #expect(Lexicon.shipped.matches(in: "happy  HOUR!").map(\.category) == ["alcohol-and-drugs"])
        let replaced = Lexicon.configured(["alcohol-and-drugs": ["moonshine"]])
        #expect(replaced.matches(in: "a cold beer").isEmpty)
        #expect(replaced.matches(in: "moonshine").map(\.category) == ["alcohol-and-drugs"])
        let extended = Lexicon.configured(["+profanity": ["heck"], "gossip": ["rumor has it"]])
        #expect(extended.matches(in: "heck and damn").map(\.category) == ["profanity"])
        #expect(extended.matches(in: "Rumor has it").map(\.category) == ["gossip"])
    }

    @Test("severity overrides and disabled rules take effect")
    func policyOverrides() {
        let scenario = Scenario.account(.professional).tweeting(ExampleContent.post("a cold beer"))
        let rule = RuleCatalog.rule("professional.unprofessional-content")!
        #expect(scenario.run([rule]).map(\.severity) == [.low])
        #expect(scenario.with { $0.policy.severity["professional.unprofessional-content"] = .medium }.run([rule]).map(\.severity) == [.medium])
        #expect(scenario.with { $0.policy.disabledRules = ["professional.unprofessional-content"] }.run([rule]).isEmpty)
    }

    @Test("tweet evidence has id, time, link and text with every student's full name masked")
    func evidence() throws {
        let scenario = Scenario.account(.personal).tweeting(
            ExampleContent.reply(to: ExampleContent.jamie, "Jamie Student and Riley Barnes, great game", id: "1850000000000000077"))
        let findings = scenario.run(RuleCatalog.all)
        let reply = try #require(findings.first { $0.rule == "student.reply" })
        #expect(reply.evidence.id == "1850000000000000077")
        #expect(reply.evidence.url == "https://x.com/kjackson/status/1850000000000000077")
        #expect(reply.evidence.text == "@jamie_hoops7 [student S1001] and [student S1003], great game")
        #expect(reply.students.map(\.studentId) == ["S1001"])
        #expect(!reply.summary.contains("Jamie Student"))
        #expect(findings.map(\.rule).sorted() == ["student.opted-out-named", "student.reply"])
    }

    @Test("fingerprints are stable and depend on rule, account, evidence and student only")
    func fingerprints() {
        let a = Scenario.account(.personal).tweeting(ExampleContent.reply(to: ExampleContent.jamie, "hi", id: "1850000000000000010"))
        let first = a.run(RuleCatalog.all).map(\.fingerprint)
        let later = a.with { $0.asOf = ExampleDistrict.date("2027-01-01T00:00:00Z") }.run(RuleCatalog.all)
            .filter { $0.rule == "student.reply" }.map(\.fingerprint)
        #expect(first == later)
        #expect(first.count == 1 && first[0].count == 20)
        let other = a.with { $0.tweets[0].id = "1850000000000000011" }.run(RuleCatalog.all).map(\.fingerprint)
        #expect(other != first)
    }

    @Test("a mistyped rule id is answered with the ids that look like it, and only those")
    func nearIds() {
        #expect(RuleCatalog.near("dm") == ["student.dm"])
        #expect(RuleCatalog.near("student-dm") == ["student.dm"])
        #expect(RuleCatalog.near("stale") == ["inventory.stale-archive"])
        #expect(RuleCatalog.near("student").count == 6 && RuleCatalog.near("student").allSatisfy { $0.hasPrefix("student.") })
        #expect(RuleCatalog.near("xyz").isEmpty)
    }
}
