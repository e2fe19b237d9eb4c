import SocialAuditCore

/// `student.reply`: a tweet that replies to a student.
struct StudentReplyRule: Rule {
    let description = RuleDescription(
        id: "student.reply",
        name: "Reply to a student",
        summary: "A tweet replies to a student's tweet or to a student.",
        concern: .content,
        severities: [(.professional, .high), (.personal, .high), (.primary, .low), (.schoolOwned, .low)],
        policy: [PolicyText.notDirectly, PolicyText.boardPolicy, PolicyText.feedAndPrivate],
        remedy: "Ask the teacher to stop replying to students from this account; the district's board policy on staff–student communication applies.",
        actor: .principal,
        triggering: [
            RuleExample("a personal account replies to a student (matched by account id)",
                        Scenario.account(.personal).tweeting(ExampleContent.reply(to: ExampleContent.jamie, "great game tonight!"))),
            RuleExample("a professional account replies to a student the roster knows by handle only",
                        Scenario.account(.professional).tweeting(ExampleContent.reply(to: ExampleContent.maddie, "nice run"))),
            RuleExample("a primary account replies to a student (low: a signal to review)",
                        Scenario.account(.primary).tweeting(ExampleContent.reply(to: ExampleContent.jamie, "congratulations!"))),
        ],
        nonTriggering: [
            RuleExample("a reply to one's own tweet (a thread) is nothing", Scenario.account(.personal).tweeting(
                ExampleContent.reply(to: ExampleContent.Who("1003", "kjackson"), "part 2 of the thread"))),
            RuleExample("a reply to a parent", Scenario.account(.personal).tweeting(ExampleContent.reply(to: ExampleContent.parent, "thank you!"))),
            RuleExample("a retweet of a student is not a reply", Scenario.account(.personal).tweeting(
                ExampleContent.retweet(of: ExampleContent.jamie, "we won!"))),
            RuleExample("a post that mentions a student is a mention, not a reply", Scenario.account(.personal).tweeting(
                ExampleContent.post("shout out to @jamie_hoops7", mentioning: [ExampleContent.jamie]))),
        ])

    func check(tweet: Tweet, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard !tweet.isRetweet, tweet.isReply,
              !tweet.repliesTo(accountId: account.accountId, username: account.archiveAccount?.username ?? account.handle),
              let student = district.students.student(userId: tweet.inReplyToUserId, screenName: tweet.inReplyToScreenName)
        else { return }
        let ref = district.students.ref(student)
        report.report(.tweet(tweet, of: account, in: district), students: [ref], "Replied to student \(ref.label)")
    }
}
