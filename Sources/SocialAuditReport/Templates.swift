import Foundation
import Mustache
import SocialAuditCore

/// The Mustache templates of the reports, from a folder: the shipped `templates/` or a
/// district's own copy (`--templates`).
///
/// Loaded here rather than with `MustacheLibrary(directory:)`, which returns an empty library
/// for a folder that does not exist and renders a missing template or partial as nothing: a
/// folder that lacks a template the reports need is refused, naming what is missing.
public struct ReportTemplates: Sendable {
    /// The templates every run needs, by name (path under the folder, without `.mustache`).
    public static let required = ["district", "school", "partials/head", "partials/severity-cards", "partials/bars",
                                  "partials/finding", "partials/trend",
                                  "mail/summary.txt", "mail/summary.html"]

    public let folder: URL
    let library: MustacheLibrary

    public enum Failure: Error, LocalizedError {
        case missingFolder(String)
        case missingTemplates(folder: String, names: [String])
        case syntax(file: String, line: Int, column: Int, message: String)
        case unreadable(file: String, reason: String)

        public var errorDescription: String? {
            switch self {
            case let .missingFolder(path):
                "the templates folder \(path) does not exist"
            case let .missingTemplates(folder, names):
                "the templates folder \(folder) lacks \(names.map { "\($0).mustache" }.joined(separator: ", ")); copy them from the shipped templates/"
            case let .syntax(file, line, column, message):
                "\(file):\(line):\(column): \(message)"
            case let .unreadable(file, reason):
                "\(file): cannot be read: \(reason)"
            }
        }
    }

    public init(folder: URL, required: [String] = ReportTemplates.required) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.missingFolder(folder.path)
        }
        let root = folder.standardizedFileURL.path
        // Every template starts out escaping for HTML with the escaper below (a template's own
        // `{{% CONTENT_TYPE: TEXT}}` still turns it off).
        var templates: [String: MustacheTemplate] = [:]
        for path in Self.templatePaths(under: root).sorted() {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw Failure.unreadable(file: url.path, reason: error.localizedDescription)
            }
            templates[String(path.dropLast(".mustache".count))] = try Self.parse(Self.htmlPragma + text, file: url.path)
        }
        let missing = required.filter { templates[$0] == nil }
        if !missing.isEmpty { throw Failure.missingTemplates(folder: folder.path, names: missing) }
        self.folder = folder
        library = MustacheLibrary(templates: templates)
    }

    private static func parse(_ text: String, file: String) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            let column = error.context.columnNumber - (line == 1 ? Self.htmlPragma.count : 0)
            throw Failure.syntax(file: file, line: line, column: max(1, column), message: "template syntax error: \(error.error)")
        }
    }

    /// The pragma that selects ``HTMLEscaping``, registered once.
    static let htmlPragma: String = {
        MustacheContentTypes.register(HTMLEscaping(), named: "HTML_ESCAPED")
        return "{{% CONTENT_TYPE: HTML_ESCAPED}}"
    }()

    /// `context`: dictionaries, arrays and views (``MustacheParent``) of the values the template names.
    public func render(_ name: String, _ context: Any) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// The rendered template as UTF-8.
    public func renderBytes(_ name: String, _ context: Any) -> [UInt8] {
        Array(render(name, context).utf8)
    }

    /// The paths (relative to `root`) whose names end in `.mustache`, in any folder below it; a
    /// linked folder is not entered.
    static func templatePaths(under root: String) -> [String] {
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".mustache") { paths.append(path) }
        }
        return paths
    }

    /// Where the shipped templates are: beside an installed binary (`PREFIX/share/socialaudit/templates`),
    /// or in the source tree the binary was built in (`.build/<config>/socialaudit` → `templates/`).
    /// `executable`: the program's file with its links resolved (a link to an installed binary
    /// finds the templates beside the binary, not beside the link).
    public static func shippedFolder(executable: URL) -> URL? {
        let bin = executable.deletingLastPathComponent()
        let candidates = [
            bin.deletingLastPathComponent().appendingPathComponent("share/socialaudit/templates"),
            bin.appendingPathComponent("templates"),
            bin.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates"),
            bin.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("district.mustache").path) }
    }
}

/// HTML escaping for swift-mustache: the same five characters as its own HTML content type
/// (`<`, `>`, `&`, `"`, `'`), and the bidirectional controls that could reorder what a reader
/// sees, replaced by their markers (``BidiControls``). Byte-wise, so that a `<` that a combining
/// mark follows is escaped too (the character-wise escaper passes over it).
struct HTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var utf8 = text
        return utf8.withUTF8 { bytes in
            // 0xE2 leads every bidirectional control. Most values need no escaping: returned as they are.
            guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 || $0 == 0xE2 }) else {
                return text
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x3C: out += "&lt;".utf8
                case 0x3E: out += "&gt;".utf8
                case 0x26: out += "&amp;".utf8
                case 0x22: out += "&quot;".utf8
                case 0x27: out += "&#39;".utf8
                case 0xE2:
                    if let control = BidiControls.control(in: bytes, at: index) {
                        out += BidiControls.marker(control).utf8
                        index += 3
                        continue
                    }
                    out.append(byte)
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
