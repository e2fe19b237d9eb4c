import Foundation
import Testing
import SocialAuditCore
@testable import SocialAuditRules

/// Students' names as people write them, and ordinary words that are not names.
@Suite("Name masking")
struct NameMaskingTests {
    static let roster = TextMatcher(names: [
        ("Jamie", "Hollis", "S1"), ("Tyler", "Brooks, Jr.", "S2"), ("Anne Marie", "Duval", "S3"),
        ("Will", "Park", "S4"), ("Zoë", "Kowalczyk-Nguyen", "S5"), ("Sean", "O'Neil", "S6"), ("Grace", "Hill III", "S7"),
    ])

    static func masked(_ text: String) -> String { roster.mask(text) { "[student \($0)]" } }
    static func tags(_ text: String) -> [String] { roster.matches(in: text).map(\.tag) }

    @Test("a family name with a suffix on the roster is found without it", arguments: [
        ("Congrats Tyler Brooks!", "Congrats [student S2]!"),
        ("Tyler Brooks Jr. scored", "[student S2] Jr. scored"),
        ("Grace Hill took first", "[student S7] took first"),
    ])
    func suffix(text: String, expected: String) {
        #expect(Self.masked(text) == expected)
    }

    @Test("reversed order, with or without a comma", arguments: [
        ("Hollis, Jamie — MVP", "[student S1] — MVP"),
        ("Roster: Hollis Jamie, Brooks Tyler", "Roster: [student S1], [student S2]"),
    ])
    func reversed(text: String, expected: String) {
        #expect(Self.masked(text) == expected)
    }

    @Test("middle names and initials between given and family name", arguments: [
        ("Go Jamie Lynn Hollis!", "Go [student S1]!"),
        ("Jamie L. Hollis", "[student S1]"),
        ("Jamie Lynn Marie Hollis", "[student S1]"),
    ])
    func middleNames(text: String, expected: String) {
        #expect(Self.masked(text) == expected)
    }

    @Test("a lower-case word between them is no middle name", arguments: ["Jamie and Hollis", "Jamie, Hollis", "Jamie 4 Hollis"])
    func notMiddleNames(text: String) {
        #expect(Self.tags(text).isEmpty, "\(text)")
    }

    @Test("hashtags, handles, e-mail addresses and URL slugs: the whole span is masked", arguments: [
        ("#JamieHollis 🏀", "#[student S1] 🏀"),
        ("#GoJamieHollis!", "#Go[student S1]!"),
        ("Jamie_Hollis and JamieHollis2026", "[student S1] and [student S1]2026"),
        ("write to Jamie.Hollis@gmail.com", "write to [student S1]@gmail.com"),
        ("https://news.example/2026/jamie-hollis-wins-state", "https://news.example/2026/[student S1]-wins-state"),
        ("jamiehollis", "[student S1]"),
        ("JAMIEHOLLIS", "[student S1]"),
        ("#HollisJamie", "#[student S1]"),
        ("@sean_oneil7", "@[student S6]7"),
    ])
    func joined(text: String, expected: String) {
        #expect(Self.masked(text) == expected)
    }

    @Test("a longer word is not the name", arguments: ["Jamieson Hollister", "jamiehollisfan", "Hollisjamieson", "xjamie hollis"])
    func longerWords(text: String) {
        #expect(Self.tags(text).isEmpty, "\(text)")
    }

    @Test("a hyphen, a space or nothing between the parts of a double name", arguments: [
        "Anne-Marie Duval", "Anne Marie Duval", "AnneMarie Duval", "annemarie duval", "#AnneMarieDuval",
        "Zoe Kowalczyk Nguyen", "Zoë Kowalczyk-Nguyen", "ZOE KOWALCZYKNGUYEN",
    ])
    func doubleNames(text: String) {
        #expect(!Self.tags(text).isEmpty, "\(text)")
    }

    @Test("zero-width characters and soft hyphens inside a name", arguments: [
        "Ja\u{200B}mie Hollis", "Jamie Hol\u{00AD}lis", "Jamie\u{200D} Hollis", "J\u{2060}amie H\u{FEFF}ollis", "Jamie\u{200C}Hollis",
    ])
    func invisible(text: String) {
        #expect(Self.masked(text) == "[student S1]", "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test("look-alike letters of other scripts, full-width and styled letters", arguments: [
        "J\u{0430}mie H\u{043E}llis", // Cyrillic а, о
        "J\u{0430}m\u{0456}\u{0435} H\u{03BF}ll\u{0456}s", // Cyrillic а і е, Greek ο
        "ＪＡＭＩＥ　ＨＯＬＬＩＳ",
        "\u{1D409}\u{1D41A}\u{1D426}\u{1D422}\u{1D41E} \u{1D407}\u{1D428}\u{1D425}\u{1D425}\u{1D422}\u{1D42C}", // bold 𝐉𝐚𝐦𝐢𝐞 𝐇𝐨𝐥𝐥𝐢𝐬
        "Jamie\u{0301} Hollis", // a combining accent
    ])
    func lookAlikes(text: String) {
        #expect(Self.masked(text) == "[student S1]", "\(text)")
    }

    @Test("real tweets: emoji, accents, other scripts, right-to-left text, entities decoded, possessives")
    func realTweets() {
        #expect(Self.masked("🎉🏆 ¡Felicidades a Zoë Kowalczyk-Nguyen! 東京 で 優勝 🇯🇵") == "🎉🏆 ¡Felicidades a [student S5]! 東京 で 優勝 🇯🇵")
        #expect(Self.masked("مبروك Jamie Hollis على الفوز") == "مبروك [student S1] على الفوز")
        #expect(Self.masked("Поздравляем, Jamie Hollis!") == "Поздравляем, [student S1]!")
        #expect(Self.masked("Sean O’Neil’s goal & Jamie Hollis's assist") == "[student S6]’s goal & [student S1]'s assist")
        #expect(Self.masked("well-known Hollis-family news") == "well-known Hollis-family news")
        #expect(Self.masked("Jamie\nHollis") == "[student S1]")
    }

    @Test("a name of ordinary words counts only when written as a name", arguments: [
        ("we will park the buses in lot B", false),
        ("We will park the buses", false),
        ("#willpark", false),
        ("will-park", false),
        ("Congrats Will Park!", true),
        ("CONGRATS WILL PARK", true),
        ("#WillPark", true),
        ("Park, Will: first place", true),
        ("grace hill", false),
        ("Grace Hill", true),
    ])
    func ordinaryWords(text: String, named: Bool) {
        #expect(Self.tags(text).isEmpty == !named, "\(text)")
    }

    @Test("a name with a word that is not an ordinary word counts in any case")
    func anyCase() {
        #expect(Self.tags("congrats jamie hollis") == ["S1"])
        #expect(Self.tags("tyler brooks") == ["S2"])
    }

    @Test("a name of ordinary words written exactly as the roster writes it counts")
    func asTheRosterWritesIt() {
        let lower = TextMatcher(names: [("will", "park", "S9")])
        #expect(lower.matches(in: "hi will park").map(\.tag) == ["S9"])
        #expect(lower.matches(in: "hi Will Park").map(\.tag) == ["S9"])
        #expect(lower.matches(in: "hi will Park").map(\.tag) == ["S9"], "each word capitalised or as the roster writes it")
        #expect(lower.matches(in: "hi wiLL park").isEmpty)
    }

    @Test("a name with digits is matched whole")
    func numbered() {
        let numbered = TextMatcher(names: [("Student10", "Family10", "B10")])
        #expect(numbered.matches(in: "Go Student10 Family10!").map(\.tag) == ["B10"])
        #expect(numbered.matches(in: "Student1 Family1").isEmpty && numbered.matches(in: "Student100 Family10").isEmpty)
    }

    @Test("the words of ordinary English are few and lower case")
    func ordinaryWordList() {
        #expect(OrdinaryWords.words.contains("will") && OrdinaryWords.words.contains("park"))
        #expect(!OrdinaryWords.words.contains("jamie") && !OrdinaryWords.words.contains("hollis"))
        #expect(OrdinaryWords.words.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty })
        #expect(OrdinaryWords.words.count < 600)
    }

}
