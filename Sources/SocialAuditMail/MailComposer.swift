import Crypto
import Foundation
import SocialAuditCore
import SocialAuditReport
import SocialAuditRules
import SocialAuditSupport

/// One e-mail summary, ready to write as `.eml` and to send.
public struct MailMessage: Sendable, Hashable {
    /// `district` or the school's id: the file is `mail/<report>.eml`.
    public var report: String
    public var from: String
    public var recipients: [String]
    public var subject: String
    /// The whole message, RFC 5322 with CRLF line ends.
    public var bytes: [UInt8]
}

/// Builds the summaries of a run: one per school that has findings or coverage problems, to the
/// school's recipients, and one for the district.
///
/// Privacy by construction: a summary is made from counts, account handles and rule names only.
/// It never reads a finding's summary, evidence or students, so no student name or handle and
/// no tweet or message text can reach it.
public struct MailComposer: Sendable {
    public var templates: ReportTemplates
    public var from: String
    public var reportBaseURL: String?
    /// Where the reports are, for summaries without a link.
    public var reportPath: String
    public var date: Date

    public init(templates: ReportTemplates, from: String?, reportBaseURL: String?, reportPath: String, district: District, date: Date = Date()) {
        self.templates = templates
        // The readers refuse a sender that is not one address; one given here in code that is
        // not falls back to the default rather than reaching the From: header.
        let fallback = MailAddress.parsed("socialaudit@\(district.emailDomains.first ?? "")")?.description ?? "socialaudit@localhost"
        self.from = from.flatMap { MailAddress.parsed($0)?.description } ?? fallback
        self.reportBaseURL = reportBaseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.reportPath = reportPath
        self.date = date
    }

    public func messages(for report: RunReport) -> [MailMessage] {
        var messages: [MailMessage] = []
        // Each school's findings by position in the report's (a copy of a finding is a dozen
        // retains and releases; its status is the report's, by the same position).
        var bySchool: [String: [Int]] = [:]
        for index in report.findings.indices { bySchool[report.findings[index].schoolId, default: []].append(index) }
        // Unassigned findings have no school to write to: the district's summary carries them.
        for school in report.reportSchools where school.id != Finding.unassigned {
            let own = bySchool[school.id] ?? []
            let resolved = report.resolved.filter { $0.schoolId == school.id }
            guard !own.isEmpty || !resolved.isEmpty else { continue }
            let recipients = Self.addresses(report.schools.first { $0.id == school.id }?.reportRecipients ?? [])
            messages.append(message(report: school.id, title: school.name, findings: own, resolved: resolved.count,
                                    recipients: recipients, run: report, link: reportBaseURL.map { $0 + "schools/\(school.id)/index.html" },
                                    path: reportPath + "/schools/\(school.id)/index.html"))
        }
        messages.append(message(report: "district", title: report.district.name, findings: Array(report.findings.indices),
                                resolved: report.resolved.count, recipients: Self.addresses(report.district.reportRecipients), run: report,
                                link: reportBaseURL.map { $0 + "index.html" }, path: reportPath + "/index.html"))
        return messages
    }

    /// The recipients that are addresses (the readers refuse any other), normalised.
    static func addresses(_ recipients: [String]) -> [String] {
        recipients.compactMap { MailAddress.parsed($0)?.description }
    }

    static let coverageRules = ["archive.unreadable", "inventory.missing-archive", "inventory.stale-archive", "inventory.unregistered-archive"]


    /// `findings`: the positions of the summary's findings in `run.findings`.
    func message(report id: String, title: String, findings: [Int], resolved: Int, recipients: [String], run: RunReport,
                 link: String?, path: String) -> MailMessage {
        let title = DisplayText.singleLine(title, limit: 200)
        let summary = SummaryTally(findings: findings, run: run)
        let tally = summary.tally, newHigh = summary.newHigh, coverage = summary.coverage
        let total = { (status: FindingStatus) in tally.values.reduce(0) { $0 + ($1[status] ?? 0) } }
        // The count a reader must act on first leads, so that an inbox list shows it.
        let subject = "\(tally[.high]?[.new] ?? 0) new high · Social media audit — \(title), \(run.asOf): "
            + "\(total(.new)) new, \(total(.open)) open"
        let counts: [[String: Any]] = Severity.allCases.map { severity in
            let own = tally[severity] ?? [:]
            let (symbol, colour): (String, String) = switch severity {
            case .high: ("▲", "#a40e26")
            case .medium: ("◆", "#8a4600")
            case .low: ("●", "#0b5cad")
            }
            return ["label": severity.rawValue.capitalized, "symbol": symbol, "colour": colour,
                    "new": own[.new] ?? 0, "open": own[.open] ?? 0, "suppressed": own[.suppressed] ?? 0]
        }
        let newHighList: [[String: Any]] = newHigh.keys.sorted().map { key in
            let parts = key.split(separator: "\u{0}").map(String.init)
            return ["account": DisplayText.singleLine(parts[0]), "ruleName": RuleCatalog.rule(parts[1])?.description.name ?? parts[1], "count": newHigh[key]!]
        }
        var context: [String: Any] = [
            "title": "Social media audit — \(title)", "asOf": run.asOf, "districtName": DisplayText.singleLine(run.district.name, limit: 200),
            "counts": counts, "resolved": resolved, "hasNewHigh": !newHighList.isEmpty, "newHigh": newHighList,
            "hasCoverage": !coverage.isEmpty || !summary.notInInventory.isEmpty, "coverage": coverage, "hasFindings": !findings.isEmpty, "reportPath": path,
        ]
        if let link { context["link"] = link }
        if let count = Self.notInInventory(summary.notInInventory.count) { context["notInInventory"] = count }
        let text = templates.render("mail/summary.txt", context).trimmingNewlines() + "\n"
        let html = templates.render("mail/summary.html", context)
        let bytes = MIME.message(from: from, to: recipients, subject: subject, date: date,
                                 messageID: MIME.messageID(report: id, asOf: run.asOf, date: date, domain: domain),
                                 headers: [("X-Socialaudit-Report", id)], text: text, html: html)
        return MailMessage(report: id, from: from, recipients: recipients, subject: subject, bytes: bytes)
    }

    /// "2 archives not in the inventory"; nil when there are none.
    static func notInInventory(_ count: Int) -> String? {
        count == 0 ? nil : count == 1 ? "1 archive not in the inventory" : "\(count) archives not in the inventory"
    }

    var domain: String {
        MailAddress.parsed(from)?.domain ?? "localhost"
    }
}

/// Just enough MIME to write standard messages: RFC 5322 headers (RFC 2047 for non-ASCII),
/// multipart/alternative, quoted-printable bodies, CRLF line ends. Written by hand: no library
/// here builds MIME messages, and what is needed is small and fixed.
public enum MIME {
    public static func message(from: String, to: [String], subject: String, date: Date, messageID: String,
                               headers extra: [(String, String)], text: String, html: String) -> [UInt8] {
        let boundary = "=_socialaudit_" + String(SHA256.hash(data: Array(messageID.utf8)).hexString.prefix(24))
        // Addresses from their parsed parts, values one line each (MailHeaders.swift).
        var lines: [String] = [
            header("From", MailAddress.parsed(from).map(mailbox) ?? "socialaudit@localhost"),
            header("To", addressList(to)),
            header("Subject", encodeHeader(subject)),
            header("Date", rfc5322Date(date)),
            header("Message-ID", messageID),
            "MIME-Version: 1.0",
        ]
        for (name, value) in extra { lines.append(header(name, encodeHeader(value, name: name))) }
        lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a message in MIME format: a plain-text part and an HTML part.")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(quotedPrintable(body))
        }
        lines.append("--\(boundary)--")
        lines.append("")
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// `<asOf.report.hash@domain>`: unique per message and run.
    public static func messageID(report: String, asOf: String, date: Date, domain: String) -> String {
        let token = SHA256.hash(data: Array("\(report)|\(asOf)|\(date.timeIntervalSince1970)|\(ProcessInfo.processInfo.processIdentifier)".utf8)).hexString
        return "<\(asOf).\(report).\(token.prefix(16))@\(domain)>"
    }

    /// Quoted-printable (RFC 2045): CRLF line ends, lines of at most 76 characters.
    public static func quotedPrintable(_ text: String) -> String {
        // On bytes (a String per byte and `String(format:)` took most of composing a message).
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        let normalized = Array(text.utf8)
        out.reserveCapacity(normalized.count + normalized.count / 8)
        var length = 0
        var index = 0
        while index <= normalized.count {
            // A line ends at "\n", "\r\n" or the end; each is written as CRLF.
            let atEnd = index == normalized.count
            let lineEnd = atEnd || normalized[index] == 0x0A
                || (normalized[index] == 0x0D && index + 1 < normalized.count && normalized[index + 1] == 0x0A)
            if lineEnd {
                if atEnd { break }
                out.append(contentsOf: [0x0D, 0x0A])
                length = 0
                index += normalized[index] == 0x0D ? 2 : 1
                continue
            }
            let byte = normalized[index]
            let isLast = index + 1 == normalized.count || normalized[index + 1] == 0x0A
                || (normalized[index + 1] == 0x0D && index + 2 < normalized.count && normalized[index + 2] == 0x0A)
            let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
            let width = literal ? 1 : 3
            if length + width > 75 {
                out.append(contentsOf: [0x3D, 0x0D, 0x0A])  // =CRLF, a soft line break
                length = 0
            }
            if literal {
                out.append(byte)
            } else {
                out.append(contentsOf: [0x3D, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
            length += width
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `Wed, 25 Nov 2026 15:55:02 +0000`
    public static func rfc5322Date(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (year, month, day) = TwitterDate.civilFromDays(days)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[((days % 7) + 7) % 7]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(day)) \(months[month - 1]) \(year) \(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60)) +0000"
    }
}
