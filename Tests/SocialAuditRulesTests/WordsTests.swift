import Testing
@testable import SocialAuditRules

/// What a word is, for the lexicon and the claim phrases (the rule reference says the same).
@Suite("Words")
struct WordsTests {
    /// The words a phrase may match, as written in the text.
    static func words(_ text: String) -> [String] {
        let folded = FoldedText(text)
        return folded.words.filter { !$0.inLink }.map { String(text[folded.range($0.first, $0.last)]) }
    }

    @Test("hyphens separate, _ and an inner apostrophe join, a trailing apostrophe is dropped",
          arguments: [("beer-pong", ["beer", "pong"]), ("non-beer", ["non", "beer"]), ("WTF-8", ["WTF", "8"]),
                      ("beer_pong", ["beer_pong"]), ("don't stop", ["don't", "stop"]), ("Barnes' car", ["Barnes", "car"]),
                      ("O’Neil’s", ["O’Neil"]), ("full-of-shit!", ["full", "of", "shit"])])
    func edges(_ text: String, _ expected: [String]) {
        #expect(Self.words(text) == expected)
    }

    @Test("any script, accents as one word with their marks; emoji and punctuation separate")
    func scripts() {
        #expect(Self.words("Пятница! café naïve 日本語 שלום") == ["Пятница", "café", "naïve", "日本語", "שלום"])
        #expect(Self.words("Jose\u{301} 🍺beer👍🏽x") == ["Jose\u{301}", "beer", "x"])
        #expect(Self.words("tom &amp; jerry") == ["tom", "amp", "jerry"])
    }

    @Test("hashtags' words count; mentions and links hold none")
    func mentionsAndLinks() {
        #expect(Self.words("#beer #Friday") == ["beer", "Friday"])
        #expect(Self.words("thanks @beer_lover, see https://t.co/beer and www.beer.example/x ok") == ["thanks", "see", "and", "ok"])
        #expect(Self.words("coach@beer.example wins") == ["coach", "wins"])
        #expect(Self.words("showtime") == ["showtime"], "a word that starts like a link's scheme is a word")
    }
}
