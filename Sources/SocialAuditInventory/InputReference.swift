import Foundation
import SocialAuditCore

/// The reference of every input the district writes: the configuration's keys, the inventory's
/// fields (JSON and XML), the roster's columns and the reviews file's fields, each with its type,
/// default and meaning.
///
/// The readers take their keys, ranges and defaults from these declarations, and docs/inputs.md
/// and the JSON Schemas in docs/schemas/ are rendered from them (`socialaudit inputs`), so what
/// the documents say and what the readers accept cannot drift apart.
public enum InputReference {
    /// A note for people in any object of the configuration and the inventory (the JSON Schema
    /// convention), so that a starter file can explain its fields inline.
    public static let commentKey = "$comment"
    /// The schema a file names at its top level, for editors.
    public static let schemaKey = "$schema"

    /// The inputs that have a JSON Schema.
    public enum Schema: String, CaseIterable, Sendable {
        case configuration, inventory

        /// The declaration of the file's top-level object.
        public var root: InputObject {
            switch self {
            case .configuration: InputReference.configuration
            case .inventory: InputReference.inventory
            }
        }

        /// Where the schema is kept in the repository, relative to its root.
        public var file: String {
            switch self {
            case .configuration: "docs/schemas/socialaudit.schema.json"
            case .inventory: "docs/schemas/inventory.schema.json"
            }
        }
    }

    static func comment(in file: String) -> InputField {
        InputField(commentKey, .text, "A note for whoever reads the file; socialaudit ignores it. Allowed in every object of the \(file).")
    }

    static func schema(_ schema: Schema) -> InputField {
        InputField(schemaKey, .text, "The JSON Schema the file follows, for an editor to check the file as it is typed: the address of a copy of `\(schema.file)` (`socialaudit inputs --schema \(schema.rawValue)` prints it). socialaudit ignores it.")
    }
}

/// The type of an input's value, as its reader checks it.
public indirect enum InputType: Sendable {
    case text
    /// A path, relative to the configuration file's folder.
    case path
    /// A time zone's IANA name.
    case timeZone
    /// The decimal digits of an account's numeric id (a string, or a number in JSON).
    case accountId
    /// A date written YYYY-MM-DD.
    case date
    case integer(ClosedRange<Int>)
    /// A number from 0 to 1.
    case share
    case boolean
    /// One of a closed set of words (a tier, a role, a severity).
    case choice([String])
    case texts
    /// An e-mail address that mail is sent to or from: `name@domain`, or `Name <name@domain>`
    /// (``MailAddress``); anything else is refused, as it would be written into a header.
    case mailbox
    /// A list of ``mailbox`` addresses.
    case mailboxes
    /// A list of rule ids (`socialaudit rules` lists them).
    case ruleIds
    case object(InputObject)
    /// A path, or an object that gives it as `file` beside other settings (`roster`).
    case pathOr(InputObject)
    case objects(InputObject)
    /// An object whose keys the district names (`keys` nil) or takes from a closed list, each
    /// with a value of one type; `keyName` says what a key is ("rule id", "category").
    case map(keyName: String, keys: [String]?, value: InputType)

    /// The declared range of an integer (a programming error for any other type).
    var range: ClosedRange<Int> {
        guard case let .integer(range) = self else { preconditionFailure("not an integer: \(self)") }
        return range
    }
}

/// What a reader uses when a key is absent.
public enum InputDefault: Sendable, Equatable {
    case text(String)
    case integer(Int)
    /// A number as JSON writes it (`0.5`).
    case number(String)
    case boolean(Bool)
    case texts([String])
    /// A default that is not a value of the file: "the district's first e-mail domain", "the shipped lexicon".
    case described(String)
}

/// How an inventory field is written in the XML form: single values are attributes, lists are
/// repeated child elements named in the singular.
public enum XMLForm: Sendable, Equatable {
    case attribute
    /// A repeated child element holding one value each: `<emailDomain>`.
    case repeated(String)
    /// A child element holding an object: `<district>`.
    case element(String)
    /// A child element holding a list of elements: `<schools>` of `<school>`.
    case list(String, item: String)
    /// The field exists only in JSON (`$schema`, `$comment`).
    case jsonOnly
}

/// One key of an input object (or one column of the roster).
public struct InputField: Sendable {
    public let key: String
    public let type: InputType
    public let required: Bool
    public let defaultValue: InputDefault?
    /// What the field means, in a sentence or two for the district's technician.
    public let meaning: String
    /// The inventory's XML form; nil for inputs that have none.
    public let xml: XMLForm?

    init(_ key: String, _ type: InputType, required: Bool = false, default defaultValue: InputDefault? = nil,
         xml: XMLForm? = nil, _ meaning: String) {
        self.key = key
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.meaning = meaning
        self.xml = xml
    }

    /// `$schema` and `$comment`: accepted when they hold a string, and ignored.
    public var isAnnotation: Bool { key.hasPrefix("$") }

    /// The default as text, for a reader whose default is a string (a path, a time zone).
    var defaultText: String {
        guard case let .text(text)? = defaultValue else { preconditionFailure("\(key) has no text default") }
        return text
    }
}

/// One object of an input: its fields in the order the reference lists them.
public struct InputObject: Sendable {
    /// Where the object sits, as messages name it: `policy.loginSpread`, `accounts[]`; empty for the top level.
    public let path: String
    /// What the object holds.
    public let meaning: String
    public let fields: [InputField]
    /// The keys a reader accepts, `$schema` and `$comment` aside (kept, as every object read asks).
    public let keys: [String]
    /// `$schema` and `$comment`, where the object accepts them.
    public let annotations: [String]

    init(_ path: String, _ meaning: String, _ fields: [InputField]) {
        self.path = path
        self.meaning = meaning
        self.fields = fields
        keys = fields.filter { !$0.isAnnotation }.map(\.key)
        annotations = fields.filter(\.isAnnotation).map(\.key)
    }

    public func has(_ key: String) -> Bool { fields.contains { $0.key == key } }

    /// The field `key`; asking for an undeclared one is a programming error (a reader reading a
    /// key the reference does not list).
    public subscript(_ key: String) -> InputField {
        guard let field = fields.first(where: { $0.key == key }) else {
            preconditionFailure("'\(key)' is not declared in '\(path)'")
        }
        return field
    }

    /// The objects nested in this one, this one first, depth first in declared order.
    public var allObjects: [InputObject] {
        [self] + fields.flatMap { field -> [InputObject] in
            switch field.type {
            case let .object(nested), let .objects(nested), let .pathOr(nested): nested.allObjects
            default: []
            }
        }
    }
}
