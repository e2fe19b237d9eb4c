import SocialAuditCore
import SocialAuditJSON

/// Whose archive it is and when it was made: the manifest, the account and the profile.
extension ReadingSession {
    mutating func readIdentity(_ dataFiles: [DataType: [DataFile]], paths: Set<String>, root: String) {
        if let manifestFile = dataFiles[.manifest]?.first {
            readRecords(manifestFile) { session, value, _ throws(RecordError) in
                let manifest = try RecordDecoding.manifest(value)
                session.reading.manifest = manifest
                session.handle(.manifest(manifest))
            }
            checkManifestListing(dataFiles: dataFiles, paths: paths, root: root)
        }
        readFirst(dataFiles[.account], into: \.account, RecordDecoding.account, as: ArchiveRecord.account)
        if reading.layout == .grailbird {
            readGrailbirdIdentity(root: root, paths: paths)
        }
        settleAccount(accountFile: dataFiles[.account]?.first?.path)
        readFirst(dataFiles[.profile], into: \.profile, RecordDecoding.profile, as: ArchiveRecord.profile)
    }

    /// The first record of `files` that decodes, kept in the reading at `field` and handed on.
    private mutating func readFirst<Value>(_ files: [DataFile]?, into field: WritableKeyPath<ArchiveReading, Value?>,
                                           _ decode: (JSONValue) throws(RecordError) -> Value, as record: (Value) -> ArchiveRecord) {
        for file in files ?? [] {
            readRecords(file) { session, value, _ throws(RecordError) in
                guard session.reading[keyPath: field] == nil else { return }
                let decoded = try decode(value)
                session.reading[keyPath: field] = decoded
                session.handle(record(decoded))
            }
        }
    }

    /// The account as the manifest gives it where no account file does, and what is wrong with it.
    mutating func settleAccount(accountFile: String?) {
        if reading.account == nil, let manifest = reading.manifest, let id = manifest.accountId, let name = manifest.userName {
            // Partial archives may lack account.js; the manifest still says whose archive it is.
            let account = ArchiveAccount(accountId: id, username: name, displayName: manifest.displayName)
            reading.account = account
            handle(.account(account))
        }
        if reading.account == nil {
            problem("the archive's account cannot be read: no usable data/account.js or manifest")
        }
        if let account = reading.account, !XIdentifiers.isUsernameLike(account.username) {
            problem("the account's username is not an X username (letters, digits or _); its tweets are linked by their ids alone",
                    file: accountFile)
        }
        if let account = reading.account, let manifestId = reading.manifest?.accountId, manifestId != account.accountId {
            problem("the account id in data/account.js (\(account.accountId)) contradicts the manifest's (\(manifestId))",
                    file: accountFile)
        }
    }

    /// A data file the manifest lists but the archive lacks is reported: part of the account's data is missing.
    mutating func checkManifestListing(dataFiles: [DataType: [DataFile]], paths: Set<String>, root: String) {
        guard let manifest = reading.manifest else { return }
        let keys = Set(DataType.allCases.filter { $0 != .manifest }.map(\.manifestKey))
        for key in keys.sorted() {
            for listed in manifest.dataFiles[key] ?? [] {
                let path = root + listed
                if !paths.contains(path) {
                    problem("the manifest lists this file but the archive does not have it", file: listed)
                }
            }
        }
    }

    mutating func readGrailbirdIdentity(root: String, paths: Set<String>) {
        let details = root + "data/js/user_details.js"
        if paths.contains(details) {
            readRecords(DataFile(path: details, type: .account, part: 0), expectedNames: ["user_details"]) { session, value, _ throws(RecordError) in
                guard session.reading.account == nil else { return }
                let account = try RecordDecoding.grailbirdUser(value)
                session.reading.account = account
                session.handle(.account(account))
                let profile = RecordDecoding.grailbirdProfile(value)
                session.reading.profile = profile
                session.handle(.profile(profile))
            }
        }
        let payload = root + "data/js/payload_details.js"
        if paths.contains(payload) {
            readRecords(DataFile(path: payload, type: .manifest, part: 0), expectedNames: ["payload_details"]) { session, value, _ throws(RecordError) in
                if let created = RecordDecoding.date(value["created_at"]) {
                    var manifest = session.reading.manifest ?? ArchiveManifest()
                    manifest.generationDate = created
                    session.reading.manifest = manifest
                    session.handle(.manifest(manifest))
                }
            }
        }
    }
}
