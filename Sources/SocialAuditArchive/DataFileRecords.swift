import SocialAuditCore
import SocialAuditJSON

/// Where a record starts in its data file.
struct RecordPosition: Sendable, Equatable {
    /// Byte offset of the record's first byte in the file (0-based).
    var offset: Int
    /// Line of the record's first byte (1-based).
    var line: Int
    /// The record's place in the top-level array (0-based).
    var index: Int
}

/// A fault in a data file, at a byte offset and line.
struct DataFileFault: Error, Sendable, Equatable {
    var offset: Int
    var line: Int
    var message: String
}

/// A data file's records: ``DataFileStream`` splits the file, ``JSONParser`` reads each record
/// (into a tree of values, or through a decoder's own reading: tweets). This is the one way any
/// record of an archive is read.
///
/// A record that lies whole in the chunk where it starts is parsed there, in one pass over its
/// bytes; one that goes on into the next chunk (or is not valid JSON) is gathered by the stream
/// and parsed then, which gives its syntax error at its place.
final class DataFileRecords<Value> {
    /// A record read, or why it is not valid JSON (at its place in the file).
    typealias Handler = (Result<Value, DataFileFault>, RecordPosition, String?) throws -> Void

    private var stream: DataFileStream!
    /// Strings that held invalid UTF-8 or a lone surrogate (decoded with U+FFFD), and the first's place.
    private(set) var repairs = 0
    private(set) var firstRepair: (offset: Int, line: Int)?

    var faults: [DataFileFault] { stream.faults }
    var recordCount: Int { stream.recordCount }

    /// `read`: how a record is read, the parser at its first byte.
    init(maximumRecordBytes: Int, reading read: @escaping (inout JSONParser) throws(JSONSyntaxError) -> Value,
         onRecord: @escaping Handler) {
        stream = DataFileStream(maximumRecordBytes: maximumRecordBytes) { [unowned self] bytes, position, assigned in
            let parsed: (value: Value, repairs: [Int])
            do throws(JSONSyntaxError) {
                parsed = try JSONParser.read(bytes, read)
            } catch {
                let fault = DataFileFault(offset: position.offset + error.offset,
                                          line: position.line + Self.newlines(in: bytes, upTo: error.offset),
                                          message: error.message)
                try onRecord(.failure(fault), position, assigned)
                return
            }
            noteRepairs(parsed.repairs, in: bytes, at: position)
            try onRecord(.success(parsed.value), position, assigned)
        }
        stream.readInPlace = { [unowned self] bytes, position, assigned in
            guard let parsed = try? JSONParser.read(prefixOf: bytes, read) else { return nil }
            noteRepairs(parsed.repairs, in: bytes, at: position)
            try onRecord(.success(parsed.value), position, assigned)
            return (parsed.length, parsed.newlines)
        }
    }

    func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws { try stream.feed(chunk) }
    func finish() throws { try stream.finish() }

    private func noteRepairs(_ offsets: [Int], in bytes: UnsafeBufferPointer<UInt8>, at position: RecordPosition) {
        guard let first = offsets.first else { return }
        if firstRepair == nil {
            firstRepair = (position.offset + first, position.line + Self.newlines(in: bytes, upTo: first))
        }
        repairs += offsets.count
    }

    static func newlines(in bytes: UnsafeBufferPointer<UInt8>, upTo offset: Int) -> Int {
        var count = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A { count += 1 }
        return count
    }
}

extension DataFileRecords where Value == JSONValue {
    /// Records as trees of values; `filter`: the members kept of each (see ``JSONKeyFilter``), nil keeps all.
    convenience init(maximumRecordBytes: Int, keeping filter: JSONKeyFilter?, onRecord: @escaping Handler) {
        self.init(maximumRecordBytes: maximumRecordBytes, reading: { parser throws(JSONSyntaxError) in try parser.value(keeping: filter) },
                  onRecord: onRecord)
    }
}
