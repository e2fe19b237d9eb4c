import SocialAuditCore

/// `student.mention`: a tweet (not a retweet) that mentions a student other than the one it replies to.
struct StudentMentionRule: Rule {
    let description = RuleDescription(
        id: "student.mention",
        name: "Mention of a student",
        summary: "A tweet that is not a retweet mentions a student other than the one it replies to.",
        concern: .content,
        severities: [(.professional, .high), (.personal, .high), (.primary, .low), (.schoolOwned, .low)],
        policy: [PolicyText.notDirectly, PolicyText.boardPolicy, PolicyText.feedAndPrivate],
        remedy: "Ask the staff member to delete the tweet and to stop naming students' accounts; the board policy on staff–student communication applies.",
        actor: .principal,
        triggering: [
            RuleExample("a post that mentions a student", Scenario.account(.personal).tweeting(
                ExampleContent.post("proud of @jamie_hoops7 today", mentioning: [ExampleContent.jamie]))),
            RuleExample("a reply to one student that also mentions another", Scenario.account(.professional).tweeting(
                ExampleContent.reply(to: ExampleContent.jamie, "and @MaddieRunsXC too!", alsoMentioning: [ExampleContent.maddie]))),
        ],
        nonTriggering: [
            RuleExample("a reply to a student names only that student: that is student.reply", Scenario.account(.personal).tweeting(
                ExampleContent.reply(to: ExampleContent.jamie, "see you tomorrow"))),
            RuleExample("a retweet of a student is never a mention", Scenario.account(.personal).tweeting(
                ExampleContent.retweet(of: ExampleContent.jamie, "we won!"))),
            RuleExample("a mention of an organization", Scenario.account(.professional).tweeting(
                ExampleContent.post("thanks @NCPublicSchools", mentioning: [ExampleContent.ncPublicSchools]))),
        ])

    func check(tweet: Tweet, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard !tweet.isRetweet, !tweet.mentions.isEmpty else { return }
        let repliedTo = tweet.isReply ? district.students.student(userId: tweet.inReplyToUserId, screenName: tweet.inReplyToScreenName) : nil
        var found: [String: StudentRef] = [:]
        for mention in tweet.mentions {
            guard let student = district.students.student(userId: mention.userId, screenName: mention.screenName),
                  student.studentId != repliedTo?.studentId else { continue }
            found[student.studentId] = district.students.ref(student)
        }
        guard !found.isEmpty else { return }
        let refs = found.values.sorted()
        report.report(.tweet(tweet, of: account, in: district), students: refs,
                      "Mentioned student\(refs.count == 1 ? "" : "s") " + refs.map(\.label).joined(separator: ", "))
    }
}
