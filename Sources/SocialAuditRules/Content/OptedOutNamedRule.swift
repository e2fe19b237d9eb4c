import SocialAuditCore

/// `student.opted-out-named`: a tweet names a student whose family opted out of directory information.
struct OptedOutNamedRule: Rule {
    let description = RuleDescription(
        id: "student.opted-out-named",
        name: "Opted-out student named",
        summary: "A tweet's text names (first and last name, whole words, case-insensitive) a student whose roster row says directory_opt_out.",
        concern: .content,
        severities: [(.primary, .high), (.schoolOwned, .high), (.professional, .high), (.personal, .high)],
        policy: [PolicyText.districtPractice],
        triggering: [
            RuleExample("the full name, in another case", Scenario.account(.primary).tweeting(
                ExampleContent.post("Congratulations to RILEY BARNES, student of the month!"))),
            RuleExample("a name with accents, written without them, across a line break", Scenario.account(.personal).tweeting(
                ExampleContent.post("Go Jose\nPena! #bears"))),
            RuleExample("the name next to an ampersand (as the reader decodes &amp;)", Scenario.account(.professional).tweeting(
                ExampleContent.post("Awards: Sam & Riley Barnes"))),
        ],
        nonTriggering: [
            RuleExample("longer words that merely begin with the name", Scenario.account(.primary).tweeting(
                ExampleContent.post("Welcome Rileyson Barneswood to the team"))),
            RuleExample("the first name alone", Scenario.account(.personal).tweeting(ExampleContent.post("Great job Riley!"))),
            RuleExample("a student who did not opt out", Scenario.account(.primary).tweeting(ExampleContent.post("Well done Jamie Student"))),
        ])

    var looksOnlyForListedWords: Bool { true }

    func check(tweet: Tweet, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        let named = Set(district.students.optedOutNames.matches(in: tweet.text).map(\.tag))
        guard !named.isEmpty else { return }
        let refs = district.students.optedOut.filter { named.contains($0.studentId) }.map(district.students.ref).sorted()
        report.report(.tweet(tweet, of: account, in: district), students: refs,
                      "Names student\(refs.count == 1 ? "" : "s") " + refs.map(\.label).joined(separator: ", ") + ", whose family opted out of directory information")
    }
}
