import Crypto
import SocialAuditCore
import SocialAuditSupport

extension RuleCatalog {
    /// A hash of what an archive's findings depend on in the rules themselves: each rule's
    /// declaration (id, name, concern, severity by tier, what fires it, the policy it enforces,
    /// the notes of its examples) and the lexicon's words. An archive's cached audit is keyed by
    /// it, with the binary's build, so that a change to any of them has the next run read every
    /// archive again: there is no version string to remember to bump.
    public static func fingerprint(of rules: [any Rule] = all,
                                   lexicon: [String: [String]] = Lexicon.shipped.categories) -> String {
        var hasher = SHA256()
        // Fields end with U+001F and records with U+001E, which no declaration holds.
        func field(_ text: String) { hasher.update(data: Array((text + "\u{1F}").utf8)) }
        func end() { hasher.update(data: [0x1E]) }
        for rule in rules {
            let declared = rule.description
            [declared.id, declared.name, declared.concern.rawValue, declared.summary].forEach(field)
            declared.severities.forEach { field("\($0.tier.rawValue)=\($0.severity.rawValue)") }
            declared.policy.forEach(field)
            declared.triggering.forEach { field("+" + $0.note) }
            declared.nonTriggering.forEach { field("-" + $0.note) }
            field(rule.looksOnlyForListedWords ? "listed" : "every")
            end()
        }
        for category in lexicon.keys.sorted() {
            field(category)
            lexicon[category]!.forEach(field)
            end()
        }
        return hasher.finalize().hexString
    }
}
