import SocialAuditCore

/// `primary.retweet-source`: a primary account retweets organizations (and students, under review) only.
struct RetweetSourceRule: Rule {
    let description = RuleDescription(
        id: "primary.retweet-source",
        name: "Retweet from outside the organizations",
        summary: "A retweet of an account that is neither an organization nor a student.",
        concern: .content,
        severities: [(.primary, .low)],
        policy: [PolicyText.primaryRetweet],
        remedy: "Undo the retweet, or ask district communications to add the source to the organizations a primary account may retweet.",
        actor: .accountManager,
        triggering: [
            RuleExample("a retweet of a sports news account", Scenario.account(.primary).tweeting(
                ExampleContent.retweet(of: ExampleContent.sportsZone, "Friday night scores"))),
            RuleExample("a retweet of a parent", Scenario.account(.primary).tweeting(
                ExampleContent.retweet(of: ExampleContent.parent, "bake sale Saturday"))),
        ],
        nonTriggering: [
            RuleExample("a retweet of a configured organization", Scenario.account(.primary).tweeting(
                ExampleContent.retweet(of: ExampleContent.ncPublicSchools, "testing week"))),
            RuleExample("a retweet of another inventory account", Scenario.account(.primary).tweeting(
                ExampleContent.retweet(of: ExampleContent.counselors, "FAFSA night"))),
            RuleExample("a retweet of a student (student.retweet says that)", Scenario.account(.primary).tweeting(
                ExampleContent.retweet(of: ExampleContent.jamie, "signing day"))),
            RuleExample("a school-owned account may retweet anyone (the rule is for primary accounts)", Scenario.account(.schoolOwned).tweeting(
                ExampleContent.retweet(of: ExampleContent.sportsZone, "scores"))),
        ])

    func check(tweet: Tweet, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let author = tweet.retweetOf,
              !district.isOrganization(userId: author.userId, screenName: author.screenName),
              district.students.student(userId: author.userId, screenName: author.screenName) == nil,
              author.userId == nil || author.userId != account.accountId else { return }
        report.report(.tweet(tweet, of: account, in: district), "Retweeted @\(author.screenName), which is not an organization")
    }
}
