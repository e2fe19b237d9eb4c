import Crypto
import Foundation
import SocialAuditCore
import SocialAuditJSON

/// A data file's records, and the conversations among them.
extension ReadingSession {
    mutating func readConversations(_ file: DataFile, group: Bool) {
        readRecords(file) { session, value, _ throws(RecordError) in
            let conversation = try RecordDecoding.conversation(value, group: group)
            if var pending = session.pendingConversation, pending.id == conversation.id {
                pending.messages.append(contentsOf: conversation.messages)
                pending.participantIds.formUnion(conversation.participantIds)
                if pending.name == nil { pending.name = conversation.name }
                session.pendingConversation = pending
            } else {
                session.flushConversation()
                session.pendingConversation = conversation
            }
        }
        flushConversation()
    }

    mutating func flushConversation() {
        guard let conversation = pendingConversation else { return }
        pendingConversation = nil
        reading.conversations += 1
        if conversation.kind == .group { reading.groupConversations += 1 }
        reading.messages += conversation.messages.count
        handle(.conversation(conversation))
    }

    /// Streams one data file through ``DataFileStream`` and ``JSONParser``, calling `decode` for each
    /// record's tree of values (keeping what `filter` names).
    mutating func readRecords(
        _ file: DataFile, expectedNames: [String]? = nil, keeping filter: JSONKeyFilter? = nil,
        _ decode: (inout ReadingSession, JSONValue, RecordPosition) throws(RecordError) -> Void
    ) {
        readRecords(file, expectedNames: expectedNames, reading: { parser throws(JSONSyntaxError) in try parser.value(keeping: filter) }, decode)
    }

    /// Streams one data file, each record read by `read` and handed to `decode`. Faults become
    /// problems with the file, byte offset and line; reading goes on where it can.
    mutating func readRecords<Value>(
        _ file: DataFile, expectedNames: [String]? = nil, reading read: @escaping (inout JSONParser) throws(JSONSyntaxError) -> Value,
        _ decode: (inout ReadingSession, Value, RecordPosition) throws(RecordError) -> Void
    ) {
        guard let files else { return }
        reading.filesRead.append(file.path)
        let displayPath = file.path
        var wrongType: String?
        var checkedName = false
        var session = self
        let expected = expectedNames ?? file.type.globalNames
        var fileError: ArchiveFileError?
        let maximumRecordBytes = self.maximumRecordBytes
        let read = withoutActuallyEscaping(decode) { decode in
            let records = DataFileRecords(maximumRecordBytes: maximumRecordBytes, reading: read) { parsed, position, assigned in
                if !checkedName {
                    checkedName = true
                    wrongType = Self.mismatch(assigned: assigned, expected: expected)
                }
                guard wrongType == nil else { return }
                switch parsed {
                case let .failure(fault):
                    session.problem("record \(position.index + 1) is not valid JSON: \(fault.message); the record was skipped",
                                    file: displayPath, offset: fault.offset, line: fault.line)
                case let .success(value):
                    do throws(RecordError) {
                        try decode(&session, value, position)
                    } catch {
                        session.problem("record \(position.index + 1): \(error.message); the record was skipped",
                                        file: displayPath, offset: position.offset, line: position.line)
                    }
                }
            }
            var digest = hashesDataFiles && files is FolderArchiveFiles ? SHA256() : nil
            do {
                try files.read(file.path) { chunk in
                    digest?.update(bufferPointer: UnsafeRawBufferPointer(chunk))
                    try records.feed(chunk)
                }
                try records.finish()
                if let digest { session.reading.digests[file.path] = Array(digest.finalize()) }
            } catch let error as ArchiveFileError {
                fileError = error
            } catch {
                fileError = ArchiveFileError(offset: 0, message: "\(error)")
            }
            // The records' reader holds `decode`, so it must not outlive this block.
            return FileFaults(wrongType: wrongType, stream: records.faults, file: fileError, recordsRead: records.recordCount,
                              repairs: records.repairs, firstRepair: records.firstRepair)
        }
        self = session
        report(read, file: displayPath)
    }

    /// What went wrong in one data file, reported once its records are read.
    struct FileFaults {
        /// The file assigns another data type than its name promises (and was not read).
        var wrongType: String?
        var stream: [DataFileFault]
        /// The fault that stopped the file's bytes, after `recordsRead` records.
        var file: ArchiveFileError?
        var recordsRead: Int
        /// Strings decoded with U+FFFD, and the first's place.
        var repairs: Int
        var firstRepair: (offset: Int, line: Int)?
    }

    mutating func report(_ faults: FileFaults, file displayPath: String) {
        if let wrongType = faults.wrongType {
            problem(wrongType, file: displayPath)
        }
        for fault in faults.stream {
            problem(fault.message, file: displayPath, offset: fault.offset, line: fault.line)
        }
        if let fileError = faults.file {
            problem("\(fileError.message); the \(faults.recordsRead) records before it were read", file: displayPath,
                    offset: fileError.offset)
        }
        if let first = faults.firstRepair {
            problem("\(faults.repairs) string(s) hold invalid UTF-8 or a lone surrogate, shown as \u{FFFD}; first at this place",
                    file: displayPath, offset: first.offset, line: first.line)
        }
    }

    /// Says what is wrong when a file assigns another data type than its name promises.
    static func mismatch(assigned: String?, expected: [String]) -> String? {
        guard let assigned else { return nil }
        if expected.contains(where: { assigned == $0 || assigned.hasPrefix($0) }) { return nil }
        let shown = expected[0].hasSuffix(".") ? expected[0] + "partN" : expected[0]
        return "the file assigns '\(assigned)' where '\(shown)' was expected; it holds another kind of data and was not read"
    }
}
