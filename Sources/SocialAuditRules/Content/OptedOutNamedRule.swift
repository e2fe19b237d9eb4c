import SocialAuditCore

/// `student.opted-out-named`: a tweet names a student whose family opted out of directory information.
struct OptedOutNamedRule: Rule {
    let description = RuleDescription(
        id: "student.opted-out-named",
        name: "Opted-out student named",
        summary: "A tweet's text names a student whose roster row says directory_opt_out: given and family name as whole words, in either order (\"Barnes, Riley\"), with middle names or initials between, or joined (#RileyBarnes, riley_barnes, a URL's riley-barnes), a roster suffix such as Jr. left out, case, accents, invisible characters and look-alike letters aside. A name made only of ordinary English words (Will Park) counts only when written as a name: each word starting with a capital (capitals throughout count), or exactly as the roster writes it.",
        concern: .content,
        severities: [(.primary, .high), (.schoolOwned, .high), (.professional, .high), (.personal, .high)],
        policy: [PolicyText.districtPractice],
        remedy: "Delete the tweet, or post it again without the student's name: the family asked that the student not be named in public.",
        actor: .accountManager,
        triggering: [
            RuleExample("the full name, in another case", Scenario.account(.primary).tweeting(
                ExampleContent.post("Congratulations to RILEY BARNES, student of the month!"))),
            RuleExample("a name with accents, written without them, across a line break", Scenario.account(.personal).tweeting(
                ExampleContent.post("Go Jose\nPena! #bears"))),
            RuleExample("the name next to an ampersand (as the reader decodes &amp;)", Scenario.account(.professional).tweeting(
                ExampleContent.post("Awards: Sam & Riley Barnes"))),
            RuleExample("family name first, with a comma", Scenario.account(.primary).tweeting(
                ExampleContent.post("Honor roll: Barnes, Riley"))),
            RuleExample("a middle name between", Scenario.account(.primary).tweeting(
                ExampleContent.post("Riley Anne Barnes signs with State"))),
            RuleExample("a hashtag", Scenario.account(.schoolOwned).tweeting(ExampleContent.post("Big night for #RileyBarnes 🏀"))),
            RuleExample("joined by an underscore, as in a handle", Scenario.account(.personal).tweeting(
                ExampleContent.post("Shout-out to Riley_Barnes for the winning goal"))),
            RuleExample("the name in an e-mail address", Scenario.account(.professional).tweeting(
                ExampleContent.post("Questions? Write to riley.barnes@family.example"))),
            RuleExample("a possessive, after extra spaces", Scenario.account(.primary).tweeting(
                ExampleContent.post("Riley   Barnes’s science project took first"))),
            RuleExample("a URL's slug", Scenario.account(.professional).tweeting(
                ExampleContent.post("Read it: https://news.example/riley-barnes-wins"))),
            RuleExample("a zero-width space and a Cyrillic а inside", Scenario.account(.personal).tweeting(
                ExampleContent.post("Ri\u{200B}ley B\u{0430}rnes"))),
            RuleExample("a name of ordinary words, capitalised as a name", Scenario.account(.primary).with {
                $0.students.append(Student(studentId: "S1009", school: "pisgah-high", firstName: "Will", lastName: "Park", directoryOptOut: true))
            }.tweeting(ExampleContent.post("Congrats Will Park on first chair!"))),
        ],
        nonTriggering: [
            RuleExample("longer words that merely begin with the name", Scenario.account(.primary).tweeting(
                ExampleContent.post("Welcome Rileyson Barneswood to the team"))),
            RuleExample("the two names apart, with other words between", Scenario.account(.primary).tweeting(
                ExampleContent.post("Riley and the Barnes family came to the fair"))),
            RuleExample("the first name alone", Scenario.account(.personal).tweeting(ExampleContent.post("Great job Riley!"))),
            RuleExample("a student who did not opt out", Scenario.account(.primary).tweeting(ExampleContent.post("Well done Jamie Student"))),
            RuleExample("a name of ordinary words, written as ordinary words", Scenario.account(.primary).with {
                $0.students.append(Student(studentId: "S1009", school: "pisgah-high", firstName: "Will", lastName: "Park", directoryOptOut: true))
            }.tweeting(ExampleContent.post("Reminder: we will park the buses in lot B #willpark"))),
        ])

    var looksOnlyForListedWords: Bool { true }

    func check(tweet: Tweet, listed: ListedWords, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        let named = listed.optedOutNamed
        guard !named.isEmpty else { return }
        let refs = district.students.optedOut.filter { named.contains($0.studentId) }.map(district.students.ref).sorted()
        report.report(.tweet(tweet, of: account, in: district), students: refs,
                      "Names student\(refs.count == 1 ? "" : "s") " + refs.map(\.label).joined(separator: ", ") + ", whose family opted out of directory information")
    }
}
