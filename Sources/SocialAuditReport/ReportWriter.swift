import Foundation
import SocialAuditCore
import SocialAuditRules
import SocialAuditSupport

/// Everything the reports show of one run. The report never reads an archive: it is handed
/// the findings and what was read.
public struct RunReport: Sendable {
    public var district: District
    public var schools: [School]
    public var asOf: String
    public var startedAt: Date
    public var finishedAt: Date
    /// In the spec's order; with ``statuses``, fixed when the report is made (``findingStatuses`` follows from them).
    public let findings: [Finding]
    /// Each finding's status by fingerprint (`new`, `open`, `suppressed`); `new` when absent.
    public let statuses: [String: FindingStatus]
    /// The status of each of ``findings``, by position: looked up once here rather than by every
    /// page, file and summary, which would each hash every fingerprint again.
    public let findingStatuses: [FindingStatus]
    /// Findings present in the previous run and not in this one.
    public var resolved: [ResolvedFinding]
    /// Open findings of accounts whose data this run could not read: the day it was last read, by fingerprint.
    public var notRecheckedSince: [String: String] = [:]
    /// `policy.lookbackDays`, and the first day content rules looked at: older tweets were left out.
    public var lookback: (days: Int, since: String)?
    /// Counts of the recent runs, this one last (per school and `*` for the district).
    public var trend: [TrendPoint]
    public var accounts: [AuditedAccount]
    public var archivesRead: Int
    public var tweetsScanned: Int
    public var messagesScanned: Int
    /// Archive problems, one line each (file and place), for run.json.
    public var errors: [String]
    /// How each e-mail summary fared (empty until they are sent or written).
    public var mail: [MailOutcome] = []
    /// The e-mail summaries to write as `mail/<report>.eml`.
    public var mailFiles: [String: [UInt8]] = [:]

    public init(district: District, schools: [School], asOf: String, startedAt: Date, finishedAt: Date,
                findings: [Finding], statuses: [String: FindingStatus] = [:], resolved: [ResolvedFinding] = [],
                trend: [TrendPoint] = [], accounts: [AuditedAccount], archivesRead: Int, tweetsScanned: Int, messagesScanned: Int, errors: [String]) {
        self.district = district
        self.schools = schools
        self.asOf = asOf
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        let ordered = Finding.inOrder(findings)
        self.findings = ordered
        self.statuses = statuses
        self.findingStatuses = ordered.indices.map { statuses[ordered[$0].fingerprint] ?? .new }
        self.resolved = resolved
        self.trend = trend
        self.accounts = accounts
        self.archivesRead = archivesRead
        self.tweetsScanned = tweetsScanned
        self.messagesScanned = messagesScanned
        self.errors = errors
    }

    public func status(_ finding: Finding) -> FindingStatus { statuses[finding.fingerprint] ?? .new }

    /// The school ids that get a report: every defined school, and `unassigned` when it has findings or accounts.
    public var reportSchools: [(id: String, name: String)] {
        var list = schools.map { (id: $0.id, name: $0.name) }
        if findings.indices.contains(where: { findings[$0].schoolId == Finding.unassigned }) || accounts.contains(where: { $0.schoolId == Finding.unassigned }) {
            list.append((Finding.unassigned, "Unassigned"))
        }
        return list
    }
}

/// Renders a run into the output tree of spec/outputs.md, as file contents by relative path.
public struct ReportWriter: Sendable {
    public var templates: ReportTemplates

    public init(templates: ReportTemplates) {
        self.templates = templates
    }

    /// The pages, CSV files and `findings.json`, rendered on all cores and each written into
    /// `staging` as soon as it is rendered: a district's pages and CSV files are independent, so
    /// the writing of one overlaps the rendering of the others. They do not depend on
    /// the e-mail summaries, which can be composed and sent meanwhile (``closingFiles(for:)``).
    public func writePages(for report: RunReport, into staging: OutputFolder.Staging) async throws {
        let jobs = pageJobs(for: report, into: staging)
        let faults = await InOrder.map(jobs.count) { index -> (any Error)? in
            do {
                try await jobs[index].job()
                return nil
            } catch {
                return error
            }
        }
        // Every page is tried; the fault said is the first in the pages' order, whichever failed first.
        if let fault = faults.lazy.compactMap({ $0 }).first { throw fault }
    }

    /// A file of the tree, how much it has to show, and the work that writes it.
    private typealias PageJob = (path: String, cost: Int, job: @Sendable () async throws -> Void)

    private func pageJobs(for report: RunReport, into staging: OutputFolder.Staging) -> [PageJob] {
        let templates = self.templates
        var jobs: [PageJob] = [
            ("index.html", report.findings.count, { try await staging.write("index.html", text: templates.render("district", HTMLContext.district(report))) }),
            ("findings.csv", report.findings.count / 8, {
                try await staging.write("findings.csv", FindingsCSV.bytes(report.findings, statuses: report.findingStatuses))
            }),
            ("findings.json", report.findings.count / 2, { try await staging.write("findings.json", FindingsJSON.findings(report)) }),
        ]
        var perSchool: [String: Int] = [:]
        for finding in report.findings { perSchool[finding.schoolId, default: 0] += 1 }
        for school in report.reportSchools {
            let count = perSchool[school.id] ?? 0
            jobs.append(("schools/\(school.id)/index.html", 2 * count, {
                try await staging.write("schools/\(school.id)/index.html", text: templates.render("school", HTMLContext.school(report, id: school.id, name: school.name)))
            }))
            jobs.append(("schools/\(school.id)/findings.csv", count / 8, {
                let own = report.findings.indices.filter { report.findings[$0].schoolId == school.id }
                try await staging.write("schools/\(school.id)/findings.csv",
                                  FindingsCSV.bytes(own.map { report.findings[$0] }, statuses: own.map { report.findingStatuses[$0] }))
            }))
        }
        // The longest first (by findings to show), so that the last to finish is a short one.
        jobs.sort { ($0.cost, $1.path) > ($1.cost, $0.path) }
        return jobs
    }

    /// `run.json` and the e-mail summaries, once they have been sent (or not).
    public func closingFiles(for report: RunReport) throws -> [String: [UInt8]] {
        var files = ["run.json": try FindingsJSON.run(report)]
        for (name, bytes) in report.mailFiles {
            files["mail/\(name).eml"] = bytes
        }
        return files
    }
}

/// `findings.csv`: RFC 4180 (CRLF, quotes where a cell holds a quote, comma or line break),
/// formula-safe cells and a final line break.
///
/// Written here rather than with CSV.swift's writer (which the tests use to read the file back):
/// the cells must be made formula-safe and bidi-neutral on the way, and the quoting is one pass.
public enum FindingsCSV {
    public static let columns = ["school_id", "school_name", "account", "tier", "rule", "severity", "status",
                                 "evidence_kind", "evidence_id", "evidence_time", "evidence_url", "summary", "fingerprint"]

    public static func render(_ findings: [Finding], status: (Finding) -> FindingStatus = { _ in .new }) throws -> String {
        let ordered = Finding.inOrder(findings)
        return String(decoding: bytes(ordered, statuses: ordered.map(status)), as: UTF8.self)
    }

    /// The file's bytes, each cell written straight into them. `findings` in the spec's order
    /// (a report's are), `statuses` theirs by position.
    static func bytes(_ ordered: [Finding], statuses: [FindingStatus]) -> [UInt8] {
        precondition(statuses.count == ordered.count, "a status for each finding")
        var out: [UInt8] = []
        out.reserveCapacity(256 * (ordered.count + 1))
        for (index, column) in columns.enumerated() {
            append(column, to: &out, first: index == 0)
        }
        out += [0x0D, 0x0A]
        for (finding, status) in zip(ordered, statuses) {
            append(finding.schoolId, to: &out, first: true)
            for value in [finding.schoolName, finding.account, finding.tier.rawValue, finding.rule, finding.severity.rawValue,
                          status.rawValue, finding.evidence.kind.rawValue, finding.evidence.id ?? "",
                          finding.evidence.time.map(TwitterDate.iso8601) ?? "", finding.evidence.url ?? "",
                          finding.summary, finding.fingerprint] {
                append(value, to: &out)
            }
            out += [0x0D, 0x0A]
        }
        return out
    }

    /// A cell of a row, after a comma unless it is the row's first.
    private static func append(_ value: String, to out: inout [UInt8], first: Bool = false) {
        if !first { out.append(0x2C) }
        cell(value, to: &out)
    }

    /// One cell, formula-safe (see ``inert(_:)``), quoted (quotes doubled) when it holds a
    /// quote, a comma, CR or LF.
    static func cell(_ cell: String, to out: inout [UInt8]) {
        let formula = startsLikeFormula(cell)
        let cell = cell.utf8.contains(0xE2) ? BidiControls.neutralised(cell) : cell
        let quoted = cell.utf8.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A })
        if quoted { out.append(0x22) }
        if formula { out.append(0x27) }
        for byte in cell.utf8 {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        if quoted { out.append(0x22) }
    }

    /// A cell that a spreadsheet would read as a formula (CSV injection, see
    /// ``startsLikeFormula(_:)``) gets a leading apostrophe, which makes it text; bidirectional
    /// controls are shown as markers.
    public static func inert(_ value: String) -> String {
        (startsLikeFormula(value) ? "'" : "") + BidiControls.neutralised(value)
    }
}

/// `findings.json` and `run.json`: stable key order and UTC dates, so the same run gives the same bytes.
enum FindingsJSON {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(TwitterDate.iso8601(date))
        }
        return encoder
    }

    /// The findings with their status, rule name, policy sentences and remedy, keys in sorted order.
    static func findings(_ report: RunReport) throws -> [UInt8] {
        var rules: [String: RuleDescription?] = [:]
        for id in Set(report.findings.map(\.rule)) { rules[id] = RuleCatalog.rule(id)?.description }
        let entries = report.findings.indices.map { index in
            let finding = report.findings[index], rule = rules[finding.rule]!
            return Entry(finding: finding, status: report.findingStatuses[index], ruleName: rule?.name ?? finding.rule,
                         policy: rule?.policy ?? [], remedy: rule?.remedy, actor: rule?.actor.rawValue,
                         notRecheckedSince: report.notRecheckedSince[finding.fingerprint])
        }
        return Array(try encoder().encode(entries)) + [0x0A]
    }

    /// A finding as findings.json holds it: its own fields, with its status, its rule's name and
    /// policy sentences, and when its account was last read if this run could not read it.
    struct Entry: Encodable {
        let finding: Finding
        let status: FindingStatus
        let ruleName: String
        let policy: [String]
        /// What to do about it, and who acts (the rule's declaration).
        let remedy: String?
        let actor: String?
        let notRecheckedSince: String?

        enum Keys: String, CodingKey {
            case account, accountId, actor, evidence, fingerprint, notRecheckedSince, policy, remedy, rule, ruleName, schoolId, schoolName
            case severity, status, students, summary, tier
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(finding.account, forKey: .account)
            try container.encodeIfPresent(finding.accountId, forKey: .accountId)
            try container.encodeIfPresent(actor, forKey: .actor)
            try container.encode(finding.evidence, forKey: .evidence)
            try container.encode(finding.fingerprint, forKey: .fingerprint)
            try container.encodeIfPresent(notRecheckedSince, forKey: .notRecheckedSince)
            try container.encode(policy, forKey: .policy)
            try container.encodeIfPresent(remedy, forKey: .remedy)
            try container.encode(finding.rule, forKey: .rule)
            try container.encode(ruleName, forKey: .ruleName)
            try container.encode(finding.schoolId, forKey: .schoolId)
            try container.encode(finding.schoolName, forKey: .schoolName)
            try container.encode(finding.severity, forKey: .severity)
            try container.encode(status, forKey: .status)
            try container.encode(finding.students, forKey: .students)
            try container.encode(finding.summary, forKey: .summary)
            try container.encode(finding.tier, forKey: .tier)
        }
    }

    struct Run: Encodable {
        var asOf: String
        var startedAt: Date
        var finishedAt: Date
        var archivesRead: Int
        var accountsAudited: Int
        var tweetsScanned: Int
        var messagesScanned: Int
        var findings: Int
        var byStatus: [String: Int]
        var bySeverity: [String: Int]
        var bySchool: [String: Int]
        var resolved: [ResolvedFinding]
        var errors: [String]
        var mail: [MailOutcome]
    }

    static func run(_ report: RunReport) throws -> [UInt8] {
        var byStatus = Dictionary(uniqueKeysWithValues: FindingStatus.allCases.map { ($0.rawValue, 0) })
        var bySeverity = ["high": 0, "medium": 0, "low": 0]
        var bySchool: [String: Int] = [:]
        for index in report.findings.indices {
            byStatus[report.findingStatuses[index].rawValue, default: 0] += 1
            bySeverity[report.findings[index].severity.rawValue, default: 0] += 1
            bySchool[report.findings[index].schoolId, default: 0] += 1
        }
        let run = Run(asOf: report.asOf, startedAt: report.startedAt, finishedAt: report.finishedAt,
                      archivesRead: report.archivesRead, accountsAudited: report.accounts.count,
                      tweetsScanned: report.tweetsScanned, messagesScanned: report.messagesScanned,
                      findings: report.findings.count, byStatus: byStatus, bySeverity: bySeverity, bySchool: bySchool,
                      resolved: report.resolved, errors: report.errors, mail: report.mail)
        return Array(try encoder().encode(run)) + [0x0A]
    }
}
