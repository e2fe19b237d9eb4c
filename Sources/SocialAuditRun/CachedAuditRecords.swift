import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditRules

/// The account and the reading that ``CachedAudit`` keeps of an archive, as compact bytes in the
/// manner of ``FindingRecords`` (strings, LEB128 counts, `?` a byte before an optional value,
/// lists a count before their items; fields in their declaration order).
///
/// Written by hand because a nightly run reads one of these back for every unchanged archive:
/// `JSONDecoder` per archive was most of a nightly run for a district of a thousand archives
/// (docs/performance.md has the figures). A test holds the fields written here to the types' own
/// (a field added to one of them fails it) and every value to what `Codable` gives back.
enum CachedAuditRecords {
    typealias Writer = FindingRecords.Writer
    typealias Reader = FindingRecords.Reader
    typealias Malformed = FindingRecords.Malformed

    static func write(_ audit: CachedAudit, into writer: inout Writer) {
        subject(audit.subject, &writer)
        writer.integer(audit.tweets)
        writer.integer(audit.conversations)
        writer.integer(audit.messages)
        reading(audit.reading, &writer)
    }

    static func read(_ reader: inout Reader) throws(Malformed) -> (subject: AccountSubject, tweets: Int, conversations: Int,
                                                                  messages: Int, reading: ArchiveReading) {
        let subject = try subject(&reader)
        let tweets = try reader.integer()
        let conversations = try reader.integer()
        let messages = try reader.integer()
        return (subject, tweets, conversations, messages, try reading(&reader))
    }

    // MARK: The account

    static func subject(_ value: AccountSubject, _ writer: inout Writer) {
        writer.string(value.tier.rawValue)
        writer.optional(value.inventory, inventoryAccount)
        writer.bool(value.hasArchive)
        writer.optional(value.archiveName) { $0.string($1) }
        writer.optional(value.archiveAccount, archiveAccount)
        writer.optional(value.profile, profile)
        writer.optional(value.manifest, manifest)
        writer.list(value.applications, application)
        writer.list(value.logins, login)
        writer.list(value.problems, problem)
        writer.bool(value.matchedByAccountId)
    }

    static func subject(_ reader: inout Reader) throws(Malformed) -> AccountSubject {
        let tier = try reader.value(Tier.self)
        let inventory = try reader.optional(inventoryAccount)
        let hasArchive = try reader.bool()
        let archiveName = try reader.optional { reader throws(Malformed) in try reader.string() }
        let archiveAccount = try reader.optional(archiveAccount)
        let profile = try reader.optional(profile)
        let manifest = try reader.optional(manifest)
        let applications = try reader.list(application)
        let logins = try reader.list(login)
        let problems = try reader.list(problem)
        let matchedByAccountId = try reader.bool()
        return AccountSubject(tier: tier, inventory: inventory, hasArchive: hasArchive, archiveName: archiveName,
                              archiveAccount: archiveAccount, profile: profile, manifest: manifest, applications: applications,
                              logins: logins, problems: problems, matchedByAccountId: matchedByAccountId)
    }

    static func inventoryAccount(_ writer: inout Writer, _ value: InventoryAccount) {
        writer.string(value.handle)
        writer.optional(value.accountId) { $0.string($1) }
        writer.string(value.tier.rawValue)
        writer.optional(value.school) { $0.string($1) }
        writer.optional(value.createdBy) { $0.string($1.rawValue) }
        writer.optional(value.organization) { $0.string($1) }
        writer.list(value.managers) { $0.string($1) }
        writer.optional(value.assignedBy) { $0.string($1) }
        writer.optional(value.registeredEmail) { $0.string($1) }
        writer.list(value.emailRoutesTo) { $0.string($1) }
        writer.optional(value.owner) { $0.string($1) }
    }

    static func inventoryAccount(_ reader: inout Reader) throws(Malformed) -> InventoryAccount {
        let handle = try reader.string()
        let accountId = try reader.optional(text)
        let tier = try reader.value(Tier.self)
        let school = try reader.optional(text)
        let createdBy = try reader.optional { reader throws(Malformed) in try reader.value(CreatedBy.self) }
        let organization = try reader.optional(text)
        let managers = try reader.list(text)
        let assignedBy = try reader.optional(text)
        let registeredEmail = try reader.optional(text)
        let emailRoutesTo = try reader.list(text)
        let owner = try reader.optional(text)
        return InventoryAccount(handle: handle, accountId: accountId, tier: tier, school: school, createdBy: createdBy,
                                organization: organization, managers: managers, assignedBy: assignedBy,
                                registeredEmail: registeredEmail, emailRoutesTo: emailRoutesTo, owner: owner)
    }

    static func archiveAccount(_ writer: inout Writer, _ value: ArchiveAccount) {
        writer.string(value.accountId)
        writer.string(value.username)
        writer.optional(value.displayName) { $0.string($1) }
        writer.optional(value.email) { $0.string($1) }
        writer.optional(value.createdAt) { $0.date($1) }
        writer.optional(value.createdVia) { $0.string($1) }
    }

    static func archiveAccount(_ reader: inout Reader) throws(Malformed) -> ArchiveAccount {
        let accountId = try reader.string()
        let username = try reader.string()
        let displayName = try reader.optional(text)
        let email = try reader.optional(text)
        let createdAt = try reader.optional(date)
        return ArchiveAccount(accountId: accountId, username: username, displayName: displayName, email: email,
                              createdAt: createdAt, createdVia: try reader.optional(text))
    }

    static func profile(_ writer: inout Writer, _ value: Profile) {
        writer.optional(value.bio) { $0.string($1) }
        writer.optional(value.website) { $0.string($1) }
        writer.optional(value.location) { $0.string($1) }
    }

    static func profile(_ reader: inout Reader) throws(Malformed) -> Profile {
        let bio = try reader.optional(text)
        let website = try reader.optional(text)
        return Profile(bio: bio, website: website, location: try reader.optional(text))
    }

    static func manifest(_ writer: inout Writer, _ value: ArchiveManifest) {
        writer.optional(value.accountId) { $0.string($1) }
        writer.optional(value.userName) { $0.string($1) }
        writer.optional(value.displayName) { $0.string($1) }
        writer.optional(value.generationDate) { $0.date($1) }
        writer.optional(value.isPartialArchive) { $0.bool($1) }
        writer.optional(value.sizeBytes) { $0.string($1) }
        // In key order: the same bytes for the same manifest.
        writer.list(value.dataFiles.keys.sorted()) { writer, key in
            writer.string(key)
            writer.list(value.dataFiles[key]!) { $0.string($1) }
        }
    }

    static func manifest(_ reader: inout Reader) throws(Malformed) -> ArchiveManifest {
        let accountId = try reader.optional(text)
        let userName = try reader.optional(text)
        let displayName = try reader.optional(text)
        let generationDate = try reader.optional(date)
        let isPartialArchive = try reader.optional { reader throws(Malformed) in try reader.bool() }
        let sizeBytes = try reader.optional(text)
        var dataFiles: [String: [String]] = [:]
        for _ in 0..<(try reader.count()) {
            let key = try reader.string()
            dataFiles[key] = try reader.list(text)
        }
        return ArchiveManifest(accountId: accountId, userName: userName, displayName: displayName, generationDate: generationDate,
                               isPartialArchive: isPartialArchive, sizeBytes: sizeBytes, dataFiles: dataFiles)
    }

    static func application(_ writer: inout Writer, _ value: ConnectedApplication) {
        writer.optional(value.id) { $0.string($1) }
        writer.string(value.name)
        writer.optional(value.organizationName) { $0.string($1) }
        writer.optional(value.organizationURL) { $0.string($1) }
        writer.optional(value.description) { $0.string($1) }
        writer.list(value.permissions) { $0.string($1) }
        writer.optional(value.approvedAt) { $0.date($1) }
    }

    static func application(_ reader: inout Reader) throws(Malformed) -> ConnectedApplication {
        let id = try reader.optional(text)
        let name = try reader.string()
        let organizationName = try reader.optional(text)
        let organizationURL = try reader.optional(text)
        let description = try reader.optional(text)
        let permissions = try reader.list(text)
        return ConnectedApplication(id: id, name: name, organizationName: organizationName, organizationURL: organizationURL,
                                    description: description, permissions: permissions, approvedAt: try reader.optional(date))
    }

    static func login(_ writer: inout Writer, _ value: LoginRecord) {
        writer.optional(value.accountId) { $0.string($1) }
        writer.optional(value.createdAt) { $0.date($1) }
        writer.string(value.ip)
    }

    static func login(_ reader: inout Reader) throws(Malformed) -> LoginRecord {
        let accountId = try reader.optional(text)
        let createdAt = try reader.optional(date)
        return LoginRecord(accountId: accountId, createdAt: createdAt, ip: try reader.string())
    }

    static func problem(_ writer: inout Writer, _ value: ArchiveProblem) {
        writer.string(value.archive)
        writer.optional(value.file) { $0.string($1) }
        writer.optional(value.offset) { $0.integer($1) }
        writer.optional(value.line) { $0.integer($1) }
        writer.string(value.message)
    }

    static func problem(_ reader: inout Reader) throws(Malformed) -> ArchiveProblem {
        let archive = try reader.string()
        let file = try reader.optional(text)
        let offset = try reader.optional { reader throws(Malformed) in try reader.integer() }
        let line = try reader.optional { reader throws(Malformed) in try reader.integer() }
        return ArchiveProblem(archive: archive, file: file, offset: offset, line: line, message: try reader.string())
    }

    // MARK: The reading

    static func reading(_ value: ArchiveReading, _ writer: inout Writer) {
        // The URL as `Codable` keeps it: its absolute string.
        writer.string(value.source.url.absoluteString)
        writer.string(value.source.kind.rawValue)
        writer.optional(value.layout) { $0.string($1.rawValue) }
        writer.optional(value.manifest, manifest)
        writer.optional(value.account, archiveAccount)
        writer.optional(value.profile, profile)
        for count in [value.tweets, value.deletedTweets, value.conversations, value.groupConversations, value.messages,
                      value.applications, value.logins] {
            writer.integer(count)
        }
        writer.list(value.filesRead) { $0.string($1) }
        writer.list(value.problems, problem)
    }

    static func reading(_ reader: inout Reader) throws(Malformed) -> ArchiveReading {
        let start = reader.offset
        guard let url = URL(string: try reader.string()) else { throw Malformed(offset: start) }
        var reading = ArchiveReading(source: ArchiveSource(url: url, kind: try reader.value(ArchiveSource.Kind.self)))
        reading.layout = try reader.optional { reader throws(Malformed) in try reader.value(ArchiveReading.Layout.self) }
        reading.manifest = try reader.optional(manifest)
        reading.account = try reader.optional(archiveAccount)
        reading.profile = try reader.optional(profile)
        reading.tweets = try reader.integer()
        reading.deletedTweets = try reader.integer()
        reading.conversations = try reader.integer()
        reading.groupConversations = try reader.integer()
        reading.messages = try reader.integer()
        reading.applications = try reader.integer()
        reading.logins = try reader.integer()
        reading.filesRead = try reader.list(text)
        reading.problems = try reader.list(problem)
        return reading
    }

    private static func text(_ reader: inout Reader) throws(Malformed) -> String { try reader.string() }
    private static func date(_ reader: inout Reader) throws(Malformed) -> Date { try reader.date() }
}

/// What an incremental run keeps of one archive: the account's data and the findings of its
/// content, which do not depend on the run's date.
struct CachedAudit {
    var subject: AccountSubject
    var contentFindings: [Finding]
    var tweets: Int
    var conversations: Int
    var messages: Int
    var reading: ArchiveReading

    static let magic: [UInt8] = Array("SAC3".utf8)

    /// `SAC3`, the account and the reading as ``CachedAuditRecords``, then the findings as
    /// ``FindingRecords`` (JSON was most of an unchanged nightly run's reading back; see
    /// docs/performance.md). An earlier version's payload (`SAC2`, JSON) is not read: its archive
    /// is read again once.
    func payload() throws -> Data {
        var writer = FindingRecords.Writer()
        writer.bytes = Self.magic
        CachedAuditRecords.write(self, into: &writer)
        return Data(writer.bytes + FindingRecords.encode(contentFindings))
    }

    /// Nil for a payload that is not one (an older version's, a damaged one): the archive is read again.
    init?(payload: Data) {
        let bytes = [UInt8](payload)
        guard bytes.count >= 4, Array(bytes[0..<4]) == Self.magic else { return nil }
        let decoded: (envelope: (subject: AccountSubject, tweets: Int, conversations: Int, messages: Int, reading: ArchiveReading),
                      findings: Int)? = bytes.withUnsafeBufferPointer { buffer in
            var reader = FindingRecords.Reader(bytes: buffer, offset: 4)
            guard let envelope = try? CachedAuditRecords.read(&reader) else { return nil }
            return (envelope, reader.offset)
        }
        guard let decoded, let findings = try? FindingRecords.decode(Array(bytes[decoded.findings...])) else { return nil }
        let envelope = decoded.envelope
        self.init(subject: envelope.subject, contentFindings: findings, tweets: envelope.tweets,
                  conversations: envelope.conversations, messages: envelope.messages, reading: envelope.reading)
    }

    init(subject: AccountSubject, contentFindings: [Finding], tweets: Int, conversations: Int, messages: Int, reading: ArchiveReading) {
        self.subject = subject
        self.contentFindings = contentFindings
        self.tweets = tweets
        self.conversations = conversations
        self.messages = messages
        self.reading = reading
    }
}
