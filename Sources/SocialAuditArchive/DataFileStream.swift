import SocialAuditCore
import SocialAuditJSON

/// Splits one archive data file into its records as the bytes arrive, so that a file of
/// hundreds of megabytes is never held in memory: only the record being read is.
///
/// A data file is a JavaScript assignment of a JSON array (`window.YTD.tweets.part0 = [ … ]`,
/// `Grailbird.data.tweets_2010_04 = [ … ]`) or of an object (`window.__THAR_CONFIG = { … }`).
/// The stream skips a byte-order mark and the assignment prefix (remembered in ``assignedName``),
/// then hands each element of the array (or the one object) to `onRecord` as raw bytes with its
/// position. It tracks only nesting and strings; each record is parsed by ``JSONParser`` on its
/// own, so a syntax error inside one record loses that record alone and the stream carries on
/// with the next. A fault in the structure between records (or a file that ends early) stops the
/// file; everything before it has already been handed on.
///
/// Hand-written because no JSON library available here reads a top-level array incrementally
/// from a push-style byte source (ZIPFoundation hands an entry's bytes to a closure in chunks).
final class DataFileStream {
    /// Called with a record's bytes, its position, and the file's assigned name (nil for bare JSON).
    typealias RecordHandler = (UnsafeBufferPointer<UInt8>, RecordPosition, String?) throws -> Void

    private enum Phase {
        case start, prefix, beforeValue, expectElementOrEnd, expectCommaOrEnd, inElement, trailing, done
    }

    private enum ElementKind { case container, string, primitive }

    /// The largest record kept; a larger one is reported and skipped (its structure still followed).
    let maximumRecordBytes: Int
    /// The assigned name before `=`, e.g. `window.YTD.tweets.part0`; nil for a bare JSON file.
    private(set) var assignedName: String?
    /// Faults found, in file order. Stream faults end the file; record-size faults do not.
    private(set) var faults: [DataFileFault] = []
    /// Whether the stream stopped at a structural fault.
    private(set) var stoppedEarly = false
    /// Records handed on.
    private(set) var recordCount = 0
    /// Whether the value was a single object (the manifest) rather than an array.
    private(set) var topLevelIsObject = false

    private let onRecord: RecordHandler
    /// Reads a record in place, in the chunk where it starts (at its `{`): says how many bytes
    /// and line breaks it took, or nil to leave the record to the scan and `onRecord` (one that
    /// goes on into the next chunk, or is not valid JSON). A record then passes under the
    /// parser once, rather than under the scan and then the parser.
    var readInPlace: ((UnsafeBufferPointer<UInt8>, RecordPosition, String?) throws -> (length: Int, newlines: Int)?)?
    private var phase: Phase = .start
    private var offset = 0
    private var line = 1
    private var prefixBytes: [UInt8] = []

    // The record being scanned.
    private var kind: ElementKind = .container
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var recordBuffer: [UInt8] = []
    private var recordStart = RecordPosition(offset: 0, line: 1, index: 0)
    private var recordTooLarge = false

    init(maximumRecordBytes: Int = 64 << 20, onRecord: @escaping RecordHandler) {
        self.maximumRecordBytes = maximumRecordBytes
        self.onRecord = onRecord
    }

    private func fail(_ message: String, at position: Int? = nil, line faultLine: Int? = nil) {
        faults.append(DataFileFault(offset: position ?? offset, line: faultLine ?? line, message: message))
        stoppedEarly = true
        phase = .done
    }

    private static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// What a phase did with the byte at hand.
    private enum Step {
        /// Took it: the stream moves on past it, counting a line break.
        case next
        /// Left it for the phase it moved to.
        case again
        /// Already moved past it, up to this index of the chunk.
        case at(Int)
    }

    /// Feeds the next chunk of the file. Throws only what `onRecord` throws.
    func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        var i = 0
        let n = chunk.count
        var elementStartInChunk = 0
        while i < n {
            let c = chunk[i]
            let step: Step
            switch phase {
            case .done:
                offset += n - i
                return
            case .start:
                step = start(c, chunk, at: i)
            case .prefix:
                step = prefix(c)
            case .beforeValue:
                step = beforeValue(c, at: i, elementStart: &elementStartInChunk)
            case .expectElementOrEnd:
                step = try element(c, chunk, at: i, elementStart: &elementStartInChunk)
            case .expectCommaOrEnd:
                step = afterElement(c)
            case .inElement:
                guard let end = try followElement(chunk, from: i, elementStart: elementStartInChunk) else { return }
                step = .at(end)
            case .trailing:
                step = trailing(c)
            }
            switch step {
            case .next:
                if c == 0x0A { line += 1 }
                offset += 1
                i += 1
            case .again:
                continue
            case let .at(next):
                i = next
            }
        }
        if phase == .inElement {
            appendToRecord(chunk, from: elementStartInChunk, to: n)
        }
    }

    /// Before anything: a byte-order mark, white space, then the data or an assignment prefix.
    private func start(_ c: UInt8, _ chunk: UnsafeBufferPointer<UInt8>, at i: Int) -> Step {
        // A UTF-8 byte-order mark is only allowed as the file's first bytes.
        if offset == 0, c == 0xEF, i + 2 < chunk.count, chunk[i + 1] == 0xBB, chunk[i + 2] == 0xBF {
            offset += 3
            return .at(i + 3)
        }
        if Self.isWhitespace(c) { return .next }
        phase = c == 0x5B || c == 0x7B ? .beforeValue : .prefix
        return .again
    }

    /// The assignment prefix, up to its `=`: the name is remembered.
    private func prefix(_ c: UInt8) -> Step {
        if c == 0x3D {  // '='
            var name = String(decoding: prefixBytes, as: UTF8.self).trimmingWhitespace()
            if name.hasPrefix("var ") { name = String(name.dropFirst(4)).trimmingWhitespace() }
            assignedName = name
            prefixBytes = []
            phase = .beforeValue
        } else if c == 0x5B || c == 0x7B || c == 0x0A || prefixBytes.count >= 512 {
            fail("expected an assignment such as 'window.YTD.tweets.part0 = ' before the data, found \(JSONParser.describe(c))")
            return .again
        } else {
            prefixBytes.append(c)
        }
        return .next
    }

    /// The data's opening: an array of records, or one object (the manifest) as the record.
    private func beforeValue(_ c: UInt8, at i: Int, elementStart: inout Int) -> Step {
        if Self.isWhitespace(c) { return .next }
        if c == 0x5B {
            phase = .expectElementOrEnd
        } else if c == 0x7B {
            topLevelIsObject = true
            beginRecord(kind: .container)
            elementStart = i
            depth = 1
        } else {
            fail("expected '[' or '{' to start the data, found \(JSONParser.describe(c))")
            return .again
        }
        return .next
    }

    /// Where a record may start: an object is read in place where it can, else followed byte by byte.
    private func element(_ c: UInt8, _ chunk: UnsafeBufferPointer<UInt8>, at i: Int, elementStart: inout Int) throws -> Step {
        if Self.isWhitespace(c) { return .next }
        if c == 0x5D {  // ']'
            phase = .trailing
            return .next
        }
        if c == 0x2C {
            fail("expected a record, found ','")
            return .again
        }
        if c == 0x7B, let readInPlace,
           let (length, newlines) = try readInPlace(UnsafeBufferPointer(rebasing: chunk[i..<chunk.count]),
                                                   RecordPosition(offset: offset, line: line, index: recordCount),
                                                   assignedName) {
            offset += length
            line += newlines
            recordCount += 1
            phase = .expectCommaOrEnd
            return .at(i + length)
        }
        elementStart = i
        if c == 0x7B || c == 0x5B {
            beginRecord(kind: .container)
            depth = 1
        } else if c == 0x22 {
            beginRecord(kind: .string)
            inString = true
        } else {
            beginRecord(kind: .primitive)
            // A primitive ends at the byte before a delimiter: handled on the next byte.
        }
        return .next
    }

    /// After a record: a comma before the next, or the closing `]`.
    private func afterElement(_ c: UInt8) -> Step {
        if Self.isWhitespace(c) { return .next }
        if c == 0x5D {  // ']'
            phase = .trailing
            return .next
        }
        if c == 0x2C {
            phase = .expectElementOrEnd
            return .next
        }
        fail("expected ',' or ']' after record \(recordCount), found \(JSONParser.describe(c))")
        return .again
    }

    /// After the data: white space and a `;` alone.
    private func trailing(_ c: UInt8) -> Step {
        if Self.isWhitespace(c) || c == 0x3B { return .next }
        // Content after the data: reported, the data read is kept.
        faults.append(DataFileFault(offset: offset, line: line,
                                    message: "unexpected \(JSONParser.describe(c)) after the end of the data"))
        phase = .done
        return .again
    }

    /// Follows the record being scanned from `i` on: where it ends in this chunk, handed on; or nil
    /// when it goes on into the next chunk, its bytes so far kept.
    private func followElement(_ chunk: UnsafeBufferPointer<UInt8>, from i: Int, elementStart: Int) throws -> Int? {
        let end: Int?
        switch kind {
        case .container: end = closeContainer(chunk, from: i).map { $0 + 1 }
        case .string:
            end = Self.stringEnd(chunk, from: i, escaped: &escaped, lines: &line).map { $0 + 1 }
            if end != nil { inString = false }
        case .primitive: end = primitiveEnd(chunk, from: i)
        }
        guard let end else {
            offset += chunk.count - i
            appendToRecord(chunk, from: elementStart, to: chunk.count)
            return nil
        }
        offset += end - i
        try endRecord(chunk, from: elementStart, to: end)
        phase = topLevelIsObject ? .trailing : .expectCommaOrEnd
        return end
    }

    /// The index of the bracket that closes the record, following strings and nesting; nil if not in this chunk.
    private func closeContainer(_ chunk: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        // The scanner's state in locals: this loop sees every byte of a record not read in place.
        var inStr = inString, esc = escaped, level = depth, lines = line
        var closedAt: Int?
        var j = i
        while j < chunk.count {
            if inStr {
                guard let end = Self.stringEnd(chunk, from: j, escaped: &esc, lines: &lines) else { break }
                inStr = false
                j = end + 1
                continue
            }
            let b = chunk[j]
            if b == 0x22 {
                inStr = true
            } else if b == 0x7B || b == 0x5B {
                level += 1
            } else if b == 0x7D || b == 0x5D {
                level -= 1
                if level == 0 {
                    closedAt = j
                    break
                }
            } else if b == 0x0A {
                lines += 1
            }
            j += 1
        }
        inString = inStr
        escaped = esc
        depth = level
        line = lines
        return closedAt
    }

    /// The index of the quote that closes the string being followed from `i`, counting its line
    /// breaks; nil if not in this chunk.
    private static func stringEnd(_ chunk: UnsafeBufferPointer<UInt8>, from i: Int,
                                  escaped: inout Bool, lines: inout Int) -> Int? {
        var j = i
        while j < chunk.count {
            let b = chunk[j]
            if escaped {
                escaped = false
            } else if b == 0x5C {
                escaped = true
            } else if b == 0x22 {
                return j
            } else if b == 0x0A {
                lines += 1
            }
            j += 1
        }
        return nil
    }

    /// The index of the delimiter after a primitive record (a number, `true`, `null`); nil if not in this chunk.
    private func primitiveEnd(_ chunk: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        var j = i
        while j < chunk.count {
            let b = chunk[j]
            if b == 0x2C || b == 0x5D || b == 0x7D || Self.isWhitespace(b) { return j }
            j += 1
        }
        return nil
    }

    /// Feeds bytes from an array (a convenience for tests and small files).
    func feed(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try feed($0) }
    }

    /// Signals the end of the file and reports a file that ends early.
    func finish() throws {
        switch phase {
        case .start:
            fail("the file is empty; expected an assignment such as 'window.YTD.tweets.part0 = [ … ]'")
        case .prefix:
            fail("the file ends inside the assignment prefix, before any data")
        case .beforeValue:
            fail("the file ends after the assignment, before the data")
        case .expectElementOrEnd, .expectCommaOrEnd:
            fail("the file ends before the closing ']' (truncated?) after \(recordCount) records")
        case .inElement:
            fail("the file ends inside record \(recordStart.index + 1), which starts at byte \(recordStart.offset) (line \(recordStart.line)); the file is truncated")
            recordBuffer = []
        case .trailing, .done:
            break
        }
    }

    private func beginRecord(kind: ElementKind) {
        self.kind = kind
        depth = 0
        inString = false
        escaped = false
        recordTooLarge = false
        recordBuffer.removeAll(keepingCapacity: recordBuffer.capacity <= 1 << 20)
        recordStart = RecordPosition(offset: offset, line: line, index: recordCount)
        phase = .inElement
    }

    private func appendToRecord(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        guard !recordTooLarge, end > start else { return }
        if recordBuffer.count + (end - start) > maximumRecordBytes {
            recordTooLarge = true
            recordBuffer = []
            return
        }
        recordBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<end]))
    }

    private func endRecord(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws {
        defer { recordCount += 1 }
        if !recordTooLarge, recordBuffer.isEmpty, end - start <= maximumRecordBytes {
            try onRecord(UnsafeBufferPointer(rebasing: chunk[start..<end]), recordStart, assignedName)
            return
        }
        appendToRecord(chunk, from: start, to: end)
        if recordTooLarge {
            faults.append(DataFileFault(
                offset: recordStart.offset, line: recordStart.line,
                message: "record \(recordStart.index + 1) is larger than \(maximumRecordBytes >> 20) MB and was skipped"))
            recordBuffer = []
            return
        }
        try recordBuffer.withUnsafeBufferPointer { try onRecord($0, recordStart, assignedName) }
        recordBuffer.removeAll(keepingCapacity: recordBuffer.capacity <= 1 << 20)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
