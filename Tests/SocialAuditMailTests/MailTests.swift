import Foundation
import Testing
import SocialAuditCore
import SocialAuditInventory
import SocialAuditReport
import SocialAuditRun
import SocialAuditTestSupport
@testable import SocialAuditMail

@Suite("E-mail summaries")
struct MailTests {
    /// The summaries of a sample run.
    func sampleMessages() async throws -> ([MailMessage], AuditResult, DistrictInputs) {
        let configuration = try ConfigurationReader.load(Invocation.repository.appendingPathComponent("samples/socialaudit.json"))
        let inputs = try DistrictInputs.load(configuration, rosterGiven: true)
        let result = try await DistrictAudit(inputs: inputs, asOf: TwitterDate.parse("2026-11-01")!).run()
        let inventory = inputs.inventory.inventory
        let report = RunReport(district: inventory.district, schools: inventory.schools, asOf: "2026-11-01", startedAt: Date(),
                               finishedAt: Date(), findings: result.findings, accounts: result.accounts, archivesRead: 11,
                               tweetsScanned: result.tweetsScanned, messagesScanned: result.messagesScanned, errors: [])
        let templates = try ReportTemplates(folder: Invocation.repository.appendingPathComponent("templates"))
        let composer = MailComposer(templates: templates, from: "socialaudit@haywood.k12.nc.us",
                                    reportBaseURL: "https://intranet.example/socialaudit", reportPath: "/srv/out", district: inventory.district)
        return (composer.messages(for: report), result, inputs)
    }

    @Test("one summary per school with findings and one for the district, to the inventory's recipients, with the link")
    func messages() async throws {
        let (messages, _, inputs) = try await sampleMessages()
        #expect(messages.map(\.report) == ["pisgah-high", "tuscola-high", "bethel-middle", "district"])
        let pisgah = try #require(messages.first)
        #expect(pisgah.recipients == inputs.inventory.inventory.schools.first { $0.id == "pisgah-high" }?.reportRecipients)
        #expect(pisgah.subject == "7 new high · Social media audit — Pisgah High School, 2026-11-01: 15 new, 0 open")
        let text = String(decoding: pisgah.bytes, as: UTF8.self)
        #expect(text.contains("Content-Type: multipart/alternative"))
        #expect(text.contains("https://intranet.example/socialaudit/schools/pisgah-high/index.html"))
        #expect(!text.contains("<script") && !text.contains("src=\"http"))
        #expect(messages.last?.recipients == ["communications@haywood.k12.nc.us"])
    }

    @Test("no student name or handle and no tweet or message text in any summary")
    func privacy() async throws {
        let (messages, result, inputs) = try await sampleMessages()
        var forbidden: [String] = []
        for student in inputs.roster.students {
            forbidden += [student.firstName + " " + student.lastName, student.lastName]
            if let handle = student.handle { forbidden.append(handle) }
        }
        for finding in result.findings {
            if let text = finding.evidence.text, text.count > 12 { forbidden.append(String(text.prefix(40))) }
        }
        for message in messages {
            // Decode the quoted-printable parts before looking.
            let raw = String(decoding: message.bytes, as: UTF8.self)
            let decoded = raw.replacingOccurrences(of: "=\r\n", with: "")
            let plain = QuotedPrintable.decode(decoded)
            for word in forbidden {
                #expect(!plain.lowercased().contains(word.lowercased()), "'\(word)' in \(message.report)'s summary")
            }
        }
    }

    @Test("MIME: encoded non-ASCII headers, quoted-printable within 76 columns, RFC 5322 dates")
    func mime() {
        let subject = MIME.encodeHeader("Audit — École Peña, résumé of a long subject line that must be split into several words")
        #expect(subject.hasPrefix("=?UTF-8?B?"))
        #expect(subject.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 75 })
        #expect(MIME.encodeHeader("plain ASCII") == "plain ASCII")
        let body = MIME.quotedPrintable(String(repeating: "é=x ", count: 60) + "\nend ")
        #expect(body.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(body.contains("=C3=A9") && body.contains("=3D") && body.hasSuffix("end=20"))
        #expect(MIME.rfc5322Date(TwitterDate.parse("2026-11-25T15:55:02Z")!) == "Wed, 25 Nov 2026 15:55:02 +0000")
        #expect(MIME.rfc5322Date(TwitterDate.parse("2024-02-29T00:00:00Z")!) == "Thu, 29 Feb 2024 00:00:00 +0000")
    }

    @Test("quoted-printable decodes back to the text (line ends as CRLF), no line over 76, no space or tab before a line end")
    func quotedPrintableRoundTrip() throws {
        /// RFC 2045 decoding: soft line breaks removed, =XX turned back into bytes.
        func decode(_ encoded: String) -> [UInt8] {
            let bytes = Array(encoded.replacingOccurrences(of: "=\r\n", with: "").utf8)
            var out: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count + 0,
                   let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16) {
                    out.append(value)
                    index += 3
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            return out
        }
        let pieces = ["a", " ", "\t", "=", "é", "😀", "\n", "\r\n", "x", "  ", "==", "\u{7F}", "~", String(repeating: "w", count: 80)]
        var state: UInt64 = 0x9E37_79B9
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int(state % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let encoded = MIME.quotedPrintable(text)
            let lines = encoded.components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 76 }, "\(text.debugDescription)")
            #expect(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.hasSuffix("\t") }, "\(text.debugDescription)")
            #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
            let expected = Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            #expect(decode(encoded) == expected, "\(text.debugDescription) → \(encoded.debugDescription)")
        }
    }

    @Test("a written summary reads back: sender, recipients and subject, with CRLF or LF line ends")
    func readBack() async throws {
        let (messages, _, _) = try await sampleMessages()
        let bethel = try #require(messages.first { $0.report == "bethel-middle" })
        for bytes in [bethel.bytes, Array(String(decoding: bethel.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)] {
            let parsed = try #require(EML.parse(bytes, report: "bethel-middle"))
            #expect(parsed.recipients == bethel.recipients && parsed.recipients.count == 2)
            #expect(parsed.subject == bethel.subject)
            #expect(parsed.from == "socialaudit@haywood.k12.nc.us")
        }
    }

    @Test("dot-stuffing doubles a leading dot and ends the data with CRLF")
    func dots() {
        #expect(SMTPSession.dotStuffed(Array(".a\r\nb\r\n.\r\nc".utf8)) == Array("..a\r\nb\r\n..\r\nc\r\n".utf8))
    }

    @Test("a message without recipients is not sent, and says why")
    func noRecipients() {
        let message = MailMessage(report: "x", from: "a@b", recipients: [], subject: "s", bytes: [])
        let outcome = MailDelivery(transport: .smtp(host: "127.0.0.1", port: 9), backoff: []).deliver(message)
        #expect(outcome.outcome == .notSent)
    }

    @Test("a server that is down is retried, then reported as failed")
    func serverDown() {
        let message = MailMessage(report: "x", from: "a@b", recipients: ["c@d"], subject: "s", bytes: Array("Subject: s\r\n\r\nhi\r\n".utf8))
        let outcome = MailDelivery(transport: .smtp(host: "127.0.0.1", port: 9), backoff: [0.05, 0.05]).deliver(message)
        #expect(outcome.outcome == .failed)
        #expect(outcome.detail.contains("could not be reached"))
        #expect(outcome.detail.contains("3 attempts"))
    }

    @Test("a sendmail command named without a path is found through PATH, by the delivery and by the route's check alike")
    func sendmailThroughPATH() {
        let message = MailMessage(report: "x", from: "a@b", recipients: ["c@d"], subject: "s", bytes: Array("Subject: Zoë 🎓\r\n\r\nhi\r\n".utf8))
        #expect(MailTransport.sendmail(command: "cat -u").problems.isEmpty)
        #expect(MailDelivery(transport: .sendmail(command: "cat -u"), backoff: []).deliver(message).outcome == .delivered)
        let missing = MailTransport.sendmail(command: "sendmail-nowhere -t")
        #expect(missing.problems == ["mail.sendmail 'sendmail-nowhere -t' cannot run: no executable 'sendmail-nowhere' in PATH"])
        let outcome = MailDelivery(transport: missing, backoff: []).deliver(message)
        #expect(outcome.outcome == .failed && outcome.detail == missing.problems.first)
        #expect(MailTransport.sendmail(command: "/etc -t").problems.first?.contains("/etc is not an executable file") == true)
        #expect(MailTransport.sendmail(command: "  ").problems == ["mail.sendmail is empty"])
    }

    @Test("an SMTP host is a host name or an IP address", arguments: [
        ("mail.haywood.k12.nc.us", true), ("127.0.0.1", true), ("::1", true), ("localhost", true), ("xn--80ajghhoc2aj1c8b.xn--p1ai", true),
        ("mail server", false), ("почта.рф", false), ("mail.example\r\nRCPT TO:<x@y>", false), ("", false),
    ])
    func smtpHost(_ host: String, _ wellFormed: Bool) {
        #expect(MailTransport.smtp(host: host, port: 25).problems.isEmpty == wellFormed)
    }
}
