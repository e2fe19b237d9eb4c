import Foundation
import SocialAuditCore
import SocialAuditJSON

/// An inventory as read from its file, with where each entry sits (for messages) and the
/// problems that leave it usable (kept as data: they become `inventory.bad-reference` findings).
public struct LoadedInventory: Sendable {
    public enum Format: String, Sendable { case json = "JSON", xml = "XML" }

    public var inventory: Inventory
    public var file: String
    public var format: Format
    /// Places of `inventory.schools`, `people` and `accounts`, index for index.
    public var schoolPlaces: [InputPlace]
    public var personPlaces: [InputPlace]
    public var accountPlaces: [InputPlace]
    /// Problems that leave the inventory usable, such as an account naming an undefined school.
    public var notes: [InventoryNote]
    /// Set when the file was not UTF-8 and was read as Windows-1252.
    public var encodingNote: String?
    /// Schools named in another case than their id, each read as that school (warnings).
    public var schoolCaseFixes: [String] = []
}

/// A problem in the inventory that does not make it unusable.
public struct InventoryNote: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An account names a school the inventory does not define (`inventory.bad-reference`).
        case accountSchoolUndefined = "account-school-undefined"
        /// A person names a school the inventory does not define.
        case personSchoolUndefined = "person-school-undefined"
    }

    public var kind: Kind
    /// The account's handle or the person's e-mail address.
    public var subject: String
    /// The field and its value: `school`, `canton-middle`.
    public var field: String
    public var value: String
    public var problem: InputProblem

    public var description: String { problem.description }
}

/// Reads the inventory from JSON or XML — told apart by content, not by the file's name — into
/// one model, and checks it. Both forms give identical models.
public enum InventoryReader {
    /// Reads and checks the inventory at `url`; throws every problem that makes it unusable.
    public static func load(_ url: URL) throws(InputError) -> LoadedInventory {
        try read(InputText.contents(of: url), file: url.path)
    }

    /// Reads and checks an inventory held in memory; `file` names it in messages.
    public static func read(_ bytes: [UInt8], file: String) throws(InputError) -> LoadedInventory {
        var loaded: LoadedInventory
        switch InputFormat.sniff(bytes) {
        case .json:
            let text = InputText.utf8(bytes)
            loaded = try readJSON(text.bytes, file: file)
            if text.transcoded { loaded.encodingNote = InputText.note(file) }
        case .xml:
            loaded = try XMLInventoryReader.read(bytes, file: file)
        case .empty:
            throw InputError(InputProblem(file: file, message: "the file is empty; expected an inventory in JSON ('{') or XML ('<')"))
        case let .unknown(byte):
            throw InputError(InputProblem(file: file, line: 1, column: 1,
                                          message: "expected an inventory in JSON (starting with '{') or XML (starting with '<'), found \(JSONParser.describe(byte))"))
        }
        let problems = InventoryChecks.unusable(in: loaded)
        if !problems.isEmpty { throw InputError(problems) }
        loaded.schoolCaseFixes = InventoryChecks.settleSchoolCase(&loaded)
        loaded.notes = InventoryChecks.notes(in: loaded)
        return loaded
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }

    // MARK: JSON

    // Keys, and which of them are required, are those of the input reference (docs/inputs.md).

    static func readJSON(_ bytes: [UInt8], file: String) throws(InputError) -> LoadedInventory {
        let (json, root) = try StrictJSON.parse(file: file, bytes: bytes)
        guard let fields = json.object(root, at: "", declared: InputReference.inventory) else { throw InputError(json.problems) }
        let district = readDistrict(fields, json)
        let (schools, schoolPlaces) = readSchools(fields, json)
        let (people, personPlaces) = readPeople(fields, json)
        let (accounts, accountPlaces) = readAccounts(fields, json)
        if !json.problems.isEmpty { throw InputError(json.problems) }
        return LoadedInventory(
            inventory: Inventory(district: district, schools: schools, people: people, accounts: accounts),
            file: file, format: .json, schoolPlaces: schoolPlaces, personPlaces: personPlaces,
            accountPlaces: accountPlaces, notes: [])
    }

    /// The district's name, domains, websites and recipients; a nameless one where it is missing or wrong.
    private static func readDistrict(_ fields: StrictJSON.Fields, _ json: StrictJSON) -> District {
        guard let value = fields.member("district") else {
            json.report("", "the required key 'district' is missing")
            return District(name: "")
        }
        guard let d = json.object(value, at: "district", declared: InputReference.district) else { return District(name: "") }
        return District(name: d.string("name") ?? "",
                        emailDomains: d.strings("emailDomains"),
                        websites: d.strings("websites"),
                        reportRecipients: d.mailboxes("reportRecipients"))
    }

    /// Each object of the array `key` that `read` makes a value of, and where each is; `read`
    /// reports what is wrong with the others.
    private static func readEach<Value>(_ key: String, declared: InputObject, _ fields: StrictJSON.Fields, _ json: StrictJSON,
                                        _ read: (StrictJSON.Fields) -> Value?) -> ([Value], [InputPlace]) {
        var values: [Value] = [], places: [InputPlace] = []
        for (path, value) in fields.array(key) {
            guard let object = json.object(value, at: path, declared: declared), let made = read(object) else { continue }
            values.append(made)
            places.append(json.place(path))
        }
        return (values, places)
    }

    /// The schools with an id and a name; the others are reported.
    private static func readSchools(_ fields: StrictJSON.Fields, _ json: StrictJSON) -> ([School], [InputPlace]) {
        readEach("schools", declared: InputReference.school, fields, json) { s in
            let id = s.string("id")
            let name = s.string("name")
            let recipients = s.mailboxes("reportRecipients")
            guard let id, let name else { return nil }
            return School(id: id, name: name, reportRecipients: recipients)
        }
    }

    /// The people with an e-mail address, a role and a school; the others are reported.
    private static func readPeople(_ fields: StrictJSON.Fields, _ json: StrictJSON) -> ([Person], [InputPlace]) {
        readEach("people", declared: InputReference.person, fields, json) { p in
            let email = p.string("email")
            let name = p.string("name")
            let role = p.choice("role", of: Role.self, accepted: Role.allCases)
            let school = p.string("school")
            guard let email, let role, let school else { return nil }
            return Person(email: email, name: name ?? email, role: role, school: school)
        }
    }

    /// The accounts with a handle and a tier; the others are reported.
    private static func readAccounts(_ fields: StrictJSON.Fields, _ json: StrictJSON) -> ([InventoryAccount], [InputPlace]) {
        readEach("accounts", declared: InputReference.account, fields, json) { a in
            let handle = a.string("handle")
            let accountId = a.string("accountId")
            if let accountId, !isAccountId(accountId) {
                json.report(a.path("accountId"), "'\(accountId)' is not an account id; expected the digits of the account's numeric id")
            }
            let tier = a.choice("tier", of: Tier.self, accepted: Tier.inventoryTiers)
            let createdBy = a.choice("createdBy", of: CreatedBy.self, accepted: CreatedBy.allCases)
            let account = InventoryAccount(
                handle: handle ?? "", accountId: accountId, tier: tier ?? .primary, school: a.string("school"),
                createdBy: createdBy, organization: a.string("organization"), managers: a.strings("managers"),
                assignedBy: a.string("assignedBy"), registeredEmail: a.string("registeredEmail"),
                emailRoutesTo: a.strings("emailRoutesTo"), owner: a.string("owner"))
            return handle != nil && tier != nil ? account : nil
        }
    }

    /// Account ids are decimal digits (up to 20: they pass 2^53 and are never numbers to us).
    static func isAccountId(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 20 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// What an input file holds, judged by its first significant byte (after a byte-order mark and white space).
enum InputFormat: Equatable {
    case json, xml, empty
    case unknown(UInt8)

    static func sniff(_ bytes: [UInt8]) -> InputFormat {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return .empty }
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        case UInt8(ascii: "<"): return .xml
        default: return .unknown(bytes[index])
        }
    }
}

/// The inventory's cross-checks. Those that make it unusable (two accounts with one handle or one
/// id, two schools with one id, two people with one address) stop the run; those that leave it
/// usable (a reference to a school that is not defined) are kept as notes.
enum InventoryChecks {
    static func unusable(in loaded: LoadedInventory) -> [InputProblem] {
        var problems: [InputProblem] = []
        let inventory = loaded.inventory
        func duplicates(_ keys: [String], places: [InputPlace], what: String) {
            var first: [String: Int] = [:]
            for (index, key) in keys.enumerated() {
                if let earlier = first[key] {
                    let earlierPlace = places[earlier]
                    let at = earlierPlace.line.map { "line \($0)" } ?? earlierPlace.path ?? "entry \(earlier + 1)"
                    problems.append(places[index].problem(in: loaded.file, "\(what) '\(key)' is already used (\(at)); each must be unique"))
                } else {
                    first[key] = index
                }
            }
        }
        duplicates(inventory.schools.map(\.id), places: loaded.schoolPlaces, what: "the school id")
        problems += caseOnlyDuplicates(in: loaded)
        // School ids name folders of the reports (OUT/schools/<id>/): letters, digits, '.', '_'
        // and '-', not starting with a dot, so that no id can reach outside the output folder.
        for (index, school) in inventory.schools.enumerated() where !isSafeSchoolId(school.id) {
            problems.append(loaded.schoolPlaces[index].problem(in: loaded.file,
                "the school id '\(school.id)' cannot be used: a school id names a report folder, so it may hold only letters, digits, '.', '_' and '-', and may not start with '.' or be 'unassigned' or 'district' in any case"))
        }
        duplicates(inventory.people.map { $0.email.lowercased() }, places: loaded.personPlaces, what: "the e-mail address")
        duplicates(inventory.accounts.map { Handle.normalized($0.handle) }, places: loaded.accountPlaces, what: "the handle")
        let ids = inventory.accounts.enumerated().compactMap { pair in pair.element.accountId.map { ($0, pair.offset) } }
        duplicates(ids.map(\.0), places: ids.map { loaded.accountPlaces[$0.1] }, what: "the account id")
        for (index, account) in inventory.accounts.enumerated() where Handle.normalized(account.handle).isEmpty {
            problems.append(loaded.accountPlaces[index].problem(in: loaded.file, "the handle is empty"))
        }
        return problems.sorted { ($0.line ?? 0, $0.path ?? "") < ($1.line ?? 0, $1.path ?? "") }
    }

    /// Report folders live on file systems that ignore case (a district's share, a Mac), where
    /// `Pisgah` and `pisgah` are one folder: ids that differ only in case are refused.
    static func caseOnlyDuplicates(in loaded: LoadedInventory) -> [InputProblem] {
        var first: [String: Int] = [:]
        var problems: [InputProblem] = []
        for (index, school) in loaded.inventory.schools.enumerated() {
            let key = school.id.lowercased()
            if let earlier = first[key] {
                let other = loaded.inventory.schools[earlier].id
                guard other != school.id else { continue }  // the same id twice is said above
                let place = loaded.schoolPlaces[earlier]
                let at = place.line.map { "line \($0)" } ?? place.path ?? "entry \(earlier + 1)"
                problems.append(loaded.schoolPlaces[index].problem(in: loaded.file,
                    "the school id '\(school.id)' differs only in case from '\(other)' (\(at)); school ids name report folders, so they must differ in more than case"))
            } else {
                first[key] = index
            }
        }
        return problems
    }

    static func isSafeSchoolId(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first != ".", id.count <= 100,
              id.lowercased() != Finding.unassigned, id.lowercased() != "district" else { return false }
        return id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "_" || scalar == "-")
        }
    }

    /// A school named in another case than its id (`Tuscola-High` for `tuscola-high`) is that
    /// school: ids are unique whatever their case, so there is no other reading, and the account's
    /// findings belong in that school's report, not in 'unassigned'. Each is said, to be fixed.
    static func settleSchoolCase(_ loaded: inout LoadedInventory) -> [String] {
        let ids = Set(loaded.inventory.schools.map(\.id))
        let byCase = Dictionary(loaded.inventory.schools.map { ($0.id.lowercased(), $0.id) }, uniquingKeysWith: { first, _ in first })
        var fixes: [String] = []
        let file = loaded.file
        func settled(_ school: String, at place: InputPlace, _ who: String) -> String {
            guard !ids.contains(school), let id = byCase[school.lowercased()] else { return school }
            fixes.append(place.problem(in: file, "\(who) names school '\(school)', read as '\(id)' (school ids are matched whatever their case); write '\(id)'").description)
            return id
        }
        for index in loaded.inventory.people.indices {
            let person = loaded.inventory.people[index]
            loaded.inventory.people[index].school = settled(person.school, at: loaded.personPlaces[index], person.email)
        }
        for index in loaded.inventory.accounts.indices {
            let account = loaded.inventory.accounts[index]
            loaded.inventory.accounts[index].school = account.school.map { settled($0, at: loaded.accountPlaces[index], "account '\(account.handle)'") }
        }
        return fixes
    }

    static func notes(in loaded: LoadedInventory) -> [InventoryNote] {
        let inventory = loaded.inventory
        let schoolIds = Set(inventory.schools.map(\.id))
        // A near miss is most likely a typo: said, but not guessed at (a new school not yet in
        // the inventory may well be one letter from another).
        func nearMiss(_ school: String) -> String {
            StrictJSON.nearest(school, in: inventory.schools.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
        }
        var notes: [InventoryNote] = []
        for (index, person) in inventory.people.enumerated()
        where person.school != Person.districtLevel && !schoolIds.contains(person.school) {
            notes.append(InventoryNote(
                kind: .personSchoolUndefined, subject: person.email, field: "school", value: person.school,
                problem: loaded.personPlaces[index].problem(in: loaded.file, "\(person.email) works at school '\(person.school)', which the inventory does not define" + nearMiss(person.school))))
        }
        for (index, account) in inventory.accounts.enumerated() {
            guard let school = account.school, !schoolIds.contains(school) else { continue }
            notes.append(InventoryNote(
                kind: .accountSchoolUndefined, subject: account.handle, field: "school", value: school,
                problem: loaded.accountPlaces[index].problem(in: loaded.file, "account '\(account.handle)' names school '\(school)', which the inventory does not define; its findings go to 'unassigned'" + nearMiss(school))))
        }
        return notes
    }
}
