import Foundation
import GRDB
import SocialAuditCore

/// A finding as a row: a column for each of its values and each of its evidence's, its compared
/// values and its students as JSON (GRDB's column for a nested `Codable` value). The `finding`
/// table has these columns beside each finding's lifecycle, `archiveFinding` beside the archive.
struct FindingRow: Codable, FetchableRecord {
    var fingerprint: String
    var rule: String
    var severity: Severity
    var tier: Tier
    var schoolId: String
    var schoolName: ColumnText
    var account: String
    var accountId: ColumnText?
    var evidenceKind: EvidenceKind
    var evidenceId: ColumnText?
    var evidenceTime: Date?
    var url: ColumnText?
    var text: ColumnText?
    var messageCount: Int?
    var firstMessageAt: Date?
    var lastMessageAt: Date?
    var participantCount: Int?
    /// NULL when there are none: most findings have no compared values, many no students, and a
    /// NULL is nothing to decode.
    var compared: [ComparedValue]?
    var evidenceKey: ColumnText?
    var students: [StudentRef]?
    var summary: ColumnText

    enum CodingKeys: String, CodingKey, CaseIterable {
        case fingerprint, rule, severity, tier, schoolId, schoolName, account, accountId, evidenceKind, evidenceId, evidenceTime
        case url, text, messageCount, firstMessageAt, lastMessageAt, participantCount, compared, evidenceKey, students, summary
    }

    /// The columns, for the statements that name them.
    static let columns = CodingKeys.allCases.map(\.stringValue)

    // Dates as seconds since 1970, a REAL: GRDB's default text keeps milliseconds only.
    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .timeIntervalSince1970 }
    static func databaseJSONDecoder(for column: String) -> JSONDecoder { StateStore.jsonDecoder }

    init(_ finding: Finding) {
        let evidence = finding.evidence
        fingerprint = finding.fingerprint
        rule = finding.rule
        severity = finding.severity
        tier = finding.tier
        schoolId = finding.schoolId
        schoolName = ColumnText(finding.schoolName)
        account = finding.account
        accountId = finding.accountId.map(ColumnText.init)
        evidenceKind = evidence.kind
        evidenceId = evidence.id.map(ColumnText.init)
        evidenceTime = evidence.time
        url = evidence.url.map(ColumnText.init)
        text = evidence.text.map(ColumnText.init)
        messageCount = evidence.messageCount
        firstMessageAt = evidence.firstMessageAt
        lastMessageAt = evidence.lastMessageAt
        participantCount = evidence.participantCount
        compared = evidence.compared.isEmpty ? nil : evidence.compared
        evidenceKey = evidence.key.map(ColumnText.init)
        students = finding.students.isEmpty ? nil : finding.students
        summary = ColumnText(finding.summary)
    }

    /// The row's values in the order of ``columns``, for statements that bind them by place: a
    /// row every new finding writes twice (its `finding` row and its archive's), and every archive
    /// read again rewrites. By hand rather than through GRDB's `Encodable` path (a keyed container
    /// per value, then the names matched to the statement's): the values that path gave,
    /// enumerations by their raw values, dates as seconds since 1970, the lists as JSON text, NULL for nil.
    /// As values rather than `DatabaseValue`s: GRDB's arguments from those go through a key path each.
    func databaseValues() throws -> [(any DatabaseValueConvertible)?] {
        [
            fingerprint, rule, severity.rawValue, tier.rawValue, schoolId, schoolName, account, accountId, evidenceKind.rawValue,
            evidenceId, evidenceTime?.timeIntervalSince1970, url, text, messageCount, firstMessageAt?.timeIntervalSince1970,
            lastMessageAt?.timeIntervalSince1970, participantCount, try compared.map(Self.jsonText), evidenceKey,
            try students.map(Self.jsonText), summary,
        ]
    }

    private static func jsonText<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try StateStore.jsonEncoder.encode(value), as: UTF8.self)
    }

    var finding: Finding {
        Finding(rule: rule, severity: severity, tier: tier, schoolId: schoolId, schoolName: schoolName.value, account: account,
                accountId: accountId?.value,
                evidence: Evidence(kind: evidenceKind, id: evidenceId?.value, time: evidenceTime, url: url?.value, text: text?.value,
                                   messageCount: messageCount, firstMessageAt: firstMessageAt, lastMessageAt: lastMessageAt,
                                   participantCount: participantCount, compared: compared ?? [], key: evidenceKey?.value),
                students: students ?? [], summary: summary.value, fingerprint: fingerprint)
    }
}

/// Text from an archive as a column, whole: TEXT, or its UTF-8 as a BLOB when it holds a NUL (an
/// archive may escape one, `\u0000`), since GRDB binds and reads text up to the first NUL.
struct ColumnText: Codable, Hashable, DatabaseValueConvertible {
    var value: String

    init(_ value: String) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    var databaseValue: DatabaseValue {
        value.utf8.contains(0) ? Data(value.utf8).databaseValue : value.databaseValue
    }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> ColumnText? {
        // GRDB reads a BLOB as the string of its UTF-8.
        String.fromDatabaseValue(dbValue).map(ColumnText.init)
    }
}

extension StateStore {
    /// The JSON columns' coders, one each for every row (GRDB's default makes one per value):
    /// keys sorted, the same text for the same values; dates as seconds since 1970, exact.
    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    static let jsonDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    /// v6: each finding's record in columns of its own (``FindingRow``), in place of the bytes of
    /// a format of this tool's making. Those bytes are not read: a finding gets its record again
    /// the next time it is seen, and until then one carried is shown as a state from before v5
    /// shows it (``KnownFinding/hasRecord``); its lifecycle is kept as it was.
    static func registerFindingColumns(_ db: Database) throws {
        for table in ["finding", "undoFinding"] {
            try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN record")
            try db.alter(table: table) { t in
                for (name, type) in recordColumns { t.add(column: name, type) }
            }
        }
    }

    /// The columns v6 gave a finding's record, beside the rule, account, school and severity
    /// the lifecycle had from v1.
    static let recordColumns: [(String, Database.ColumnType)] = [
        ("tier", .text), ("schoolName", .text), ("accountId", .text), ("evidenceKind", .text), ("evidenceId", .text),
        ("evidenceTime", .double), ("url", .text), ("text", .text), ("messageCount", .integer), ("firstMessageAt", .double),
        ("lastMessageAt", .double), ("participantCount", .integer), ("compared", .jsonText), ("evidenceKey", .text),
        ("students", .jsonText), ("summary", .text),
    ]

    /// Whether a `finding` row holds its record: a row v6 has not written has none of its columns.
    static let hasRecord = "tier IS NOT NULL"

    /// The whole findings the state holds of `fingerprints` (those it has a record of).
    public func findingRecords(_ fingerprints: [String]) throws -> [String: Finding] {
        try queue.read { db in
            var found: [String: Finding] = [:]
            for fingerprint in fingerprints {
                let sql = "SELECT * FROM finding WHERE fingerprint = ? AND \(Self.hasRecord)"
                // A row this version cannot read is left out, as one with no record: the finding is shown in outline.
                guard let row = try? FindingRow.fetchOne(db, sql: sql, arguments: [fingerprint]) else { continue }
                found[fingerprint] = row.finding
            }
            return found
        }
    }

    /// A finding found new (or again after it was resolved): its row as found now, its life started again.
    static let insertNew = upsert("""
        firstSeenRun = excluded.firstSeenRun, firstSeenAsOf = excluded.firstSeenAsOf, lastSeenRun = excluded.lastSeenRun,
          lastSeenAsOf = excluded.lastSeenAsOf, resolvedRun = NULL, resolvedAsOf = NULL
        """)

    /// A finding seen again whose row changed (its severity, school or record): its first sighting kept.
    static let updateSeenAgain = upsert("""
        lastSeenRun = excluded.lastSeenRun, lastSeenAsOf = excluded.lastSeenAsOf, resolvedRun = NULL, resolvedAsOf = NULL
        """)

    /// A statement that writes a finding's record (its columns' values by place, then the run's
    /// number and `as of`) and, on a row already there, its record and `lifecycle`.
    private static func upsert(_ lifecycle: String) -> String {
        let columns = FindingRow.columns
        let (run, asOf) = ("?\(columns.count + 1)", "?\(columns.count + 2)")
        return """
            INSERT INTO finding (\(columns.joined(separator: ", ")), firstSeenRun, firstSeenAsOf, lastSeenRun, lastSeenAsOf)
            VALUES (\(columns.indices.map { "?\($0 + 1)" }.joined(separator: ", ")), \(run), \(asOf), \(run), \(asOf))
            ON CONFLICT(fingerprint) DO UPDATE SET \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")),
              \(lifecycle)
            """
    }

    /// Writes a finding's row with `statement` (``insertNew``'s or ``updateSeenAgain``'s).
    static func write(_ finding: Finding, _ statement: Statement, run: Int64, asOf: String) throws {
        let values = try FindingRow(finding).databaseValues() + [run, asOf]
        try statement.execute(arguments: StatementArguments(values))
    }
}
