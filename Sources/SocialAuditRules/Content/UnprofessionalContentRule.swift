import SocialAuditCore

/// `professional.unprofessional-content`: a professional account's tweet matches the lexicon.
struct UnprofessionalContentRule: Rule {
    let description = RuleDescription(
        id: "professional.unprofessional-content",
        name: "Unprofessional content",
        summary: "A tweet matches the configured lexicon (whole words, case-insensitive; categories such as profanity, alcohol and drugs, partisan politics).",
        concern: .content,
        severities: [(.professional, .low)],
        policy: [PolicyText.professionalNature],
        triggering: [
            RuleExample("alcohol", Scenario.account(.professional).tweeting(ExampleContent.post("Grading done, time for a cold BEER"))),
            RuleExample("profanity in a retweet", Scenario.account(.professional).tweeting(
                ExampleContent.retweet(of: ExampleContent.parent, "damn, that game"))),
            RuleExample("partisan politics", Scenario.account(.professional).tweeting(ExampleContent.post("Vote for the GOP slate"))),
        ],
        nonTriggering: [
            RuleExample("a word that only contains a lexicon word", Scenario.account(.professional).tweeting(
                ExampleContent.post("Beekeeping club meets after school; bring your passion"))),
            RuleExample("a clean post", Scenario.account(.professional).tweeting(ExampleContent.post("Science fair projects due Friday"))),
            RuleExample("a personal account (the rule is for professional accounts)", Scenario.account(.personal).tweeting(
                ExampleContent.post("cold beer on the porch"))),
        ])

    var looksOnlyForListedWords: Bool { true }

    func check(tweet: Tweet, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        let matches = district.lexicon.matches(in: tweet.text)
        guard !matches.isEmpty else { return }
        let described = matches.map { "\($0.category) (\(Array(Set($0.words)).sorted().joined(separator: ", ")))" }
        report.report(.tweet(tweet, of: account, in: district), "Matches the lexicon: " + described.joined(separator: "; "))
    }
}
