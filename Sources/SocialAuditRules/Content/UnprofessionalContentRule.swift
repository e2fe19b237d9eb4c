import SocialAuditCore

/// `professional.unprofessional-content`: a professional account's tweet matches the lexicon.
struct UnprofessionalContentRule: Rule {
    let description = RuleDescription(
        id: "professional.unprofessional-content",
        name: "Unprofessional content",
        summary: "A tweet matches the configured lexicon (whole words, case-insensitive; categories such as profanity, alcohol and drugs, partisan politics). "
            + "A word is a run of letters, digits and marks of any script; `_` and an apostrophe between letters join, hyphens, "
            + "punctuation, emoji and spaces separate, and a closing 's belongs to the word before it; hashtags' words count, "
            + "mentions and links hold none. Accents, case and width aside; a look-alike letter of another script stays its own.",
        concern: .content,
        severities: [(.professional, .low)],
        policy: [PolicyText.professionalNature],
        remedy: "Ask the staff member to delete the tweet: a professional account speaks for their role at the school.",
        actor: .principal,
        triggering: [
            RuleExample("alcohol", Scenario.account(.professional).tweeting(ExampleContent.post("Grading done, time for a cold BEER"))),
            RuleExample("profanity in a retweet", Scenario.account(.professional).tweeting(
                ExampleContent.retweet(of: ExampleContent.parent, "damn, that game"))),
            RuleExample("partisan politics", Scenario.account(.professional).tweeting(ExampleContent.post("Vote for the GOP slate"))),
            RuleExample("a lexicon word in a hyphenated word", Scenario.account(.professional).tweeting(
                ExampleContent.post("Non-beer options at the staff café 🍺 — Friday"))),
            RuleExample("profanity between hyphens", Scenario.account(.professional).tweeting(
                ExampleContent.post("That ref was full-of-shit tonight"))),
            RuleExample("profanity before a hyphen and a digit", Scenario.account(.professional).tweeting(
                ExampleContent.post("WTF-8 encoding again 🙄"))),
            RuleExample("a possessive", Scenario.account(.professional).tweeting(ExampleContent.post("The keg's empty, staff party over"))),
            RuleExample("a hashtag's word", Scenario.account(.professional).tweeting(ExampleContent.post("Friday #beer #weekend"))),
            RuleExample("Cyrillic around it, the word in capitals", Scenario.account(.professional).tweeting(
                ExampleContent.post("Пятница! VODKA &amp; друзья"))),
        ],
        nonTriggering: [
            RuleExample("a word that only contains a lexicon word", Scenario.account(.professional).tweeting(
                ExampleContent.post("Beekeeping club meets after school; bring your passion"))),
            RuleExample("a clean post", Scenario.account(.professional).tweeting(ExampleContent.post("Science fair projects due Friday"))),
            RuleExample("a lexicon word joined by _ (one word, as in handles)", Scenario.account(.professional).tweeting(
                ExampleContent.post("Our beer_pong_free prom pledge"))),
            RuleExample("letters of another script that look like a lexicon word (Cyrillic ԝееԁ)", Scenario.account(.professional).tweeting(
                ExampleContent.post("Слово дня: ԝееԁ"))),
            RuleExample("a mention is not the account's word", Scenario.account(.professional).tweeting(
                ExampleContent.post("Thanks @beer_lover and @weed for the donation"))),
            RuleExample("a link is not the account's word", Scenario.account(.professional).tweeting(
                ExampleContent.post("Field trip details: https://example.org/beer-brewing-science"))),
            RuleExample("a personal account (the rule is for professional accounts)", Scenario.account(.personal).tweeting(
                ExampleContent.post("cold beer on the porch"))),
        ])

    var looksOnlyForListedWords: Bool { true }

    func check(tweet: Tweet, listed: ListedWords, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        let matches = listed.lexicon
        guard !matches.isEmpty else { return }
        let described = matches.map { "\($0.category) (\(Array(Set($0.words)).sorted().joined(separator: ", ")))" }
        report.report(.tweet(tweet, of: account, in: district), "Matches the lexicon: " + described.joined(separator: "; "))
    }
}
