import SocialAuditCore

/// `student.dm`: a direct-message conversation that includes a student.
struct StudentDMRule: Rule {
    let description = RuleDescription(
        id: "student.dm",
        name: "Direct messages with a student",
        summary: "A direct-message conversation (one-to-one or group) includes a student.",
        concern: .content,
        severities: [(.professional, .high), (.personal, .high), (.primary, .medium), (.schoolOwned, .medium)],
        policy: [PolicyText.boardPolicy, PolicyText.feedAndPrivate],
        triggering: [
            RuleExample("a one-to-one conversation with a student", Scenario.account(.personal).messaging(
                ExampleContent.dm("1003", with: "880001"))),
            RuleExample("a group conversation a student joined", Scenario.account(.professional).messaging(
                ExampleContent.group(["1004", "7002", "880003"]))),
            RuleExample("a school-owned account's conversation with a student", Scenario.account(.schoolOwned).messaging(
                ExampleContent.dm("1002", with: "880004"))),
        ],
        nonTriggering: [
            RuleExample("a conversation with a parent", Scenario.account(.personal).messaging(ExampleContent.dm("1003", with: "7002"))),
            RuleExample("a group of staff", Scenario.account(.professional).messaging(ExampleContent.group(["1004", "1003", "7002"]))),
        ])

    func check(conversation: Conversation, of account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        var found: [String: StudentRef] = [:]
        for id in conversation.participantIds where id != account.accountId {
            if let student = district.students.student(userId: id, screenName: nil) {
                found[student.studentId] = district.students.ref(student)
            }
        }
        guard !found.isEmpty else { return }
        let refs = found.values.sorted()
        let kind = conversation.kind == .group ? "A group conversation (\(conversation.participantIds.count) participants)" : "A one-to-one conversation"
        report.report(.conversation(conversation), students: refs,
                      "\(kind) of \(conversation.messages.count) message\(conversation.messages.count == 1 ? "" : "s") with student\(refs.count == 1 ? "" : "s") " + refs.map(\.label).joined(separator: ", "))
    }
}
