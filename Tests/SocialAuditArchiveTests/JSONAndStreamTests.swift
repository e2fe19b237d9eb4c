import Foundation
import Testing
import SocialAuditTestSupport
@testable import SocialAuditArchive
import SocialAuditCore
import SocialAuditJSON

@Suite("JSON records")
struct JSONParserTests {
    @Test("ids of 19 digits keep every digit (never through a Double)")
    func longIdsStayText() throws {
        let value = try JSONParser.parse(Array(#"{"id": 1592345678901234567, "id_str": "1592345678901234567"}"#.utf8))
        #expect(value["id"] == .number("1592345678901234567"))
        #expect(value["id"]?.text == "1592345678901234567")
        #expect(value["id_str"]?.text == "1592345678901234567")
    }

    @Test("escapes, surrogate pairs and duplicate keys (the last wins)")
    func escapes() throws {
        let value = try JSONParser.parse(Array(#"{"t": "a\"b\\c\/d\n\u00e9\ud83d\ude00", "k": 1, "k": 2}"#.utf8))
        #expect(value["t"]?.text == "a\"b\\c/d\né😀")
        #expect(value["k"]?.text == "2")
    }

    @Test("a lone surrogate and invalid UTF-8 become U+FFFD and are reported")
    func repairs() throws {
        var bytes = Array(#"{"a": "x\ud800y", "b": "ok", "c": "bad"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"}".utf8)
        let (value, repairs) = try bytes.withUnsafeBufferPointer { try JSONParser.parse($0) }
        #expect(value["a"]?.text == "x\u{FFFD}y")
        #expect(value["c"]?.text?.contains("\u{FFFD}") == true)
        #expect(repairs.count == 2)
    }

    @Test("a syntax error names its byte offset and what was expected")
    func syntaxErrorOffset() {
        let text = #"{"a": [1, 2,, 3]}"#
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
        do {
            _ = try JSONParser.parse(Array(text.utf8))
        } catch {
            #expect(error.offset == 12)
            #expect(error.message.contains("expected a value"))
        }
    }

    @Test("deep nesting is refused, not a stack overflow")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(Array(deep.utf8))
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.message.contains("nesting deeper"))
        }
    }
}

/// Runs a data file through the stream, in chunks of `chunk` bytes, and collects the records.
private func stream(_ text: String, chunk: Int = 1 << 16, maxRecord: Int = 64 << 20) throws
    -> (records: [(String, RecordPosition)], faults: [DataFileFault], name: String?) {
    try stream(Array(text.utf8), chunk: chunk, maxRecord: maxRecord)
}

private func stream(_ bytes: [UInt8], chunk: Int = 1 << 16, maxRecord: Int = 64 << 20) throws
    -> (records: [(String, RecordPosition)], faults: [DataFileFault], name: String?) {
    var records: [(String, RecordPosition)] = []
    let s = DataFileStream(maximumRecordBytes: maxRecord) { bytes, position, _ in
        records.append((String(decoding: bytes, as: UTF8.self), position))
    }
    var start = 0
    while start < bytes.count {
        let end = min(start + chunk, bytes.count)
        try s.feed(Array(bytes[start..<end]))
        start = end
    }
    try s.finish()
    return (records, s.faults, s.assignedName)
}

@Suite("Data file stream")
struct DataFileStreamTests {
    static let sample = """
        window.YTD.tweets.part0 = [ {
          "tweet" : { "id_str" : "1", "full_text" : "a ] } [ { \\" quoted" }
        }, {
          "tweet" : { "id_str" : "2", "full_text" : "b" }
        } ]
        """

    @Test("records are split out whatever the chunk size, with their offsets and lines")
    func chunkSizes() throws {
        let whole = try stream(Self.sample)
        #expect(whole.name == "window.YTD.tweets.part0")
        #expect(whole.records.count == 2)
        #expect(whole.faults.isEmpty)
        #expect(whole.records[0].1 == RecordPosition(offset: 28, line: 1, index: 0))
        #expect(whole.records[1].1.line == 3)
        for size in [1, 2, 3, 7, 64] {
            let chunked = try stream(Self.sample, chunk: size)
            #expect(chunked.records.map(\.0) == whole.records.map(\.0), "chunk size \(size)")
            #expect(chunked.records.map(\.1) == whole.records.map(\.1), "chunk size \(size)")
        }
    }

    @Test("a byte-order mark and CRLF line ends are read like any other file")
    func bomAndCRLF() throws {
        let crlf = Self.sample.replacingOccurrences(of: "\n", with: "\r\n")
        let result = try stream([0xEF, 0xBB, 0xBF] + Array(crlf.utf8), chunk: 5)
        #expect(result.faults.isEmpty)
        #expect(result.records.count == 2)
        #expect(result.name == "window.YTD.tweets.part0")
        let parsed = try JSONParser.parse(Array(result.records[1].0.utf8))
        #expect(parsed["tweet"]?["id_str"]?.text == "2")
    }

    @Test("a one-line empty file holds no records and no fault")
    func emptyArray() throws {
        let result = try stream("window.YTD.note_tweet.part0 = [ ]")
        #expect(result.records.isEmpty)
        #expect(result.faults.isEmpty)
    }

    @Test("a truncated file keeps the records before the cut and says where the cut record starts")
    func truncated() throws {
        let cut = String(Self.sample.prefix(Self.sample.count - 30))
        let result = try stream(cut, chunk: 11)
        #expect(result.records.count == 1)
        #expect(result.faults.count == 1)
        #expect(result.faults[0].message.contains("record 2"))
        #expect(result.faults[0].message.contains("line 3"))
        #expect(result.faults[0].message.contains("truncated"))
    }

    @Test("a file with no assignment prefix is reported")
    func missingPrefix() throws {
        let result = try stream("hello world\n[1]")
        #expect(result.records.isEmpty)
        #expect(result.faults.first?.message.contains("expected an assignment") == true)
    }

    @Test("bare JSON (no prefix) and a top-level object are both read")
    func bareAndObject() throws {
        let bare = try stream("[ {\"a\" : \"1\"}, {\"a\" : \"2\"} ]")
        #expect(bare.records.count == 2)
        #expect(bare.name == nil)
        let object = try stream("window.__THAR_CONFIG = { \"userInfo\" : { \"accountId\" : \"1\" } }\n")
        #expect(object.records.count == 1)
        #expect(object.name == "window.__THAR_CONFIG")
    }

    @Test("garbage between records stops the file at its offset; records before it are kept")
    func garbageBetweenRecords() throws {
        let result = try stream("window.YTD.tweets.part0 = [ {\"a\":1} x {\"a\":2} ]")
        #expect(result.records.count == 1)
        #expect(result.faults.count == 1)
        #expect(result.faults[0].offset == 36)
        #expect(result.faults[0].message.contains("expected ',' or ']'"))
    }

    @Test("a record over the size limit is skipped and reported; the next is read")
    func oversizeRecord() throws {
        let big = "{\"a\" : \"" + String(repeating: "x", count: 5000) + "\"}"
        let result = try stream("window.YTD.tweets.part0 = [ \(big), {\"b\" : 1} ]", chunk: 100, maxRecord: 1000)
        #expect(result.records.map(\.0) == ["{\"b\" : 1}"])
        #expect(result.faults.count == 1)
        #expect(result.faults[0].message.contains("larger than"))
    }
}

@Suite("Dates")
struct TwitterDateTests {
    @Test("Twitter's own format, ISO 8601 with and without milliseconds, Grailbird's, and a bare day")
    func formats() {
        #expect(TwitterDate.parse("Wed Oct 10 20:19:24 +0000 2018")?.timeIntervalSince1970 == 1_539_202_764)
        #expect(TwitterDate.parse("2022-11-14T17:25:17.171Z")?.timeIntervalSince1970 ?? 0 == 1_668_446_717.171)
        #expect(TwitterDate.parse("2022-11-14T17:25:17Z")?.timeIntervalSince1970 == 1_668_446_717)
        #expect(TwitterDate.parse("2010-04-01 00:00:00 +0000")?.timeIntervalSince1970 == 1_270_080_000)
        #expect(TwitterDate.parse("2026-11-01")?.timeIntervalSince1970 == 1_793_491_200)
        #expect(TwitterDate.parse("Wed Oct 10 20:19:24 -0500 2018")?.timeIntervalSince1970 == 1_539_220_764)
    }

    @Test("nonsense is not a date")
    func rejects() {
        #expect(TwitterDate.parse("Wed Foo 10 20:19:24 +0000 2018") == nil)
        #expect(TwitterDate.parse("2022-13-01T00:00:00Z") == nil)
        #expect(TwitterDate.parse("yesterday") == nil)
        #expect(TwitterDate.parse("") == nil)
    }

    @Test("ISO output in UTC, round trip through the civil calendar")
    func output() {
        let date = Date(timeIntervalSince1970: 1_709_647_620)
        #expect(TwitterDate.iso8601(date) == "2024-03-05T14:07:00Z")
        for days in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 2_000_000] {
            let (y, m, d) = TwitterDate.civilFromDays(days)
            #expect(TwitterDate.daysFromCivil(year: y, month: m, day: d) == days)
        }
    }

    @Test("HTML entities in tweet text are decoded once")
    func entities() {
        #expect(HTMLEntities.decode("Tigers &amp; Bears &lt;3 &gt; &amp;lt; &#39;hi&#x27; & done") == "Tigers & Bears <3 > &lt; 'hi' & done")
        #expect(HTMLEntities.decode("no entities") == "no entities")
        #expect(HTMLEntities.decode("é&amp;ü &#128512; &#0;x &nbsp;&bogus; &amp &averyveryverylongname; &#xZZ; &") == "é&ü 😀 \u{0}x \u{00A0}&bogus; &amp &averyveryverylongname; &#xZZ; &")
    }
}

@Suite("The filtered JSON parse")
struct FilteredParseTests {
    /// A filter keeping one key, so the rest of each record is skipped unbuilt.
    static let filter = JSONKeyFilter(["id": nil])

    @Test("a string's end, escape, control character or invalid byte is found at every place within the bytes read eight at a time")
    func stopsAtEveryPlace() throws {
        for length in 0..<20 {
            let before = String(repeating: "a", count: length)
            // Plain, accented, escaped: the same text whether built or skipped.
            for (written, read) in [(before, before), (before + "é", before + "é"), (before + #"\n"#, before + "\n"), (before + #"\u00e9x"#, before + "éx")] {
                let record = #"{"id": "1", "t": ""# + written + #"", "x": ""# + written + #""}"#
                let value = try JSONParser.parse(Array(record.utf8))
                #expect(value["t"]?.text == read, "at \(length)")
                #expect(outcome(record, filtered: true) == #"ok string("1") repairs []"#, "at \(length)")
            }
            // A control character is an error at its own byte, built or skipped.
            let control = #"{"id": "1", "x": ""# + before + "\u{1}\"}"
            #expect(outcome(control, filtered: true) == "error at \(18 + length): a control character (byte 0x01) inside a string; it must be escaped")
            #expect(outcome(control, filtered: false) == outcome(control, filtered: true))
            // Invalid UTF-8 is repaired and reported at the string's start, built or skipped.
            var bytes = Array(#"{"id": "1", "x": ""#.utf8) + Array(before.utf8) + [0xC3, 0x28] + Array("\"}".utf8)
            let (_, repairs) = try bytes.withUnsafeBufferPointer { try JSONParser.parse($0, keeping: Self.filter) }
            #expect(repairs == [18], "at \(length)")
            bytes.removeLast(2)
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
        }
    }

    func outcome(_ text: String, filtered: Bool) -> String {
        let bytes = Array(text.utf8)
        do {
            let (value, repairs) = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                filtered ? try JSONParser.parse(buffer, keeping: Self.filter) : try JSONParser.parse(buffer)
            }
            return "ok \(value["id"].map { "\($0)" } ?? "-") repairs \(repairs)"
        } catch {
            return "error at \(error.offset): \(error.message)"
        }
    }

    @Test("skipping a member gives the same error at the same offset as building it", arguments: [
        #"{"id": "1", "x": {"a": [1, 2,, 3]}}"#, #"{"id": "1", "x": {"a" 1}}"#, #"{"id": "1", "x": [1 2]}"#,
        #"{"id": "1", "x": "unclosed}"#, #"{"id": "1", "x": tru}"#, #"{"id": "1", "x": {}, }"#,
        #"{"id": "1" "x": 1}"#, #"{"id": "1", "x": {"a": 1}"#, #"{"id": "1", "x": [[[]]]}"#,
        "{\"id\": \"1\", \"x\": \"ctl\u{1}\"}", "{\"id\": \"1\", \"x\": \"bad \u{FFFD} \\ud800\"}",
    ])
    func sameErrors(_ text: String) {
        let full = outcome(text, filtered: false)
        let filtered = outcome(text, filtered: true)
        if full.hasPrefix("error") {
            #expect(filtered == full)
        } else {
            #expect(filtered.hasPrefix("ok"))
            #expect(filtered.split(separator: " ").last == full.split(separator: " ").last, "the same UTF-8 repairs")
        }
    }
}


@Suite("Data file records: parsed in place or gathered, at the same places")
struct DataFileRecordsTests {
    /// Six records over many lines: a syntax error in the fourth (line 11), invalid UTF-8 in the fifth (line 14).
    static let file: [UInt8] = Array("""
        window.YTD.tweets.part0 = [ {
          "tweet" : { "id_str" : "1", "full_text" : "Café 🎉 &amp; résumé" }
        }, {
          "tweet" : {
            "id_str" : "2", "full_text" : "Привет"
          }
        }, {
          "tweet" : { "id_str" : "3", "full_text" : "日本語のテキスト" }
        }, {
          "tweet" : {
            "id_str" : "4", "full_text" : "x" "y"
          }
        }, {
          "tweet" : { "id_str" : "5", "full_text" : "bad 
        """.utf8) + [0xFF] + Array("""
         byte" }
        }, {
          "tweet" : { "id_str" : "6", "full_text" : "שלום" }
        } ]
        """.utf8)

    struct Read: Equatable {
        var ids: [String] = []
        var invalid: [String] = []
        var repair: String?
    }

    static func read(chunk: Int) throws -> Read {
        var read = Read()
        let records = DataFileRecords(maximumRecordBytes: 1 << 20, reading: TweetRecord.read) { parsed, position, _ in
            switch parsed {
            case let .success(record): read.ids.append((try? record.takeTweet())?.id.text ?? "?")
            case let .failure(fault): read.invalid.append("record \(position.index + 1) line \(fault.line) byte \(fault.offset): \(fault.message)")
            }
        }
        var start = 0
        while start < file.count {
            let end = min(start + chunk, file.count)
            try file[start..<end].withUnsafeBufferPointer { try records.feed($0) }
            start = end
        }
        try records.finish()
        #expect(records.faults.isEmpty)
        read.repair = records.firstRepair.map { "line \($0.line), \(records.repairs) string(s)" }
        return read
    }

    @Test("every chunk size gives the same records, the same syntax error at its line and byte, and the same repair")
    func chunkSizes() throws {
        let whole = try Self.read(chunk: Self.file.count)
        #expect(whole.ids == ["1", "2", "3", "5", "6"])
        let errorOffset = Self.file.firstIndex(of: 0x22, after: "\"x\" ")!
        #expect(whole.invalid == ["record 4 line 11 byte \(errorOffset): expected ',' or '}', found '\"'"])
        #expect(whole.repair == "line 14, 1 string(s)")
        for chunk in [1, 2, 3, 5, 7, 13, 64, 100, 257] {
            #expect(try Self.read(chunk: chunk) == whole, "chunk size \(chunk)")
        }
    }
}

private extension Array where Element == UInt8 {
    /// The index of `byte` just past the first occurrence of `marker`.
    func firstIndex(of byte: UInt8, after marker: String) -> Int? {
        let needle = Array(marker.utf8)
        guard let at = indices.first(where: { self[$0...].starts(with: needle) }) else { return nil }
        return self[(at + needle.count)...].firstIndex(of: byte)
    }
}
