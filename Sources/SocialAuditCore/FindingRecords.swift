import Foundation

/// Findings as compact bytes, for the state's cache of an archive's findings, which a nightly
/// run reads back for every unchanged archive.
///
/// Written by hand because `JSONDecoder` took most of an unchanged nightly run's audit
/// (docs/performance.md has the figures). The format is private to the state
/// file (an unreadable or older record is simply not used, and the archive is read again):
///
///     "SAF1" · count · finding*
///     finding  = rule severity tier schoolId schoolName account accountId? evidence students summary fingerprint
///     evidence = kind id? time? url? text? messageCount? firstMessageAt? lastMessageAt? participantCount?
///                compared(count · (label value)*) key?
///     students = count · (studentId handle?)*
///
/// Strings are a length and their UTF-8 bytes; counts, lengths and integers are LEB128
/// (integers zigzagged); dates are their `timeIntervalSince1970` bits; `?` is a byte 0 or 1
/// before the value. A test holds the list of fields here to `Finding`'s and `Evidence`'s own.
public enum FindingRecords {
    static let magic: [UInt8] = Array("SAF1".utf8)

    public struct Malformed: Error, CustomStringConvertible {
        public let offset: Int

        public init(offset: Int) {
            self.offset = offset
        }

        public var description: String { "malformed finding records at byte \(offset)" }
    }

    public static func encode(_ findings: [Finding]) -> [UInt8] {
        var writer = Writer()
        writer.bytes.reserveCapacity(64 + findings.count * 400)
        writer.bytes += magic
        writer.unsigned(UInt64(findings.count))
        for finding in findings {
            writer.string(finding.rule)
            writer.string(finding.severity.rawValue)
            writer.string(finding.tier.rawValue)
            writer.string(finding.schoolId)
            writer.string(finding.schoolName)
            writer.string(finding.account)
            if writer.present(finding.accountId), let value = finding.accountId { writer.string(value) }
            let evidence = finding.evidence
            writer.string(evidence.kind.rawValue)
            if writer.present(evidence.id), let value = evidence.id { writer.string(value) }
            if writer.present(evidence.time), let value = evidence.time { writer.date(value) }
            if writer.present(evidence.url), let value = evidence.url { writer.string(value) }
            if writer.present(evidence.text), let value = evidence.text { writer.string(value) }
            if writer.present(evidence.messageCount), let value = evidence.messageCount { writer.integer(value) }
            if writer.present(evidence.firstMessageAt), let value = evidence.firstMessageAt { writer.date(value) }
            if writer.present(evidence.lastMessageAt), let value = evidence.lastMessageAt { writer.date(value) }
            if writer.present(evidence.participantCount), let value = evidence.participantCount { writer.integer(value) }
            writer.unsigned(UInt64(evidence.compared.count))
            for compared in evidence.compared {
                writer.string(compared.label)
                writer.string(compared.value)
            }
            if writer.present(evidence.key), let value = evidence.key { writer.string(value) }
            writer.unsigned(UInt64(finding.students.count))
            for student in finding.students {
                writer.string(student.studentId)
                if writer.present(student.handle), let value = student.handle { writer.string(value) }
            }
            writer.string(finding.summary)
            writer.string(finding.fingerprint)
        }
        return writer.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws(Malformed) -> [Finding] {
        try bytes.withUnsafeBufferPointer { buffer throws(Malformed) in
            var reader = Reader(bytes: buffer)
            for byte in magic where try reader.byte() != byte { throw Malformed(offset: 0) }
            let count = try reader.count()
            var findings: [Finding] = []
            findings.reserveCapacity(count)
            // The fields that repeat from one finding to the next (an archive's findings share
            // their school and account, and runs of them their rule) are the previous finding's
            // strings again when their bytes are: one allocation per distinct value, not per finding.
            var rules = Reader.Previous<String>(), schoolIds = Reader.Previous<String>()
            var schoolNames = Reader.Previous<String>(), accounts = Reader.Previous<String>()
            var accountIds = Reader.Previous<String>()
            var severities = Reader.Previous<Severity>(), tiers = Reader.Previous<Tier>(), kinds = Reader.Previous<EvidenceKind>()
            for _ in 0..<count {
                let rule = try reader.string(&rules)
                let severity = try reader.value(Severity.self, &severities)
                let tier = try reader.value(Tier.self, &tiers)
                let schoolId = try reader.string(&schoolIds)
                let schoolName = try reader.string(&schoolNames)
                let account = try reader.string(&accounts)
                let accountId = (try reader.present() ? reader.string(&accountIds) : nil)
                let kind = try reader.value(EvidenceKind.self, &kinds)
                let id = (try reader.present() ? reader.string() : nil)
                let time = (try reader.present() ? reader.date() : nil)
                let url = (try reader.present() ? reader.string() : nil)
                let text = (try reader.present() ? reader.string() : nil)
                let messageCount = (try reader.present() ? reader.integer() : nil)
                let firstMessageAt = (try reader.present() ? reader.date() : nil)
                let lastMessageAt = (try reader.present() ? reader.date() : nil)
                let participantCount = (try reader.present() ? reader.integer() : nil)
                var compared: [ComparedValue] = []
                for _ in 0..<(try reader.count()) {
                    let label = try reader.string()
                    compared.append(ComparedValue(label, try reader.string()))
                }
                let key = (try reader.present() ? reader.string() : nil)
                var students: [StudentRef] = []
                for _ in 0..<(try reader.count()) {
                    let studentId = try reader.string()
                    students.append(StudentRef(studentId: studentId, handle: (try reader.present() ? reader.string() : nil)))
                }
                let summary = try reader.string()
                let fingerprint = try reader.string()
                findings.append(Finding(
                    rule: rule, severity: severity, tier: tier, schoolId: schoolId, schoolName: schoolName, account: account,
                    accountId: accountId,
                    evidence: Evidence(kind: kind, id: id, time: time, url: url, text: text, messageCount: messageCount,
                                       firstMessageAt: firstMessageAt, lastMessageAt: lastMessageAt,
                                       participantCount: participantCount, compared: compared, key: key),
                    students: students, summary: summary, fingerprint: fingerprint))
            }
            guard reader.offset == buffer.count else { throw Malformed(offset: reader.offset) }
            return findings
        }
    }

    /// The encoding's pieces, for other records of the state's cache (``CachedAudit``'s).
    public struct Writer {
        public var bytes: [UInt8] = []

        public init() {}

        public mutating func unsigned(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        public mutating func integer(_ value: Int) {
            let value = Int64(value)
            unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
        }

        public mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                unsigned(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }

        public mutating func date(_ value: Date) {
            let bits = value.timeIntervalSince1970.bitPattern
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        }

        /// The byte before an optional value: whether it follows.
        public mutating func present<T>(_ value: T?) -> Bool {
            bytes.append(value == nil ? 0 : 1)
            return value != nil
        }

        public mutating func bool(_ value: Bool) {
            bytes.append(value ? 1 : 0)
        }

        public mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
            if present(value), let value { write(&self, value) }
        }

        public mutating func list<T>(_ values: [T], _ write: (inout Writer, T) -> Void) {
            unsigned(UInt64(values.count))
            for value in values { write(&self, value) }
        }
    }

    public struct Reader {
        public let bytes: UnsafeBufferPointer<UInt8>
        public private(set) var offset = 0

        /// Reads `bytes` from `offset`.
        public init(bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
            self.bytes = bytes
            self.offset = offset
        }

        public mutating func byte() throws(Malformed) -> UInt8 {
            guard offset < bytes.count else { throw Malformed(offset: offset) }
            defer { offset += 1 }
            return bytes[offset]
        }

        public mutating func unsigned() throws(Malformed) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = try byte()
                guard shift < 64 else { throw Malformed(offset: offset - 1) }
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        /// A count or a length: no more than the bytes left could hold.
        public mutating func count() throws(Malformed) -> Int {
            let value = try unsigned()
            guard value <= UInt64(bytes.count - offset) else { throw Malformed(offset: offset) }
            return Int(value)
        }

        public mutating func integer() throws(Malformed) -> Int {
            let value = try unsigned()
            return Int(truncatingIfNeeded: Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))))
        }

        public mutating func string() throws(Malformed) -> String {
            let length = try count()
            defer { offset += length }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        }

        /// The value last read from a field, and where its bytes are.
        public struct Previous<Value> {
            var start = 0
            var length = -1
            var value: Value?

            public init() {}

            init(start: Int, length: Int, value: Value) {
                self.start = start
                self.length = length
                self.value = value
            }
        }

        /// A string that is `previous`'s value again when its bytes are the same.
        public mutating func string(_ previous: inout Previous<String>) throws(Malformed) -> String {
            try repeated(&previous) { bytes throws(Malformed) in String(decoding: bytes, as: UTF8.self) }
        }

        /// An enumeration's value, named by its raw value; `previous`'s again when the bytes are.
        public mutating func value<T: RawRepresentable>(_ type: T.Type, _ previous: inout Previous<T>) throws(Malformed) -> T
        where T.RawValue == String {
            let start = offset
            return try repeated(&previous) { bytes throws(Malformed) in
                guard let value = T(rawValue: String(decoding: bytes, as: UTF8.self)) else { throw Malformed(offset: start) }
                return value
            }
        }

        private mutating func repeated<Value>(_ previous: inout Previous<Value>,
                                              _ make: (UnsafeBufferPointer<UInt8>) throws(Malformed) -> Value) throws(Malformed) -> Value {
            let length = try count()
            let start = offset
            defer { offset += length }
            if let value = previous.value, previous.length == length,
               length == 0 || memcmp(bytes.baseAddress! + previous.start, bytes.baseAddress! + start, length) == 0 {
                return value
            }
            let value = try make(UnsafeBufferPointer(rebasing: bytes[start..<start + length]))
            previous = Previous(start: start, length: length, value: value)
            return value
        }

        public mutating func date() throws(Malformed) -> Date {
            guard bytes.count - offset >= 8 else { throw Malformed(offset: offset) }
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
            offset += 8
            return Date(timeIntervalSince1970: Double(bitPattern: bits))
        }

        public mutating func value<T: RawRepresentable>(_ type: T.Type) throws(Malformed) -> T where T.RawValue == String {
            let start = offset
            guard let value = T(rawValue: try string()) else { throw Malformed(offset: start) }
            return value
        }

        /// The byte before an optional value: whether it follows.
        public mutating func present() throws(Malformed) -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            default: throw Malformed(offset: offset - 1)
            }
        }

        public mutating func bool() throws(Malformed) -> Bool {
            try present()
        }

        public mutating func optional<T>(_ read: (inout Reader) throws(Malformed) -> T) throws(Malformed) -> T? {
            try present() ? try read(&self) : nil
        }

        public mutating func list<T>(_ read: (inout Reader) throws(Malformed) -> T) throws(Malformed) -> [T] {
            let count = try count()
            var values: [T] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try read(&self)) }
            return values
        }
    }
}
