import Foundation
import Testing
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditInventory
import SocialAuditJSON

/// A file of `root`'s input with every declared key (annotations included) holding a value of its
/// type, and `extra` added as an undeclared key to the object at that path.
func sample(_ object: InputObject, at path: String = "", adding extra: (path: String, key: String)? = nil) -> JSONValue {
    var members = object.fields.map { ($0.key, sample($0.type, key: $0.key, at: StrictJSON.join(path, $0.key), adding: extra)) }
    if let extra, extra.path == path { members.append((extra.key, .string("x"))) }
    return .object(members)
}

func sample(_ type: InputType, key: String, at path: String, adding extra: (path: String, key: String)?) -> JSONValue {
    switch type {
    case .text: key == InputReference.schemaKey ? .string("socialaudit.schema.json") : .string("x")
    case .path: .string("folder/file")
    case .timeZone: .string("America/Chicago")
    case .accountId: .string("1001")
    case .date: .string("2024-03-06")
    case let .integer(range): .number("\(range.upperBound)")
    case .share: .number("0.25")
    case .boolean: .bool(true)
    case let .choice(values): .string(values.last!)
    case .texts: .array([.string("x")])
    case .mailbox: .string("x@example.org")
    case .mailboxes: .array([.string("x@example.org")])
    case .ruleIds: .array([.string(RuleIds.all.last!)])
    case let .object(object), let .pathOr(object): sample(object, at: path, adding: extra)
    case let .objects(object): .array([sample(object, at: path + "[0]", adding: extra)])
    case let .map(_, keys, value):
        .object([(InputReference.commentKey, .string("x")),
                 (keys?.first ?? "category", sample(value, key: "", at: path, adding: extra))])
    }
}

/// JSON text of a value, as the schemas are written.
func text(_ value: JSONValue) -> String {
    let data = try! JSONSerialization.data(withJSONObject: InputReference.foundationObject(value), options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

/// The paths messages give to the objects of `root`: `policy.loginSpread`, `accounts[0]`.
func objectPaths(_ root: InputObject) -> [String] {
    root.allObjects.map { $0.path.replacingOccurrences(of: "[]", with: "[0]") }
}

@Suite("Input reference")
struct InputReferenceTests {
    static func configurationProblems(_ json: String) throws -> [InputProblem] {
        let url = try write(json, named: "socialaudit.json")
        return problems { _ = try ConfigurationReader.load(url) }
    }

    static func inventoryProblems(_ json: String) -> [InputProblem] {
        problems { _ = try InventoryReader.read(Array(json.utf8), file: "inventory.json") }
    }

    @Test("docs/inputs.md is the reference generated from the declarations (regenerate: socialaudit inputs --format markdown > docs/inputs.md)")
    func referenceIsCurrent() throws {
        let file = try String(contentsOf: Invocation.repository.appendingPathComponent("docs/inputs.md"), encoding: .utf8)
        #expect(file == InputReference.render(format: .markdown))
    }

    @Test("docs/schemas/socialaudit.schema.json is the generated schema (regenerate: socialaudit inputs --schema configuration > docs/schemas/socialaudit.schema.json)")
    func configurationSchemaIsCurrent() throws {
        let file = try String(contentsOf: Invocation.repository.appendingPathComponent(InputReference.Schema.configuration.file), encoding: .utf8)
        #expect(file == InputReference.jsonSchema(for: .configuration))
    }

    @Test("docs/schemas/inventory.schema.json is the generated schema (regenerate: socialaudit inputs --schema inventory > docs/schemas/inventory.schema.json)")
    func inventorySchemaIsCurrent() throws {
        let file = try String(contentsOf: Invocation.repository.appendingPathComponent(InputReference.Schema.inventory.file), encoding: .utf8)
        #expect(file == InputReference.jsonSchema(for: .inventory))
    }

    @Test("a configuration with every declared key, $comment in every object, is accepted")
    func everyConfigurationKey() throws {
        let found = try Self.configurationProblems(text(sample(InputReference.configuration)))
        #expect(found.isEmpty, "\(found)")
    }

    @Test("an undeclared key is refused in every object of the configuration, with its path", arguments: objectPaths(InputReference.configuration))
    func undeclaredConfigurationKey(path: String) throws {
        let json = text(sample(InputReference.configuration, adding: (path, "undeclaredKey")))
        let found = try Self.configurationProblems(json)
        #expect(found.map(\.path) == [StrictJSON.join(path, "undeclaredKey")], "\(found)")
    }

    @Test("an inventory with every declared key, $comment in every object, is accepted")
    func everyInventoryKey() {
        let found = Self.inventoryProblems(text(sample(InputReference.inventory)))
        #expect(found.isEmpty, "\(found)")
    }

    @Test("an undeclared key is refused in every object of the inventory, with its path", arguments: objectPaths(InputReference.inventory))
    func undeclaredInventoryKey(path: String) {
        let found = Self.inventoryProblems(text(sample(InputReference.inventory, adding: (path, "undeclaredKey"))))
        #expect(found.map(\.path) == [StrictJSON.join(path, "undeclaredKey")], "\(found)")
    }

    @Test("each required inventory key, and only those, must be given", arguments: InputReference.inventory.allObjects.map(\.path))
    func requiredInventoryKeys(objectPath: String) throws {
        let object = try #require(InputReference.inventory.allObjects.first { $0.path == objectPath })
        let path = objectPath.replacingOccurrences(of: "[]", with: "[0]")
        for field in object.fields {
            let json = text(without(field.key, at: path, in: sample(InputReference.inventory)))
            let found = Self.inventoryProblems(json)
            if field.required {
                #expect(found.contains { $0.message.contains("the required key '\(field.key)' is missing") }, "\(path).\(field.key): \(found)")
            } else {
                #expect(found.isEmpty, "\(path).\(field.key) is optional: \(found)")
            }
        }
    }

    /// `value` with the key `key` of the object at `path` removed.
    func without(_ key: String, at path: String, in value: JSONValue, here: String = "") -> JSONValue {
        switch value {
        case let .object(members):
            let kept = here == path ? members.filter { $0.0 != key } : members
            return .object(kept.map { ($0.0, without(key, at: path, in: $0.1, here: StrictJSON.join(here, $0.0))) })
        case let .array(items):
            return .array(items.enumerated().map { without(key, at: path, in: $0.element, here: "\(here)[\($0.offset)]") })
        default:
            return value
        }
    }

    @Test("$schema is accepted at the top of the configuration and the inventory, and nowhere else")
    func schemaAtRoot() throws {
        #expect(try Self.configurationProblems(#"{"$schema": "https://example.org/socialaudit.schema.json"}"#).isEmpty)
        #expect(Self.inventoryProblems(#"{"$schema": "inventory.schema.json", "district": {"name": "D"}}"#).isEmpty)
        let nested = try Self.configurationProblems(#"{"policy": {"$schema": "x"}}"#)
        #expect(nested.map(\.path) == ["policy.$schema"])
    }

    @Test("$comment is accepted in nested objects, the policy's maps included")
    func commentsInNestedObjects() throws {
        let configuration = """
            {"$comment": "top", "policy": {"$comment": "p", "loginSpread": {"$comment": "l", "windowDays": 3},
             "lexicon": {"$comment": "words", "gambling": ["casino"]}, "severity": {"$comment": "s", "student.dm": "low"}},
             "mail": {"$comment": "m", "smtp": {"$comment": "relay", "host": "127.0.0.1"}}}
            """
        #expect(try Self.configurationProblems(configuration).isEmpty)
        let url = try write(configuration, named: "socialaudit.json")
        let policy = try ConfigurationReader.load(url).policy
        #expect(policy.lexicon == ["gambling": ["casino"]], "a comment is no lexicon category")
        #expect(policy.severity == ["student.dm": .low])
        let inventory = minimalJSON
            .replacingOccurrences(of: #""district": {"#, with: #""$comment": "top", "district": {"$comment": "d", "#)
            .replacingOccurrences(of: #"{"id": "pisgah-high","#, with: #"{"$comment": "s", "id": "pisgah-high","#)
            .replacingOccurrences(of: #"{"email": "mreed"#, with: #"{"$comment": "p", "email": "mreed"#)
            .replacingOccurrences(of: #"{"handle": "pisgahhigh""#, with: #"{"$comment": "a", "handle": "pisgahhigh""#)
        #expect(inventory.components(separatedBy: "$comment").count == 6)
        #expect(Self.inventoryProblems(inventory).isEmpty)
    }

    @Test("a $comment that is not a string is refused with its path")
    func commentMustBeText() throws {
        let found = try Self.configurationProblems(#"{"policy": {"loginSpread": {"$comment": 3}, "severity": {"$comment": ["x"]}}}"#)
        #expect(found.map(\.path) == ["policy.loginSpread.$comment", "policy.severity.$comment"])
        #expect(found.first?.message == "expected a string, found a number")
        let inventory = minimalJSON.replacingOccurrences(of: #"{"handle": "pisgahhigh""#, with: #"{"$comment": true, "handle": "pisgahhigh""#)
        #expect(Self.inventoryProblems(inventory).map(\.path) == ["accounts[0].$comment"])
    }

    @Test("a misspelt $schema or $comment is still an unknown key, with the nearest one")
    func misspeltAnnotations() throws {
        let found = try Self.configurationProblems(#"{"$schemas": "x", "policy": {"$coment": "y"}}"#)
        #expect(found.map(\.path) == ["$schemas", "policy.$coment"])
        #expect(found.first?.message.contains("unknown key '$schemas'; did you mean '$schema'?") == true)
        #expect(found.last?.message.contains("did you mean '$comment'?") == true)
    }

    @Test("the documented defaults are those a configuration without keys gives")
    func defaults() throws {
        let folder = ArchiveFixture.temporaryFolder()
        let configuration = try ConfigurationReader.load(nil, workingDirectory: folder)
        let paths: [(String, URL)] = [("inventory", configuration.inventory), ("roster", configuration.roster), ("archives", configuration.archives),
                                      ("out", configuration.out), ("state", configuration.state), ("reviews", configuration.reviews),
                                      ("templates", configuration.templates)]
        for (key, url) in paths {
            #expect(url.path == folder.appendingPathComponent(InputReference.configuration[key].defaultText).path, "\(key)")
        }
        #expect(configuration.timeZone.identifier == InputReference.configuration["timezone"].defaultText)
        let policy = configuration.policy
        #expect(InputReference.policy["staleAfterDays"].defaultValue == .integer(policy.staleAfterDays))
        #expect(InputReference.policy["officialClaimPhrases"].defaultValue == .texts(policy.officialClaimPhrases))
        #expect(InputReference.loginSpread["distinctIPs"].defaultValue == .integer(policy.loginSpread.distinctIPs))
        #expect(InputReference.loginSpread["windowDays"].defaultValue == .integer(policy.loginSpread.windowDays))
        #expect(MailSettings.defaultSMTPPort == 25 && MailSettings.defaultSendmail == "/usr/sbin/sendmail -t -oi")
    }

    @Test("the roster's columns are the reference's: a file with every declared column reads, its opt-out default is false")
    func rosterColumns() throws {
        let columns = InputReference.roster.fields
        #expect(RosterReader.requiredColumns + RosterReader.optionalColumns == columns.filter(\.required).map(\.key) + columns.filter { !$0.required }.map(\.key))
        let values = columns.map { field -> String in
            switch field.type {
            case .accountId: "88001"
            case .boolean: "true"
            default: "x"
            }
        }
        let csv = columns.map(\.key).joined(separator: ",") + "\n" + values.joined(separator: ",") + "\n"
        let roster = try RosterReader.read(Array(csv.utf8), file: "students.csv")
        #expect(roster.students.first?.directoryOptOut == true)
        let withoutOptOut = "student_id,school,first_name,last_name\nS1,x,A,B\n"
        #expect(try RosterReader.read(Array(withoutOptOut.utf8), file: "students.csv", optOutColumn: "none").students.first?.directoryOptOut == false)
    }

    @Test("the reference's examples are read by their readers without a problem")
    func examples() throws {
        #expect(try Self.configurationProblems(InputReference.Examples.configuration).isEmpty)
        #expect(Self.inventoryProblems(InputReference.Examples.inventoryJSON).isEmpty)
        let json = try InventoryReader.read(Array(InputReference.Examples.inventoryJSON.utf8), file: "inventory.json")
        let xml = try InventoryReader.read(Array(InputReference.Examples.inventoryXML.utf8), file: "inventory.xml")
        #expect(json.inventory == xml.inventory, "the JSON and XML examples say the same")
        #expect(try RosterReader.read(Array(InputReference.Examples.roster.utf8), file: "students.csv").students.count == 2)
        #expect(try ReviewsReader.read(Array(InputReference.Examples.reviews.utf8), file: "reviews.json").count == 1)
    }

    @Test("the terminal listing names every declared key of every input")
    func textListing() {
        let listing = InputReference.render(format: .text)
        let roots = [InputReference.configuration, InputReference.inventory, InputReference.roster, InputReference.review]
        for object in roots.flatMap(\.allObjects) {
            for key in object.keys {
                #expect(listing.contains("    \(key)  ("), "\(object.path).\(key)")
            }
        }
    }
}
