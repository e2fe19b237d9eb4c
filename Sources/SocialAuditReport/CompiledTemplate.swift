import Foundation
import Mustache

/// The report templates, parsed and rendered here for the values the reports give them (text,
/// numbers, booleans, lists and dictionaries of them); swift-mustache is the reference and
/// handles everything else.
///
/// Why by hand: swift-mustache looks every name up through dynamic casts (is the object a
/// custom representation? a parent? a lambda? a sequence?) and `Mirror` for every finding on
/// a school's page, and its parser measures the rest of the template at every tag. Both were
/// most of an unchanged nightly run (docs/performance.md has the figures). Here a template is read once, in one pass over its bytes,
/// into steps, and a page renders in a tenth of the time.
///
/// It follows the library's own parser and renderer (`Template+Parser.swift`,
/// `Template+Render.swift`) to the byte, standalone lines and partials' indentation included,
/// for the tags the reports use: variables, `{{{ }}}` and `{{& }}`, sections and inverted
/// sections, comments, partials and the content-type pragma. A template with anything else —
/// set delimiters, inheritance blocks, transforms such as `{{first()}}`, dynamic partials, a
/// syntax error, a line end other than LF or CRLF, a character that combines with the
/// template's punctuation — is parsed and rendered by the library, which also reports its
/// syntax errors; so is a context value of another type. A district's own templates therefore
/// always render as swift-mustache documents them. Tests hold both to the same bytes on the
/// shipped templates and on thousands of random ones.
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
        /// `TEXT`: nothing is escaped.
        case identity
        /// What a partial starts with: the library's own HTML escaping, which is not public.
        /// Every template ``ReportTemplates`` loads starts with a content-type pragma.
        case libraryDefault
    }

    let steps: [Step]

    /// Nil when the template is one to leave to swift-mustache (see above).
    init?(parsing text: String) {
        guard let steps = TemplateParser.parse(text) else { return nil }
        self.steps = steps
    }
}

/// An object of the context that the compiled renderer reads by name without a dictionary;
/// swift-mustache reads it through Mirror, so its stored properties carry the same names.
protocol TemplateObject: AnyObject {
    func value(named name: String) -> TemplateValue?
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
    case view(any TemplateObject)
    /// A school page's findings (a list of thousands, each otherwise cast from `Any` one by one).
    case findingViews([FindingView])

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
        } else if type == [FindingView].self {
            self = .findingViews(value as! [FindingView])
        } else if let view = value as? any TemplateObject {
            self = .view(view)
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
        case let .view(view):
            return view.value(named: name)
        default:
            // Text, numbers and lists have no named children (the library's Mirror finds none).
            return nil
        }
    }

    var isList: Bool {
        switch self {
        case .objects, .textObjects, .texts, .values, .findingViews: true
        default: false
        }
    }

    /// A list's items, in order.
    func items() throws(TemplateRendering.Unsupported) -> [TemplateValue] {
        switch self {
        case let .objects(list): return list.map { .object($0) }
        case let .textObjects(list): return list.map { .textObject($0) }
        case let .texts(list): return list.map { .text($0) }
        case let .findingViews(list): return list.map { .view($0) }
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
    private let buffer: ByteBuffer
    var stack: [TemplateValue] = []

    /// What has been rendered.
    var out: [UInt8] { buffer.bytes }
    /// The same, in the buffer it was rendered into.
    var output: ByteBuffer { buffer }

    init(partials: [String: CompiledTemplate], uncompiled: Set<String>, capacity: Int = 1 << 14) {
        self.partials = partials
        self.uncompiled = uncompiled
        buffer = ByteBuffer(capacity: capacity)
    }

    /// One template's steps, as `MustacheTemplate.render(context:)`: each step's output after a
    /// line break of this template's own output gets the partial's indentation first.
    mutating func render(_ steps: [CompiledTemplate.Step], escaping: CompiledTemplate.Escaping, indentation: [UInt8]?) throws(Unsupported) {
        var escaping = escaping
        let start = buffer.count
        let indent = indentation.flatMap { $0.isEmpty ? nil : $0 }
        for step in steps {
            let before = buffer.count
            switch step {
            case let .text(bytes):
                buffer.append(bytes)
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
            if let indent, buffer.count > before, before > start, buffer[before - 1] == 0x0A,
               !(before - 2 >= start && buffer[before - 2] == 0x0D) {
                buffer.insert(indent, at: before)
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
            buffer.append(text)
        case .htmlBytes:
            var text = text
            text.withUTF8 { ByteHTMLEscaping.append($0, to: buffer) }
        case .identity:
            buffer.append(text)
        case .libraryDefault:
            throw Unsupported()
        }
    }
}
