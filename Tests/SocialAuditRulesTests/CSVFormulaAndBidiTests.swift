import Foundation
import Testing
import CSV
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditReport

/// Cells a spreadsheet would run, and text that displays in another order than it is stored.
@Suite("CSV formulas and bidirectional controls")
struct CSVFormulaAndBidiTests {
    func finding(summary: String, account: String = "kjackson") -> Finding {
        Finding(rule: "student.reply", severity: .high, tier: .personal, schoolId: "pisgah-high", schoolName: "Pisgah High",
                account: account, accountId: "1003", evidence: Evidence(kind: .account), students: [], summary: summary, fingerprint: "f1")
    }

    @Test("a cell whose first visible character starts a formula gets an apostrophe",
          arguments: ["=1+1", " =1+1", "   +1", "\u{A0}=cmd", "\u{FEFF}=cmd", "\n-1", "\r\n@SUM(A1)", "\u{202E}=x", "\u{2066} \u{A0}=x",
                      "\u{FF1D}1+1", "|cmd", " |cmd", "\t=1", "-", "@"])
    func formula(_ value: String) throws {
        #expect(FindingsCSV.inert(value).hasPrefix("'"))
        let reader = try CSVReader(string: try FindingsCSV.render([finding(summary: value)]), hasHeaderRow: true)
        let row = try #require(reader.next())
        #expect(row[FindingsCSV.columns.firstIndex(of: "summary")!].hasPrefix("'"))
    }

    @Test("a cell that only contains such a character later is left alone",
          arguments: ["plain", " plain", "a=b", "1-2", "x@y.example", "", "   ", "\u{A0}", "Tom | Jerry"])
    func notFormula(_ value: String) {
        #expect(FindingsCSV.inert(value) == value)
    }

    @Test("bidi controls in a CSV cell are shown as markers, and the cell still counts as a formula")
    func csvBidi() throws {
        let csv = try FindingsCSV.render([finding(summary: "\u{202E}=HYPERLINK(\"x\")", account: "evil\u{2067}gpj.exe")])
        #expect(!csv.unicodeScalars.contains(where: BidiControls.contains))
        let reader = try CSVReader(string: csv, hasHeaderRow: true)
        let row = try #require(reader.next())
        #expect(row[FindingsCSV.columns.firstIndex(of: "summary")!] == "'[U+202E]=HYPERLINK(\"x\")")
        #expect(row[FindingsCSV.columns.firstIndex(of: "account")!] == "evil[U+2067]gpj.exe")
    }

    @Test("every bidi control is neutralised, other text is unchanged", arguments: Array(0x202A...0x202E) + Array(0x2066...0x2069))
    func everyControl(_ value: Int) {
        let control = String(Unicode.Scalar(UInt32(value))!)
        #expect(BidiControls.neutralised("a\(control)b") == "a[U+\(String(value, radix: 16, uppercase: true))]b")
        #expect(HTMLEscaping().escapeText("<\(control)>") == "&lt;[U+\(String(value, radix: 16, uppercase: true))]&gt;")
    }

    @Test("text next to the controls, and characters that share their first byte, are kept")
    func neighbours() {
        for text in ["—", "…", "‘quoted’", "€", "\u{2029}", "\u{2065}", "\u{206A}", "\u{2029}\u{202F}"] {
            #expect(BidiControls.neutralised(text) == text)
            #expect(HTMLEscaping().escapeText(text) == text)
        }
    }

    @Test("HTML pages escape through the template engine and show bidi controls as markers")
    func html() throws {
        let templates = try ReportTemplates(folder: Invocation.repository.appendingPathComponent("templates"))
        let page = templates.render("mail/summary.html", ["title": "Audit\u{202E}<b>x</b>", "counts": [[String: Any]](), "districtName": "D"])
        #expect(page.contains("Audit[U+202E]&lt;b&gt;x&lt;/b&gt;"))
        #expect(!page.unicodeScalars.contains(where: BidiControls.contains))
    }
}
