import Foundation
import Testing
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditInventory
import SocialAuditJSON

/// Where `value` breaks `schema`, for the keywords the schemas use to say what the readers
/// accept: type, properties, additionalProperties, required, propertyNames, enum, items,
/// pattern, minimum and maximum. Enough to catch a schema that disagrees with the readers, not a validator.
func violations(of value: JSONValue, against schema: JSONValue, at path: String = "") -> [String] {
    if let type = schema["type"] {
        let types = type.elements.isEmpty ? [type.text ?? ""] : type.elements.compactMap(\.text)
        guard types.contains(where: { matches(value, $0) }) else { return ["\(path): \(value.kindName), not \(types)"] }
    }
    var found: [String] = []
    if let allowed = schema["enum"]?.elements, !allowed.contains(value) { found.append("\(path): not one of the enum") }
    if case let .string(text) = value, let pattern = schema["pattern"]?.text, text.range(of: pattern, options: .regularExpression) == nil {
        found.append("\(path): does not match \(pattern)")
    }
    if case let .number(text) = value, let number = Double(text) {
        if let minimum = schema["minimum"]?.text.flatMap(Double.init), number < minimum { found.append("\(path): below the minimum") }
        if let maximum = schema["maximum"]?.text.flatMap(Double.init), number > maximum { found.append("\(path): above the maximum") }
    }
    switch value {
    case let .object(members):
        for key in schema["required"]?.elements.compactMap(\.text) ?? [] where value[key] == nil {
            found.append("\(path): lacks '\(key)'")
        }
        let names = schema["propertyNames"]?["enum"]?.elements
        for (key, member) in members {
            let place = StrictJSON.join(path, key)
            if let names, !names.contains(.string(key)) { found.append("\(place): not an allowed name") }
            if let property = schema["properties"]?[key] {
                found += violations(of: member, against: property, at: place)
            } else if let extra = schema["additionalProperties"] {
                if extra == .bool(false) { found.append("\(place): not allowed") } else { found += violations(of: member, against: extra, at: place) }
            }
        }
    case let .array(items):
        if let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { found += violations(of: item, against: itemSchema, at: "\(path)[\(index)]") }
        }
    default:
        break
    }
    return found
}

func matches(_ value: JSONValue, _ type: String) -> Bool {
    switch (value, type) {
    case (.object, "object"), (.array, "array"), (.string, "string"), (.bool, "boolean"), (.number, "number"), (.null, "null"): true
    case let (.number(text), "integer"): Int(text) != nil
    default: false
    }
}

func parsed(_ text: String) throws -> JSONValue {
    try StrictJSON.parse(file: "(test)", bytes: Array(text.utf8)).1
}

func schema(_ which: InputReference.Schema) throws -> JSONValue {
    try parsed(InputReference.jsonSchema(for: which))
}

@Suite("Input schemas")
struct InputSchemaTests {
    @Test("each schema is valid JSON of draft 2020-12 with its id, closed at every level", arguments: InputReference.Schema.allCases)
    func wellFormed(_ which: InputReference.Schema) throws {
        let data = Data(InputReference.jsonSchema(for: which).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(object["$id"] as? String == "urn:socialaudit:schema:\(which.rawValue):1")
        #expect(object["additionalProperties"] as? Bool == false)
        #expect(InputReference.jsonSchema(for: which).hasSuffix("}\n"))
        let properties = try #require(object["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(which.root.fields.map(\.key)))
    }

    @Test("the samples follow their schemas")
    func samples() throws {
        let configuration = try String(contentsOf: sampleFolder.appendingPathComponent("socialaudit.json"), encoding: .utf8)
        #expect(violations(of: try parsed(configuration), against: try schema(.configuration)) == [])
        let inventory = try String(contentsOf: sampleFolder.appendingPathComponent("inventory.json"), encoding: .utf8)
        #expect(violations(of: try parsed(inventory), against: try schema(.inventory)) == [])
    }

    @Test("files with every declared key, and the reference's examples, follow their schemas")
    func everyKeyAndExamples() throws {
        #expect(violations(of: sample(InputReference.configuration), against: try schema(.configuration)) == [])
        #expect(violations(of: sample(InputReference.inventory), against: try schema(.inventory)) == [])
        #expect(violations(of: try parsed(InputReference.Examples.configuration), against: try schema(.configuration)) == [])
        #expect(violations(of: try parsed(InputReference.Examples.inventoryJSON), against: try schema(.inventory)) == [])
    }

    /// Mistakes the configuration reader refuses; the schema must flag each of them too.
    static let configurationErrors = [
        #"{"inventry": "inventory.json"}"#,
        #"{"$schemas": "socialaudit.schema.json"}"#,
        #"{"policy": {"$comment": 3}}"#,
        #"{"policy": {"staleAfterDays": "soon"}}"#,
        #"{"policy": {"staleAfterDays": 0}}"#,
        #"{"policy": {"loginSpread": {"distinctIPs": 10001}}}"#,
        #"{"policy": {"loginSpread": {"windowDay": 3}}}"#,
        #"{"policy": {"severity": {"student.dms": "low"}}}"#,
        #"{"policy": {"severity": {"student.dm": "urgent"}}}"#,
        #"{"policy": {"disabledRules": ["acount.created-by"]}}"#,
        #"{"policy": {"lexicon": {"gambling": "casino"}}}"#,
        #"{"mail": {"smtp": {"host": "127.0.0.1", "port": 99999}}}"#,
        #"{"mail": {"smtp": "127.0.0.1"}}"#,
    ]

    @Test("the configuration's schema flags what its reader refuses", arguments: configurationErrors)
    func configurationFlagged(_ json: String) throws {
        let url = try write(json, named: "socialaudit.json")
        #expect(!problems { _ = try ConfigurationReader.load(url) }.isEmpty, "the reader refuses it")
        #expect(!violations(of: try parsed(json), against: try schema(.configuration)).isEmpty, "the schema flags it")
    }

    static let inventoryErrors = [
        #"{}"#,
        #"{"district": {}}"#,
        #"{"district": {"name": "D"}, "schools": [{"id": "a"}]}"#,
        #"{"district": {"name": "D"}, "people": [{"email": "a@b", "role": "coach", "school": "district"}]}"#,
        #"{"district": {"name": "D"}, "accounts": [{"handle": "a", "tier": "unregistered"}]}"#,
        #"{"district": {"name": "D"}, "accounts": [{"handle": "a", "tier": "primary", "accountId": "12x"}]}"#,
        #"{"district": {"name": "D"}, "accounts": [{"handle": "a", "tier": "primary", "managr": ["m@b"]}]}"#,
        #"{"district": {"name": "D", "$comment": false}}"#,
    ]

    @Test("the inventory's schema flags what its reader refuses", arguments: inventoryErrors)
    func inventoryFlagged(_ json: String) throws {
        #expect(!problems { _ = try InventoryReader.read(Array(json.utf8), file: "inventory.json") }.isEmpty, "the reader refuses it")
        #expect(!violations(of: try parsed(json), against: try schema(.inventory)).isEmpty, "the schema flags it")
    }

    @Test("the XML forms the reference gives are those of inventory.xsd, required attributes alike")
    func xmlFormsMatchTheXSD() throws {
        let xsd = try String(contentsOf: Invocation.repository.appendingPathComponent("Sources/SocialAuditInventory/Resources/inventory.xsd"), encoding: .utf8)
        let types = ["district": "District", "schools[]": "School", "people[]": "Person", "accounts[]": "Account"]
        for object in InputReference.inventory.allObjects.dropFirst() {
            let type = try #require(types[object.path])
            let body = try #require(xsd.components(separatedBy: #"<xs:complexType name="\#(type)">"#).dropFirst().first?
                .components(separatedBy: "</xs:complexType>").first)
            let fields = object.fields.filter { !$0.isAnnotation }
            #expect(Set(names("attribute", in: body)) == Set(fields.filter { $0.xml == .attribute }.map(\.key)), "\(type)")
            #expect(Set(names("attribute", in: body, requiredOnly: true)) == Set(fields.filter { $0.xml == .attribute && $0.required }.map(\.key)), "\(type)")
            let repeated = fields.compactMap { field -> String? in
                if case let .repeated(name)? = field.xml { return name }
                return nil
            }
            #expect(Set(names("element", in: body)) == Set(repeated), "\(type)")
        }
        let lists = InputReference.inventory.fields.compactMap { field -> [String]? in
            switch field.xml {
            case let .element(name)?: [name]
            case let .list(name, item)?: [name, item]
            default: nil
            }
        }
        for name in lists.joined() { #expect(xsd.contains(#"<xs:element name="\#(name)""#), "\(name)") }
    }

    /// The names of the `xs:attribute` or `xs:element` declarations in a piece of the XSD.
    func names(_ kind: String, in body: String, requiredOnly: Bool = false) -> [String] {
        body.components(separatedBy: "<xs:\(kind) ").dropFirst().compactMap { declaration in
            let tag = declaration.prefix { $0 != ">" }
            if requiredOnly && !tag.contains(#"use="required""#) { return nil }
            return tag.components(separatedBy: #"name=""#).dropFirst().first?.components(separatedBy: "\"").first
        }
    }
}
