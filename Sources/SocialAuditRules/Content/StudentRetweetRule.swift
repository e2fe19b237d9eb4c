import SocialAuditCore

/// `student.retweet`: a retweet of a student's tweet.
struct StudentRetweetRule: Rule {
    let description = RuleDescription(
        id: "student.retweet",
        name: "Retweet of a student",
        summary: "A retweet of a student's tweet (for review).",
        concern: .content,
        severities: [(.primary, .low), (.schoolOwned, .low), (.professional, .low), (.personal, .low)],
        policy: [PolicyText.boardPolicyReview],
        remedy: "Ask the staff member to undo the retweet: sharing a student's own posts is communicating with the student.",
        actor: .principal,
        triggering: [
            RuleExample("a professional account retweets a student", Scenario.account(.professional).tweeting(
                ExampleContent.retweet(of: ExampleContent.jamie, "state finals here we come"))),
            RuleExample("a primary account retweets a student known by handle only", Scenario.account(.primary).tweeting(
                ExampleContent.retweet(of: ExampleContent.maddie, "new PR today"))),
        ],
        nonTriggering: [
            RuleExample("a retweet of an organization", Scenario.account(.primary).tweeting(
                ExampleContent.retweet(of: ExampleContent.ncPublicSchools, "schools open on time"))),
            RuleExample("a reply to a student is not a retweet", Scenario.account(.professional).tweeting(
                ExampleContent.reply(to: ExampleContent.jamie, "well done"))),
        ])

    func check(tweet: Tweet, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let author = tweet.retweetOf,
              let student = district.students.student(userId: author.userId, screenName: author.screenName) else { return }
        let ref = district.students.ref(student)
        report.report(.tweet(tweet, of: account, in: district), students: [ref], "Retweeted student \(ref.label)")
    }
}
