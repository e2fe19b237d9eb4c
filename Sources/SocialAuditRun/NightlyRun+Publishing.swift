import Foundation
import SocialAuditCore
import SocialAuditInventory
import SocialAuditMail
import SocialAuditReport
import SocialAuditState

/// The end of ``NightlyRun/run(_:ahead:)``: reports, state and mail, and the exit status.
extension NightlyRun {
    /// The pages are rendered while the e-mail summaries are composed (and sent, with `mail`),
    /// and the run is recorded in the state meanwhile. Reports and state are one outcome: the
    /// state commits, marked pending, once the new tree is whole; the tree then takes the old
    /// one's place and the run is marked done. A run interrupted between is settled by the next.
    /// Gives the mail's outcomes once the previous tree is removed.
    func publish(_ audited: Audited, _ checked: Checked, _ store: StateStore) async throws(RunError) -> [MailOutcome] {
        let configuration = checked.district.configuration
        let report = audited.report, record = audited.record
        let writer = ReportWriter(templates: checked.templates)
        async let pages = Self.stage(report, writer, out: configuration.out, token: audited.token)
        // Its statements made meanwhile, committed (by ``Publication``) only once the tree is whole.
        async let recorded = Result { try store.recordUncommitted(record) }
        // The e-mail summaries: written as .eml either way, sent with `mail`.
        var mailReport = report
        let composer = MailComposer(templates: checked.templates, from: configuration.mail.from,
                                    reportBaseURL: configuration.mail.reportBaseURL, reportPath: configuration.out.path,
                                    district: checked.district.inventory.inventory.district)
        let messages = composer.messages(for: report)
        mailReport.mailFiles = Dictionary(uniqueKeysWithValues: messages.map { ($0.report, $0.bytes) })
        // Sent from this task: a slow mail server holds one of the pool's threads, the pages have the others.
        mailReport.mail = deliver(messages, configuration.mail)
        // run.json and the .eml files while the pages render (this task would only wait).
        let closingFiles = Result { try writer.closingFiles(for: mailReport) }
        try await Publication(out: configuration.out, state: configuration.state, store: store)
            .publish(pages: await pages, closing: closingFiles, recorded: await recorded, mail: options.mail ? mailReport.mail : nil)
        return options.mail ? mailReport.mail : []
    }

    /// A new tree beside the reports, each page written into it as soon as it is rendered.
    private static func stage(_ report: RunReport, _ writer: ReportWriter, out: URL,
                              token: String) async -> Result<OutputFolder.Staging, any Error> {
        let staging: OutputFolder.Staging
        do {
            staging = try OutputFolder.Staging(out, token: token)
        } catch {
            return .failure(error)
        }
        do {
            try await writer.writePages(for: report, into: staging)
        } catch {
            staging.abandon()
            return .failure(error)
        }
        return .success(staging)
    }

    /// Sent with `mail`, each failure said in the log; else each message said written, not sent.
    private func deliver(_ messages: [MailMessage], _ settings: MailSettings) -> [MailOutcome] {
        guard options.mail else {
            return messages.map {
                MailOutcome(message: $0.report, recipients: $0.recipients, outcome: .notSent,
                            detail: "written to mail/\($0.report).eml; run with --mail, or socialaudit mail, to send")
            }
        }
        let delivery = MailDelivery(transport: MailSettings.transport(settings))
        return messages.map { message in
            let outcome = delivery.deliver(message)
            if outcome.isFailure { log.error("\(outcome.failureLine)") }
            return outcome
        }
    }

    /// 5 when some summary did not reach a recipient (an operator must act), else 1 when
    /// `failOn` matched, else 0; each said in the log.
    func exitCode(_ outcome: Outcome) -> Int32 {
        var code: Int32 = 0
        if let failOn = options.failOn {
            let matched = outcome.result.findings.filter { $0.severity.isAtLeast(failOn) && outcome.statuses[$0.fingerprint] != .suppressed }
            if !matched.isEmpty {
                let new = matched.filter { outcome.statuses[$0.fingerprint] == .new }.count
                log.notice("""
                    --fail-on \(failOn.rawValue): \(matched.count) unsuppressed finding\(matched.count == 1 ? "" : "s") \
                    of \(failOn.rawValue) severity or higher (\(new) new); exit \(RunExit.failOnMatched)
                    """)
                code = RunExit.failOnMatched
            }
        }
        let undelivered = outcome.mail.filter(\.isFailure)
        if !undelivered.isEmpty {
            let people = Set(undelivered.flatMap(\.failedRecipients)).count
            log.error("""
                \(undelivered.count) of \(outcome.mail.count) e-mail summar\(outcome.mail.count == 1 ? "y" : "ies") not delivered \
                to \(people) recipient\(people == 1 ? "" : "s"); the reports were written; exit \(RunExit.mailNotDelivered)
                """)
            code = RunExit.mailNotDelivered
        }
        return code
    }
}
