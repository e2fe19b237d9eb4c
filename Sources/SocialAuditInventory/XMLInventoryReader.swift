import CLibXML2
import Foundation
import SocialAuditCore

/// Reads the XML inventory through libxml2 and checks it against the shipped schema
/// (`inventory.xsd`, namespace `urn:socialaudit:inventory:1`).
///
/// The parser never reaches the network or the file system on the document's behalf
/// (`XML_PARSE_NONET`, no DTD loading, an external-entity loader that refuses everything), never
/// expands entities, and refuses a document type declaration that declares any entity: the
/// declaration stops the parser before a single reference can be expanded, so an external
/// entity (XXE) reads nothing and a billion-laughs document is refused at once.
enum XMLInventoryReader {
    static let namespace = "urn:socialaudit:inventory:1"

    static func read(_ bytes: [UInt8], file: String) throws(InputError) -> LoadedInventory {
        LibXML.setUp()
        let diagnostics = XMLDiagnostics(file: file)
        guard let document = parse(bytes, file: file, diagnostics: diagnostics) else {
            throw InputError(diagnostics.problems.isEmpty
                ? [InputProblem(file: file, message: "not a well-formed XML document")] : diagnostics.problems)
        }
        defer { xmlFreeDoc(document) }

        guard let root = xmlDocGetRootElement(document) else {
            throw InputError(InputProblem(file: file, message: "the XML document has no root element; expected <inventory xmlns=\"\(namespace)\">"))
        }
        let rootNamespace = root.pointee.ns.map { String(cString: $0.pointee.href) }
        if XMLNode.name(root) != "inventory" || rootNamespace != namespace {
            let found = rootNamespace.map { "<\(XMLNode.name(root))> in namespace '\($0)'" } ?? "<\(XMLNode.name(root))> without a namespace"
            throw InputError(InputProblem(file: file, line: XMLNode.line(root),
                                          message: "expected the root element <inventory xmlns=\"\(namespace)\">, found \(found)"))
        }
        validate(document, diagnostics: diagnostics)
        if !diagnostics.problems.isEmpty { throw InputError(diagnostics.problems) }
        let loaded = model(root, file: file, diagnostics: diagnostics)
        if !diagnostics.problems.isEmpty { throw InputError(diagnostics.problems) }
        return loaded
    }

    /// Parses with entity declarations refused; nil when the document is not usable.
    private static func parse(_ bytes: [UInt8], file: String, diagnostics: XMLDiagnostics) -> xmlDocPtr? {
        guard let context = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(context) }
        let box = Unmanaged.passUnretained(diagnostics).toOpaque()
        context.pointee._private = box
        // Every entity declaration, general or parameter, internal or external, stops the parser.
        context.pointee.sax.pointee.entityDecl = { ctx, name, _, _, _, _ in
            guard let parser = ctx?.assumingMemoryBound(to: xmlParserCtxt.self),
                  let privateBox = parser.pointee._private else { return }
            let diagnostics = Unmanaged<XMLDiagnostics>.fromOpaque(privateBox).takeUnretainedValue()
            if diagnostics.refusedEntity == nil {
                let line = parser.pointee.input.map { Int($0.pointee.line) }
                diagnostics.refusedEntity = (name.map { String(cString: $0) } ?? "?", line)
            }
            xmlStopParser(parser)
        }
        context.pointee.sax.pointee.serror = { _, error in
            // The context's user data is the parser context itself; the diagnostics hang off it.
            guard let error, let parser = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self),
                  let privateBox = parser.pointee._private else { return }
            Unmanaged<XMLDiagnostics>.fromOpaque(privateBox).takeUnretainedValue().record(error)
        }
        let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                xmlCtxtReadMemory(context, pointer, Int32(buffer.count), file, nil, options)
            }
        }
        if let (name, line) = diagnostics.refusedEntity {
            if let document { xmlFreeDoc(document) }
            diagnostics.problems = [InputProblem(
                file: file, line: line,
                message: "the document type declaration defines the entity '\(name)'; entity declarations are refused (no external or expanding entities are read). Remove the <!DOCTYPE …> declaration")]
            return nil
        }
        guard let document else { return nil }
        if context.pointee.wellFormed == 0 || !diagnostics.problems.isEmpty {
            xmlFreeDoc(document)
            return nil
        }
        return document
    }

    private static func validate(_ document: xmlDocPtr, diagnostics: XMLDiagnostics) {
        guard let schema = LibXML.schema else {
            diagnostics.problems.append(InputProblem(file: diagnostics.file, message: "the inventory schema that ships with socialaudit could not be loaded: \(LibXML.schemaFailure)"))
            return
        }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return }
        defer { xmlSchemaFreeValidCtxt(context) }
        xmlSchemaSetValidStructuredErrors(context, { box, error in
            guard let box, let error else { return }
            Unmanaged<XMLDiagnostics>.fromOpaque(box).takeUnretainedValue().record(error)
        }, Unmanaged.passUnretained(diagnostics).toOpaque())
        let result = xmlSchemaValidateDoc(context, document)
        if result != 0 && diagnostics.problems.isEmpty {
            diagnostics.problems.append(InputProblem(file: diagnostics.file, message: "the inventory does not follow its schema"))
        }
    }

    // MARK: The model

    private static func model(_ root: xmlNodePtr, file: String, diagnostics: XMLDiagnostics) -> LoadedInventory {
        var district = District(name: "")
        var schools: [School] = [], schoolPlaces: [InputPlace] = []
        var people: [Person] = [], personPlaces: [InputPlace] = []
        var accounts: [InventoryAccount] = [], accountPlaces: [InputPlace] = []
        func place(_ node: xmlNodePtr) -> InputPlace { InputPlace(line: XMLNode.line(node)) }
        func recipients(_ nodes: [xmlNodePtr]) -> [String] { Self.recipients(nodes, file: file, diagnostics: diagnostics) }

        for section in XMLNode.children(root) {
            switch XMLNode.name(section) {
            case "district":
                readDistrict(section, into: &district, recipients: recipients)
            case "schools":
                for node in XMLNode.children(section) {
                    schools.append(school(node, recipients: recipients))
                    schoolPlaces.append(place(node))
                }
            case "people":
                for node in XMLNode.children(section) {
                    people.append(person(node))
                    personPlaces.append(place(node))
                }
            case "accounts":
                for node in XMLNode.children(section) {
                    accounts.append(account(node))
                    accountPlaces.append(place(node))
                }
            default:
                break
            }
        }
        return LoadedInventory(
            inventory: Inventory(district: district, schools: schools, people: people, accounts: accounts),
            file: file, format: .xml, schoolPlaces: schoolPlaces, personPlaces: personPlaces,
            accountPlaces: accountPlaces, notes: [])
    }

    /// `<district>`: its name, and its domains, websites and recipients added to what was read.
    private static func readDistrict(_ section: xmlNodePtr, into district: inout District,
                                     recipients: ([xmlNodePtr]) -> [String]) {
        district.name = XMLNode.attribute(section, "name") ?? ""
        for item in XMLNode.children(section) {
            let text = XMLNode.text(item)
            switch XMLNode.name(item) {
            case "emailDomain": district.emailDomains.append(text)
            case "website": district.websites.append(text)
            case "reportRecipient": district.reportRecipients += recipients([item])
            default: break
            }
        }
    }

    private static func school(_ node: xmlNodePtr, recipients: ([xmlNodePtr]) -> [String]) -> School {
        School(id: XMLNode.attribute(node, "id") ?? "", name: XMLNode.attribute(node, "name") ?? "",
               reportRecipients: recipients(XMLNode.children(node)))
    }

    private static func person(_ node: xmlNodePtr) -> Person {
        let email = XMLNode.attribute(node, "email") ?? ""
        return Person(email: email, name: XMLNode.attribute(node, "name") ?? email,
                      role: Role(rawValue: XMLNode.attribute(node, "role") ?? "") ?? .staff,
                      school: XMLNode.attribute(node, "school") ?? "")
    }

    private static func account(_ node: xmlNodePtr) -> InventoryAccount {
        let items = XMLNode.children(node)
        return InventoryAccount(
            handle: XMLNode.attribute(node, "handle") ?? "",
            accountId: XMLNode.attribute(node, "accountId"),
            tier: Tier(rawValue: XMLNode.attribute(node, "tier") ?? "") ?? .primary,
            school: XMLNode.attribute(node, "school"),
            createdBy: XMLNode.attribute(node, "createdBy").flatMap(CreatedBy.init(rawValue:)),
            organization: XMLNode.attribute(node, "organization"),
            managers: items.filter { XMLNode.name($0) == "manager" }.map(XMLNode.text),
            assignedBy: XMLNode.attribute(node, "assignedBy"),
            registeredEmail: XMLNode.attribute(node, "registeredEmail"),
            emailRoutesTo: items.filter { XMLNode.name($0) == "emailRoutesTo" }.map(XMLNode.text),
            owner: XMLNode.attribute(node, "owner"))
    }
}

extension XMLInventoryReader {
    /// The `<reportRecipient>` elements' addresses; one that is not one address is refused at its element's line.
    fileprivate static func recipients(_ nodes: [xmlNodePtr], file: String, diagnostics: XMLDiagnostics) -> [String] {
        nodes.compactMap { node in
            InputAddresses.checked(XMLNode.text(node)) { message in
                diagnostics.problems.append(InputProblem(file: file, line: XMLNode.line(node), message: "<reportRecipient>: \(message)"))
            }
        }
    }
}

/// Collects libxml2's structured errors as input problems with file, line and column.
final class XMLDiagnostics {
    let file: String
    var problems: [InputProblem] = []
    var refusedEntity: (name: String, line: Int?)?

    init(file: String) {
        self.file = file
    }

    func record(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        guard e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = e.message.map { String(cString: $0) } ?? "an XML error"
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "{\(XMLInventoryReader.namespace)}", with: "")
        let line = e.line > 0 ? Int(e.line) : nil
        // For parser errors libxml2 puts the column in int2; schema errors carry only the line.
        let column = e.domain == Int32(XML_FROM_PARSER.rawValue) && e.int2 > 0 ? Int(e.int2) : nil
        problems.append(InputProblem(file: file, line: line, column: column, message: message))
    }
}

/// Small helpers over libxml2's tree.
enum XMLNode {
    static func name(_ node: xmlNodePtr) -> String { String(cString: node.pointee.name) }

    static func line(_ node: xmlNodePtr) -> Int? {
        let line = Int(xmlGetLineNo(node))
        return line > 0 ? line : nil
    }

    /// The element children of `node`, in order.
    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    /// An attribute's value with white space collapsed (as the schema's token type reads it); nil when absent.
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { socialaudit_xml_free(value) }
        return collapse(String(cString: value))
    }

    static func text(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { socialaudit_xml_free(value) }
        return collapse(String(cString: value))
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}

/// libxml2's process-wide set-up: no external entity is ever loaded, and the shipped schema is
/// parsed once.
enum LibXML {
    private static let once: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    static func setUp() {
        _ = once
        socialaudit_xml_silence()
    }

    nonisolated(unsafe) private static var schemaFailureText = ""
    static var schemaFailure: String { _ = schema; return schemaFailureText }

    /// The compiled schema (immutable once parsed; libxml2 allows sharing it between validations).
    nonisolated(unsafe) static let schema: xmlSchemaPtr? = {
        setUp()
        // Compiled into the binary (`embedInCode`): nothing to install beside it.
        let bytes = PackageResources.inventory_xsd
        // The parser context reads the buffer while parsing, so the whole parse happens inside
        // the closure that keeps the buffer alive.
        let schema: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                guard let parserContext = xmlSchemaNewMemParserCtxt(pointer, Int32(buffer.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parserContext) }
                xmlSchemaSetParserStructuredErrors(parserContext, { _, _ in }, nil)
                return xmlSchemaParse(parserContext)
            }
        }
        guard let schema else {
            schemaFailureText = "inventory.xsd is not a valid schema"
            return nil
        }
        return schema
    }()
}
