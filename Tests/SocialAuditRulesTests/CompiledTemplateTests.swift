import Foundation
import Mustache
import Testing
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRun
import SocialAuditTestSupport
@testable import SocialAuditReport

/// The compiled renderer against swift-mustache's own, byte for byte.
@Suite("Compiled templates")
struct CompiledTemplateTests {
    /// Both renderings of `name`: (compiled, nil when it declines; the library's).
    static func both(_ templates: [String: String], _ name: String, _ context: [String: Any]) throws -> ([UInt8]?, [UInt8]) {
        var parsed: [String: MustacheTemplate] = [:]
        var compiled: [String: CompiledTemplate] = [:]
        for (key, text) in templates {
            let compiledTemplate = CompiledTemplate(parsing: ReportTemplates.htmlPragma + text)
            do {
                parsed[key] = try MustacheTemplate(string: ReportTemplates.htmlPragma + text)
            } catch {
                #expect(compiledTemplate == nil, "the library refuses what the compiled parser took: \(text.debugDescription)")
                throw error
            }
            compiled[key] = compiledTemplate
        }
        let library = MustacheLibrary(templates: parsed)
        let reference = Array((library.render(context, withTemplate: name) ?? "").utf8)
        guard let template = compiled[name], let root = TemplateValue(context) else { return (nil, reference) }
        var rendering = TemplateRendering(partials: compiled, uncompiled: Set(parsed.keys).subtracting(compiled.keys))
        rendering.stack = [root]
        do {
            try rendering.render(template.steps, escaping: .libraryDefault, indentation: nil)
        } catch {
            return (nil, reference)
        }
        return (rendering.out, reference)
    }

    @Test("the shipped templates compile, and the samples' pages and e-mail render to the library's bytes")
    func shipped() throws {
        let folder = Invocation.repository.appendingPathComponent("templates")
        let templates = try ReportTemplates(folder: folder)
        #expect(templates.uncompiled.isEmpty, "every shipped template compiles: \(templates.uncompiled.sorted())")
        let configuration = try ConfigurationReader.load(Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        let result = try DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!).run()
        let inventory = inputs.inventory.inventory
        var statuses: [String: FindingStatus] = [:]
        for (index, finding) in result.findings.enumerated() { statuses[finding.fingerprint] = FindingStatus.allCases[index % 3] }
        let report = RunReport(district: inventory.district, schools: inventory.schools, asOf: "2026-11-01",
                               startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 1),
                               findings: result.findings, statuses: statuses, resolved: [], trend: [], accounts: result.accounts,
                               archivesRead: result.readings.count, tweetsScanned: result.tweetsScanned,
                               messagesScanned: result.messagesScanned, errors: [])
        var contexts: [(String, [String: Any])] = [("district", HTMLContext.district(report))]
        for school in report.reportSchools { contexts.append(("school", HTMLContext.school(report, id: school.id, name: school.name))) }
        #expect(contexts.count > 3)
        for (name, context) in contexts {
            let fast = try #require(templates.compiledRendering(name, context), "\(name) renders by the compiled path")
            let reference = Array((templates.library.get().render(context, withTemplate: name) ?? "").utf8)
            #expect(fast == reference, "\(name): the compiled rendering differs from swift-mustache's")
        }
    }

    @Test("the templates of a folder are the files FileManager's enumerator lists: nested and hidden folders, no linked folder entered")
    func templateFiles() throws {
        let root = ArchiveFixture.temporaryFolder().appendingPathComponent("templates")
        let manager = FileManager.default
        for folder in ["partials", "mail/deep", ".hidden", "other", "dir.mustache"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["school.mustache", "district.mustache", "notes.txt", "partials/finding.mustache", "mail/summary.txt.mustache",
                     "mail/deep/x.mustache", ".hidden/h.mustache", ".dot.mustache", "other/o.mustache", "dir.mustache/inner.mustache",
                     "other/mustache", "x.mustache.bak"] {
            try Data("{{x}}".utf8).write(to: root.appendingPathComponent(file))
        }
        // A link to a folder and a link to a file.
        try manager.createSymbolicLink(at: root.appendingPathComponent("linked"), withDestinationURL: root.appendingPathComponent("other"))
        try manager.createSymbolicLink(at: root.appendingPathComponent("alias.mustache"),
                                       withDestinationURL: root.appendingPathComponent("school.mustache"))
        var listed: [String] = []
        let enumerator = manager.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".mustache") { listed.append(path) }
        }
        let ours = ReportTemplates.templatePaths(under: root.path)
        #expect(ours.sorted() == listed.sorted())
        #expect(ours.contains("mail/deep/x.mustache") && ours.contains(".hidden/h.mustache") && !ours.contains("linked/o.mustache"))
    }

    @Test("a finding's view answers by name for exactly its stored properties, the names swift-mustache reads through Mirror")
    func findingView() {
        for kind in [EvidenceKind.tweet, .dm, .account] {
            let finding = Finding(rule: "student.reply", severity: .high, tier: .personal, schoolId: "s", schoolName: "S",
                                  account: "a", accountId: nil,
                                  evidence: Evidence(kind: kind, id: "1", time: Date(timeIntervalSince1970: 0), text: "t",
                                                     messageCount: 2, compared: [ComparedValue("l", "v")]),
                                  students: [], summary: "sum", fingerprint: "f")
            let view = FindingView(finding, status: .open)
            let properties = Mirror(reflecting: view).children
            #expect(properties.count == 11)
            for property in properties {
                let label = property.label ?? ""
                let isNil = Mirror(reflecting: property.value).displayStyle == .optional && Mirror(reflecting: property.value).children.isEmpty
                #expect((view.value(named: label) == nil) == isNil, "\(kind): \(label)")
            }
            #expect(view.value(named: "nothing") == nil && view.value(named: "tweet.id") == nil)
            // A tweet's evidence: the same, one level down.
            if let tweet = view.tweet {
                let properties = Mirror(reflecting: tweet).children.compactMap(\.label)
                #expect(properties == ["id", "text", "url", "time"])
                for label in properties { #expect(tweet.value(named: label) != nil, "tweet: \(label)") }
                #expect(tweet.value(named: "deleted") == nil)
            } else {
                #expect(kind != .tweet)
            }
        }
    }

    @Test("what the compiled renderer leaves to the library: transforms, inheritance, other value types")
    func declines() throws {
        let context: [String: Any] = ["list": [["x": "a"], ["x": "b"]], "x": "y"]
        for template in ["{{#list}}{{#first()}}first {{/first()}}{{x}}{{/list}}", "{{<p}}{{$b}}B{{/b}}{{/p}}", "{{x}}{{>*x}}"] {
            let (fast, reference) = try Self.both(["t": template, "p": "[{{$b}}default{{/b}}]"], "t", context)
            #expect(fast == nil, "\(template) is left to the library")
            #expect(!reference.isEmpty)
        }
        // A value of another type (here a Double and an optional) makes the whole rendering the library's.
        for value in [1.5 as Any, Optional<String>.none as Any, Date(timeIntervalSince1970: 0) as Any] {
            let (fast, _) = try Self.both(["t": "{{x}}"], "t", ["x": value])
            #expect(fast == nil)
        }
        // A partial the library has but the renderer does not compile: the library's too.
        let (fast, _) = try Self.both(["t": "a{{>p}}b", "p": "{{<q}}{{/q}}", "q": "Q"], "t", [:])
        #expect(fast == nil)
    }

    /// Random templates of every construct the reports use — text with spaces, tabs, CRLF and
    /// characters to escape, variables escaped and not, `.` and dotted names, sections and
    /// inverted sections over every kind of value, comments, content-type pragmas, partials
    /// inline and standalone with indentation, nested — over random contexts.
    @Test("random templates and contexts: the compiled parser and renderer give the library's bytes, or decline; what the library refuses, they decline")
    func random() throws {
        var random = SplitMix(seed: 0x5EED)
        var compiledCount = 0, plain = 0, refusedPlain = 0, refusedDamaged = 0
        let cases = 4000
        for index in 0..<cases {
            var templates = ["t": Self.template(&random, depth: 0, partials: true),
                             "p": Self.template(&random, depth: 1, partials: true),
                             "q": Self.template(&random, depth: 2, partials: false)]
            // One case in three has its main template damaged: a character put in or taken out.
            let damaged = random.below(3) == 0
            if damaged { templates["t"] = Self.damage(templates["t"]!, &random) }
            if !damaged { plain += 1 }
            let context = Self.context(&random)
            let result: ([UInt8]?, [UInt8])
            do {
                result = try Self.both(templates, "t", context)
            } catch {
                // The library refuses it; `both` has checked that the compiled parser did too.
                if damaged { refusedDamaged += 1 } else { refusedPlain += 1 }
                continue
            }
            if let fast = result.0 {
                if !damaged { compiledCount += 1 }
                #expect(fast == result.1, "case \(index): \(templates) with \(context)\ncompiled: \(String(decoding: fast, as: UTF8.self).debugDescription)\nlibrary:  \(String(decoding: result.1, as: UTF8.self).debugDescription)")
                if fast != result.1 { break }
            }
        }
        #expect(refusedPlain == 0)
        #expect(refusedDamaged > 100, "damage makes templates the library refuses (\(refusedDamaged))")
        #expect(compiledCount > plain * 3 / 4, "most random templates render by the compiled path (\(compiledCount) of \(plain))")
    }

    @Test("templates the compiled parser leaves to the library: line ends other than LF and CRLF, combining marks on punctuation")
    func awkwardCharacters() throws {
        for text in ["a\rb{{x}}", "a\u{0B}{{x}}", "a\u{0C}{{x}}", "a\u{85}b", "a\u{2028}b", "{\u{301}{x}}", "{{x}\u{301}}", "{{#a}} \u{301}\n{{/a}}"] {
            #expect(CompiledTemplate(parsing: text) == nil, "\(text.debugDescription)")
            // The library's rendering stands: the same bytes through ReportTemplates' fallback.
            _ = try? Self.both(["t": text], "t", ["x": "<", "a": true])
        }
        #expect(CompiledTemplate(parsing: "é {{x}} — ü\r\n{{#a}}x{{/a}}") != nil, "accented letters and CRLF are fine")
    }

    static func damage(_ text: String, _ random: inout SplitMix) -> String {
        var characters = Array(text)
        let pieces: [Character] = ["{", "}", "#", "/", "^", "!", ">", "&", "%", "=", " ", "\n", "(", "<", "$", "*"]
        for _ in 0...random.below(2) {
            if !characters.isEmpty, random.below(2) == 0 {
                characters.remove(at: random.below(characters.count))
            } else {
                characters.insert(pieces[random.below(pieces.count)], at: random.below(characters.count + 1))
            }
        }
        return String(characters)
    }

    /// Names for variables: the library prints a list or a dictionary as Swift describes it, which
    /// the compiled renderer leaves to it, so these name text, numbers and booleans (and `.`,
    /// which is text inside `strs` and the whole context outside).
    static let names = ["x", "y", "n", "flag", "off", "obj.x", "obj.a.b", ".x", "missing", "obj.missing", "obj.a.missing"]
    static let texts = ["a", " ", "  ", "\t", "\n", "\r\n", "<&>\"'", "é😀", "x y", "\n  ", " \n"]

    static func template(_ random: inout SplitMix, depth: Int, partials: Bool) -> String {
        var out = ""
        for _ in 0..<random.below(8) {
            let name = names[random.below(names.count)]
            switch random.below(14) {
            case 0, 1, 2: out += texts[random.below(texts.count)]
            case 3: out += "{{\(name)}}"
            case 4: out += "{{{\(name)}}}"
            case 5: out += "{{& \(name) }}"
            case 6: out += random.below(2) == 0 ? "{{! a comment }}" : "\n  {{! a standalone comment\n on two lines }}\n"
            case 7:
                let pragma = random.below(2) == 0 ? "{{% CONTENT_TYPE: TEXT}}" : "{{%CONTENT_TYPE:HTML_BYTES }}"
                out += random.below(2) == 0 ? pragma : "\n\t\(pragma)\n"
            case 8, 9, 10:
                guard depth < 3 else { continue }
                let kind = random.below(2) == 0 ? "#" : "^"
                let section = ["list", "empty", "flag", "off", "obj", "x", "n", "missing", "strs", "obj.a"][random.below(10)]
                let standalone = random.below(2) == 0
                let line = random.below(3) == 0 ? "\r\n" : "\n"
                let indent = [" ", "\t", "  ", ""][random.below(4)]
                let open = standalone ? "\(line)\(indent){{\(kind)\(section)}}\(random.below(3) == 0 ? " " : "")\(line)" : "{{\(kind)\(section)}}"
                let close = standalone ? "\(line)\(indent){{/\(section)}}\(line)" : "{{/\(section)}}"
                out += open + template(&random, depth: depth + 1, partials: partials) + close
            case 11, 12:
                guard partials else { continue }
                let partial = depth == 0 ? (random.below(2) == 0 ? "p" : "q") : "q"
                if random.below(2) == 0 {
                    out += "\n\(String(repeating: " ", count: random.below(4))){{>\(partial)}}\n"
                } else {
                    out += "{{>\(partial)}}"
                }
            default: out += depth > 0 ? "{{.}}" : "{{x}}"
            }
        }
        return out
    }

    static func context(_ random: inout SplitMix) -> [String: Any] {
        func text() -> String { (0..<random.below(3)).map { _ in texts[random.below(texts.count)] }.joined() }
        var item: [String: Any] = ["x": text()]
        if random.below(2) == 0 { item["flag"] = random.below(2) == 0 }
        if random.below(2) == 0 { item["n"] = random.below(3) - 1 }
        var context: [String: Any] = [
            "x": text(), "y": random.below(1000) - 500, "n": 0, "flag": true, "off": false, "empty": [[String: Any]](),
            "list": (0..<random.below(4)).map { _ in item },
            "obj": ["x": text(), "a": ["b": text()] as [String: Any]] as [String: Any],
            "strs": (0..<random.below(3)).map { _ in text() },
        ]
        if random.below(3) == 0 { context.removeValue(forKey: "flag") }
        return context
    }
}

/// A small deterministic generator (SplitMix64), so that a failing case can be found again.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
