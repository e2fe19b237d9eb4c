import SocialAuditCore

/// `student.quote`: a tweet that quotes a student's tweet — public communication about a student.
struct StudentQuoteRule: Rule {
    let description = RuleDescription(
        id: "student.quote",
        name: "Quote of a student",
        summary: "A tweet quotes a student's tweet (a quote tweet, or a tweet whose link is to a student's tweet).",
        concern: .content,
        severities: [(.professional, .high), (.personal, .high), (.primary, .low), (.schoolOwned, .low)],
        policy: [PolicyText.notDirectly, PolicyText.boardPolicy, PolicyText.feedAndPrivate],
        remedy: "Ask the staff member to delete the quote: commenting in public on a student's own tweet is communicating with the student.",
        actor: .principal,
        triggering: [
            RuleExample("a personal account quotes a student's tweet", Scenario.account(.personal).tweeting(
                ExampleContent.quote(of: ExampleContent.jamie, "look at this kid go"))),
            RuleExample("a professional account quotes a student the roster knows by handle only, written in another case",
                        Scenario.account(.professional).tweeting(
                            ExampleContent.quote(of: ExampleContent.Who(nil, "maddierunsxc"), "proud coach moment"))),
            RuleExample("a primary account quotes a student (low: a signal to review)", Scenario.account(.primary).tweeting(
                ExampleContent.quote(of: ExampleContent.jamie, "congratulations!"))),
        ],
        nonTriggering: [
            RuleExample("a quote of an organization's tweet", Scenario.account(.personal).tweeting(
                ExampleContent.quote(of: ExampleContent.ncPublicSchools, "worth a read"))),
            RuleExample("a retweet of a student is a retweet, not a quote", Scenario.account(.personal).tweeting(
                ExampleContent.retweet(of: ExampleContent.jamie, "we won!"))),
            RuleExample("a post that mentions a student quotes nothing", Scenario.account(.personal).tweeting(
                ExampleContent.post("shout out to @jamie_hoops7", mentioning: [ExampleContent.jamie]))),
        ])

    func check(tweet: Tweet, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        // A retweet of a quote is the other author's quote, not this account's.
        guard !tweet.isRetweet, tweet.isQuote,
              let student = district.students.student(userId: nil, screenName: tweet.quotedScreenName) else { return }
        let ref = district.students.ref(student)
        report.report(.tweet(tweet, of: account, in: district), students: [ref], "Quoted a tweet of student \(ref.label)")
    }
}
