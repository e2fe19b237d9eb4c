import Foundation
import Mustache

/// A faster way to render the templates swift-mustache has parsed, for the values the reports
/// give them (text, numbers, booleans, lists and dictionaries of them).
///
/// Why by hand: swift-mustache looks every name up through dynamic casts (is the object a
/// custom representation? a parent? a lambda? a sequence?) and `Mirror`, about 65 µs per
/// finding on a school's page — 35 ms for a page of 560 findings, most of an unchanged
/// nightly run. Here the context is turned once into plain values and the parsed template
/// into steps, and a page renders in a tenth of that.
///
/// It does not parse: the steps are read from swift-mustache's own parsed template (its tokens
/// are not public, so through `Mirror`), so that a template means exactly what the library
/// says, standalone lines and partials' indentation included, and its syntax errors are the
/// library's. It renders as the library's renderer does (`Template+Render.swift`) for the
/// tokens and values the reports use. Anything else — set delimiters are fine (parsing is the
/// library's), but inheritance blocks, transforms such as `{{first()}}`, lambdas, a value of
/// another type, or tokens of a shape this does not know (a newer swift-mustache) — makes
/// ``ReportTemplates`` render that template with the library instead, so a district's own
/// templates always render as documented. Tests hold both renderers to the same bytes.
struct CompiledTemplate: Sendable {
    indirect enum Step: Sendable {
        case text([UInt8])
        case variable(Path, escaped: Bool)
        case section(Path, [Step], inverted: Bool)
        case partial(String, indentation: [UInt8]?)
        case contentType(Escaping)
    }

    /// A name as the library resolves it: `.`, `.a.b` (the innermost object only), or `a.b`
    /// (the innermost object that has `a`).
    enum Path: Sendable {
        case current
        case top([String])
        case stack([String])

        init(_ name: String) {
            if name == "." {
                self = .current
            } else if name.first == "." {
                self = .top(name.split(separator: ".").map(String.init))
            } else {
                self = .stack(name.split(separator: ".").map(String.init))
            }
        }
    }

    enum Escaping: Sendable {
        /// ``ByteHTMLEscaping``, done here on the output bytes.
        case htmlBytes
        /// Any other content type (`TEXT`, a registered one): its own `escapeText`.
        case other(any MustacheContentType)
        /// What a partial starts with: the library's own HTML escaping, which is not public.
        /// Every template ``ReportTemplates`` loads starts with a content-type pragma.
        case libraryDefault
    }

    let steps: [Step]

    /// Nil when the template holds something this renderer leaves to the library.
    init?(_ template: MustacheTemplate) {
        guard let steps = Self.steps(of: template) else { return nil }
        self.steps = steps
    }

    private static func steps(of template: MustacheTemplate) -> [Step]? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else {
            return nil
        }
        var steps: [Step] = []
        steps.reserveCapacity(tokens.count)
        for token in tokens {
            let mirror = Mirror(reflecting: token)
            guard mirror.displayStyle == .enum, let (kind, payload) = mirror.children.first.map({ ($0.label, $0.value) }) else {
                return nil
            }
            if kind == "text" {
                guard let text = payload as? String else { return nil }
                steps.append(.text(Array(text.utf8)))
                continue
            }
            let fields = Dictionary(Mirror(reflecting: payload).children.map { ($0.label ?? "", $0.value) }, uniquingKeysWith: { a, _ in a })
            switch kind {
            case "variable", "unescapedVariable":
                guard let name = fields["name"] as? String, let transforms = fields["transforms"] as? [String], transforms.isEmpty else {
                    return nil
                }
                steps.append(.variable(Path(name), escaped: kind == "variable"))
            case "section", "invertedSection":
                guard let name = fields["name"] as? String, let transforms = fields["transforms"] as? [String], transforms.isEmpty,
                      let inner = fields["template"] as? MustacheTemplate, let innerSteps = Self.steps(of: inner) else {
                    return nil
                }
                steps.append(.section(Path(name), innerSteps, inverted: kind == "invertedSection"))
            case "partial":
                guard let name = fields[".0"] as? String, let indentation = fields["indentation"], let inherits = fields["inherits"],
                      isNil(inherits) else {
                    return nil
                }
                if isNil(indentation) {
                    steps.append(.partial(name, indentation: nil))
                } else if let text = indentation as? String {
                    steps.append(.partial(name, indentation: Array(text.utf8)))
                } else {
                    return nil
                }
            case "contentType":
                guard let type = payload as? any MustacheContentType else { return nil }
                steps.append(.contentType(type is ByteHTMLEscaping ? .htmlBytes : .other(type)))
            default:
                // Inheritance blocks, dynamic partials, and whatever a newer library adds.
                return nil
            }
        }
        return steps
    }

    private static func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }
}

/// A value of the context, taken out of `Any` when the template reaches it (a context has
/// thousands of values; converting them all first cost as much as rendering).
enum TemplateValue {
    case text(String)
    case integer(Int)
    case boolean(Bool)
    case object([String: Any])
    case textObject([String: String])
    case objects([[String: Any]])
    case textObjects([[String: String]])
    case texts([String])
    case values([Any])

    /// Nil for a value of a type the library would treat in a way this renderer does not
    /// (an optional, a custom renderable, a lambda, a struct read through `Mirror`, …).
    init?(_ value: Any) {
        // The types the reports use, by their exact type first: a cast that fails is slow.
        let type = Swift.type(of: value)
        if type == String.self {
            self = .text(value as! String)
        } else if type == [String: Any].self {
            self = .object(value as! [String: Any])
        } else if type == Int.self {
            self = .integer(value as! Int)
        } else if type == Bool.self {
            self = .boolean(value as! Bool)
        } else if type == [[String: Any]].self {
            self = .objects(value as! [[String: Any]])
        } else if type == [String].self {
            self = .texts(value as! [String])
        } else if type == [[String: String]].self {
            self = .textObjects(value as! [[String: String]])
        } else if type == [String: String].self {
            self = .textObject(value as! [String: String])
        } else if let object = value as? [String: Any] {
            self = .object(object)
        } else if let list = value as? [Any] {
            self = .values(list)
        } else {
            return nil
        }
    }

    /// A dictionary's value for `name`: nil when it has none.
    func child(_ name: String) throws(TemplateRendering.Unsupported) -> TemplateValue? {
        switch self {
        case let .object(values):
            guard let value = values[name] else { return nil }
            guard let converted = TemplateValue(value) else { throw TemplateRendering.Unsupported() }
            return converted
        case let .textObject(values):
            return values[name].map { .text($0) }
        default:
            // Text, numbers and lists have no named children (the library's Mirror finds none).
            return nil
        }
    }

    var isList: Bool {
        switch self {
        case .objects, .textObjects, .texts, .values: true
        default: false
        }
    }

    /// A list's items, in order.
    func items() throws(TemplateRendering.Unsupported) -> [TemplateValue] {
        switch self {
        case let .objects(list): return list.map { .object($0) }
        case let .textObjects(list): return list.map { .textObject($0) }
        case let .texts(list): return list.map { .text($0) }
        case let .values(list):
            var items: [TemplateValue] = []
            for item in list {
                guard let converted = TemplateValue(item) else { throw TemplateRendering.Unsupported() }
                items.append(converted)
            }
            return items
        default: return []
        }
    }
}

/// One rendering: the output bytes and the partials it may include.
struct TemplateRendering {
    struct Unsupported: Error {}

    let partials: [String: CompiledTemplate]
    /// Templates of the library that could not be compiled: a partial of these is the library's to render.
    let uncompiled: Set<String>
    var out: [UInt8] = []
    var stack: [TemplateValue] = []

    init(partials: [String: CompiledTemplate], uncompiled: Set<String>, capacity: Int = 1 << 14) {
        self.partials = partials
        self.uncompiled = uncompiled
        out.reserveCapacity(capacity)
    }

    /// One template's steps, as `MustacheTemplate.render(context:)`: each step's output after a
    /// line break of this template's own output gets the partial's indentation first.
    mutating func render(_ steps: [CompiledTemplate.Step], escaping: CompiledTemplate.Escaping, indentation: [UInt8]?) throws(Unsupported) {
        var escaping = escaping
        let start = out.count
        let indent = indentation.flatMap { $0.isEmpty ? nil : $0 }
        for step in steps {
            let before = out.count
            switch step {
            case let .text(bytes):
                out.append(contentsOf: bytes)
            case let .variable(path, escaped):
                guard let value = try lookup(path) else { break }
                switch value {
                case let .text(text): try append(text, escaping: escaped ? escaping : nil)
                case let .integer(number): try append(String(number), escaping: escaped ? escaping : nil)
                case let .boolean(flag): try append(flag ? "true" : "false", escaping: escaped ? escaping : nil)
                default: throw Unsupported()  // the library prints Swift's description of lists and dictionaries
                }
            case let .section(path, inner, inverted):
                let value = try lookup(path)
                if inverted {
                    switch value {
                    case .none: try render(inner, escaping: escaping, indentation: indentation)
                    case let .boolean(flag): if !flag { try render(inner, escaping: escaping, indentation: indentation) }
                    case let .some(list) where list.isList:
                        if try list.items().isEmpty { try renderPushing(list, inner, escaping: escaping, indentation: indentation) }
                    default: break
                    }
                } else {
                    switch value {
                    case .none: break
                    case let .boolean(flag): if flag { try render(inner, escaping: escaping, indentation: indentation) }
                    case let .some(list) where list.isList:
                        for item in try list.items() { try renderPushing(item, inner, escaping: escaping, indentation: indentation) }
                    case let .some(item): try renderPushing(item, inner, escaping: escaping, indentation: indentation)
                    }
                }
            case let .partial(name, indented):
                guard let partial = partials[name] else {
                    if uncompiled.contains(name) { throw Unsupported() }
                    break  // as the library: a partial it does not have renders as nothing
                }
                let nested: [UInt8]? = indented.map { (indentation ?? []) + $0 } ?? indentation
                try render(partial.steps, escaping: .libraryDefault, indentation: nested)
            case let .contentType(type):
                escaping = type
            }
            if let indent, out.count > before, before > start, out[before - 1] == 0x0A,
               !(before - 2 >= start && out[before - 2] == 0x0D) {
                out.insert(contentsOf: indent, at: before)
            }
        }
    }

    private mutating func renderPushing(_ value: TemplateValue, _ steps: [CompiledTemplate.Step], escaping: CompiledTemplate.Escaping,
                                        indentation: [UInt8]?) throws(Unsupported) {
        stack.append(value)
        defer { stack.removeLast() }
        try render(steps, escaping: escaping, indentation: indentation)
    }

    private func lookup(_ path: CompiledTemplate.Path) throws(Unsupported) -> TemplateValue? {
        switch path {
        case .current:
            return stack.last
        case let .top(names):
            guard let top = stack.last else { return nil }
            return try descend(top, names[...])
        case let .stack(names):
            guard let first = names.first else { return stack.last }
            for object in stack.reversed() {
                if let child = try object.child(first) {
                    return try descend(child, names.dropFirst())
                }
            }
            return nil
        }
    }

    private func descend(_ value: TemplateValue, _ names: ArraySlice<String>) throws(Unsupported) -> TemplateValue? {
        var value = value
        for name in names {
            guard let child = try value.child(name) else { return nil }
            value = child
        }
        return value
    }

    private mutating func append(_ text: String, escaping: CompiledTemplate.Escaping?) throws(Unsupported) {
        switch escaping {
        case .none:
            out.append(contentsOf: text.utf8)
        case .htmlBytes:
            var text = text
            let clean = text.withUTF8 { bytes in
                // Most values have nothing to escape: copied whole.
                guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
                    out.append(contentsOf: bytes)
                    return true
                }
                return false
            }
            if clean { return }
            for byte in text.utf8 {
                switch byte {
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])              // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])              // &gt;
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])        // &amp;
                case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])        // &#39;
                default: out.append(byte)
                }
            }
        case let .other(type):
            out.append(contentsOf: type.escapeText(text).utf8)
        case .libraryDefault:
            throw Unsupported()
        }
    }
}
