import Foundation

/// An RFC 4180 CSV reader that keeps the line each record starts on.
///
/// Written by hand rather than taken from a library: the roster's messages must point at the
/// physical line of a bad row, and a quoted field may span lines, so the reader must count lines
/// itself; the mirrored CSV packages report neither lines nor the place of an unclosed quote.
/// Handles a byte-order mark, CRLF or LF line ends, quoted fields with commas, doubled quotes
/// and line breaks, and blank lines (skipped).
struct CSVReader {
    struct Record: Equatable {
        var fields: [String]
        /// The line the record starts on (1-based).
        var line: Int
    }

    struct Failure: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var index: Int
    private var records: [Record] = []
    // The record and the field being read.
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var line = 1
    private var lineStart: Int
    private var recordLine = 1
    private var atFieldStart = true
    private var fieldHasContent = false

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        lineStart = index
    }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> [Record] {
        var reader = CSVReader(bytes)
        while reader.index < bytes.count {
            let c = bytes[reader.index]
            if reader.atFieldStart && c == 0x22 {
                try reader.readQuotedField()
            } else {
                reader.read(c)
            }
        }
        if !reader.atFieldStart || !reader.field.isEmpty || !reader.fields.isEmpty || reader.fieldHasContent {
            reader.finishRecord()
        }
        return reader.records
    }

    /// A byte outside quotes: a separator, a line end, or the field's text.
    private mutating func read(_ c: UInt8) {
        switch c {
        case 0x2C:
            finishField()
            fieldHasContent = true
            index += 1
        case 0x0D where index + 1 < bytes.count && bytes[index + 1] == 0x0A:
            index += 1
        case 0x0A, 0x0D:
            finishRecord()
            index += 1
            line += 1
            lineStart = index
            recordLine = line
        default:
            field.append(c)
            fieldHasContent = true
            atFieldStart = false
            index += 1
        }
    }

    /// A quoted field, from its opening quote up to the closing one; "" is a quote.
    private mutating func readQuotedField() throws(Failure) {
        let quoteLine = line, quoteColumn = index - lineStart + 1
        fieldHasContent = true
        index += 1
        var closed = false
        while index < bytes.count {
            let q = bytes[index]
            if q == 0x22 {
                if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                    field.append(0x22)
                    index += 2
                    continue
                }
                index += 1
                closed = true
                break
            }
            if q == 0x0A {
                line += 1
                lineStart = index + 1
            }
            field.append(q)
            index += 1
        }
        guard closed else {
            throw Failure(line: quoteLine, column: quoteColumn, message: "a quoted field that is never closed")
        }
        atFieldStart = false
        // After the closing quote: a separator, a line end or the end.
        if index < bytes.count, ![0x2C, 0x0A, 0x0D].contains(bytes[index]) {
            throw Failure(line: line, column: index - lineStart + 1,
                          message: "unexpected text after a closing quote; a quote inside a quoted field is written \"\"")
        }
    }

    private mutating func finishField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        atFieldStart = true
    }

    private mutating func finishRecord() {
        finishField()
        // A blank line is no record.
        if !(fields.count == 1 && fields[0].isEmpty && !fieldHasContent) {
            records.append(Record(fields: fields, line: recordLine))
        }
        fields.removeAll()
        fieldHasContent = false
    }
}
