import SocialAuditCore

/// `student.dm`: a direct-message conversation that includes a student.
struct StudentDMRule: Rule {
    let description = RuleDescription(
        id: "student.dm",
        name: "Direct messages with a student",
        summary: "A direct-message conversation (one-to-one or group) includes a student; one the roster knows by handle alone is known by the id the account's tweets pair with that handle (low where they pair it with two).",
        concern: .content,
        severities: [(.professional, .high), (.personal, .high), (.primary, .medium), (.schoolOwned, .medium)],
        policy: [PolicyText.boardPolicy, PolicyText.feedAndPrivate],
        remedy: "Ask the staff member to stop messaging the student from this account and to use the district's approved channels; the board policy on staff–student communication applies.",
        actor: .hr,
        triggering: [
            RuleExample("a one-to-one conversation with a student", Scenario.account(.personal).messaging(
                ExampleContent.dm("1003", with: "880001"))),
            RuleExample("a group conversation a student joined", Scenario.account(.professional).messaging(
                ExampleContent.group(["1004", "7002", "880003"]))),
            RuleExample("a school-owned account's conversation with a student", Scenario.account(.schoolOwned).messaging(
                ExampleContent.dm("1002", with: "880004"))),
            RuleExample("a student known by handle only, whose id the account's own mentions give", Scenario.account(.personal)
                .tweeting(ExampleContent.post("Great race today @MaddieRunsXC 🏃‍♀️", mentioning: [ExampleContent.maddie]))
                .messaging(ExampleContent.dm("1003", with: "880002"))),
            RuleExample("a handle-only student's id learned from a reply, in a group", Scenario.account(.professional)
                .tweeting(ExampleContent.reply(to: ExampleContent.Who("880002", "maddierunsxc"), "¡Felicidades!"))
                .messaging(ExampleContent.group(["1004", "7002", "880002"]))),
            RuleExample("a handle the tweets pair with two accounts (reused): low, to review", Scenario.account(.personal)
                .tweeting(ExampleContent.post("Go @MaddieRunsXC", mentioning: [ExampleContent.maddie]),
                          ExampleContent.post("Go @maddierunsxc", id: "1850000000000000009",
                                              mentioning: [ExampleContent.Who("880077", "maddierunsxc")]))
                .messaging(ExampleContent.dm("1003", with: "880077")), severity: .low),
        ],
        nonTriggering: [
            RuleExample("a conversation with a parent", Scenario.account(.personal).messaging(ExampleContent.dm("1003", with: "7002"))),
            RuleExample("a group of staff", Scenario.account(.professional).messaging(ExampleContent.group(["1004", "1003", "7002"]))),
            RuleExample("a handle-only student's id that no tweet of the account gives: no guess", Scenario.account(.personal)
                .messaging(ExampleContent.dm("1003", with: "880002"))),
            RuleExample("the tweets pair a handle-only student with another account than the conversation's", Scenario.account(.personal)
                .tweeting(ExampleContent.post("Great race @MaddieRunsXC", mentioning: [ExampleContent.maddie]))
                .messaging(ExampleContent.dm("1003", with: "880005"))),
        ])

    func check(conversation: Conversation, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        var found: [String: StudentRef] = [:]
        var uncertain: [String: (StudentRef, String)] = [:]
        for id in conversation.participantIds where id != account.accountId {
            if let student = district.students.student(userId: id, screenName: nil) {
                found[student.studentId] = district.students.ref(student)
            } else if let learned = account.learnedHandles.student(userId: id, in: district.students) {
                let ref = district.students.ref(learned.student)
                if learned.otherIds.isEmpty {
                    found[learned.student.studentId] = ref
                } else {
                    uncertain[learned.student.studentId] = (ref, "@\(learned.handle) is paired with account \(id) and with "
                        + learned.otherIds.joined(separator: ", "))
                }
            }
        }
        let kind = conversation.kind == .group ? "A group conversation (\(conversation.participantIds.count) participants)" : "A one-to-one conversation"
        let size = "\(conversation.messages.count) message\(conversation.messages.count == 1 ? "" : "s")"
        if !found.isEmpty {
            let refs = found.values.sorted()
            report.report(.conversation(conversation), students: refs,
                          "\(kind) of \(size) with student\(refs.count == 1 ? "" : "s") " + refs.map(\.label).joined(separator: ", "))
        } else if !uncertain.isEmpty {
            // A handle that passed between accounts names no one for sure: a signal to review, not a guess.
            let refs = uncertain.values.map(\.0).sorted()
            report.report(.conversation(conversation), students: refs, severity: .low,
                          "\(kind) of \(size) with an account that may be student " + refs.map(\.label).joined(separator: ", ")
                          + ": in this account's tweets " + uncertain.values.map(\.1).sorted().joined(separator: "; ")
                          + " (the handle was reused); review who it is")
        }
    }
}
