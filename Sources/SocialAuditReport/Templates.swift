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
    let library: LazyLibrary
    /// The templates ``CompiledTemplate`` renders (all of the shipped ones), and those it leaves to the library.
    let compiled: [String: CompiledTemplate]
    let uncompiled: Set<String>

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
        let paths = Self.templatePaths(under: root)
        // Every template starts out escaping for HTML with the escaper below (a template's own
        // `{{% CONTENT_TYPE: TEXT}}` still turns it off).
        var texts: [String: String] = [:]
        var compiled: [String: CompiledTemplate] = [:]
        var parsed: [String: MustacheTemplate] = [:]
        for path in paths.sorted() {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            let name = String(path.dropLast(".mustache".count))
            let text: String
            do {
                text = Self.htmlPragma + (try String(contentsOf: url, encoding: .utf8))
            } catch {
                throw Failure.unreadable(file: url.path, reason: error.localizedDescription)
            }
            texts[name] = text
            if let template = CompiledTemplate(parsing: text) {
                compiled[name] = template
            } else {
                // Left to swift-mustache, which parses it now and reports what is wrong with it.
                parsed[name] = try Self.parse(text, file: url.path)
            }
        }
        let missing = required.filter { texts[$0] == nil }
        if !missing.isEmpty { throw Failure.missingTemplates(folder: folder.path, names: missing) }
        self.folder = folder
        library = LazyLibrary(texts: texts, parsed: parsed)
        self.compiled = compiled
        uncompiled = Set(parsed.keys)
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

    /// swift-mustache's library of every template, for what ``CompiledTemplate`` leaves to it:
    /// the templates it compiled are parsed by the library the first time one is needed (a run
    /// over the shipped templates never needs one).
    final class LazyLibrary: @unchecked Sendable {
        private let lock = NSLock()
        private let texts: [String: String]
        private var parsed: [String: MustacheTemplate]
        private var library: MustacheLibrary?

        init(texts: [String: String], parsed: [String: MustacheTemplate]) {
            self.texts = texts
            self.parsed = parsed
        }

        func get() -> MustacheLibrary {
            lock.lock()
            defer { lock.unlock() }
            if let library { return library }
            for (name, text) in texts where parsed[name] == nil {
                // What the compiled parser accepts, the library parses too (a test holds them to it).
                parsed[name] = try? MustacheTemplate(string: text)
            }
            let made = MustacheLibrary(templates: parsed)
            library = made
            return made
        }
    }

    /// The pragma that selects ``ByteHTMLEscaping``, registered once.
    static let htmlPragma: String = {
        MustacheContentTypes.register(ByteHTMLEscaping(), named: "HTML_BYTES")
        return "{{% CONTENT_TYPE: HTML_BYTES}}"
    }()

    public func render(_ name: String, _ context: [String: Any]) -> String {
        if let bytes = compiledRendering(name, context) { return String(decoding: bytes, as: UTF8.self) }
        return library.get().render(context, withTemplate: name) ?? ""
    }

    /// The rendered template as UTF-8.
    public func renderBytes(_ name: String, _ context: [String: Any]) -> [UInt8] {
        renderBuffer(name, context).bytes
    }

    /// The same, in the buffer it was rendered into (a page is written to its file from there).
    func renderBuffer(_ name: String, _ context: [String: Any]) -> ByteBuffer {
        if let buffer = compiledBuffer(name, context) { return buffer }
        let text = library.get().render(context, withTemplate: name) ?? ""
        let buffer = ByteBuffer(capacity: text.utf8.count)
        buffer.append(text)
        return buffer
    }

    /// Nil when the template, a partial it includes or a value of the context is one that only
    /// swift-mustache's own renderer handles.
    func compiledRendering(_ name: String, _ context: [String: Any]) -> [UInt8]? {
        compiledBuffer(name, context)?.bytes
    }

    private func compiledBuffer(_ name: String, _ context: [String: Any]) -> ByteBuffer? {
        guard let template = compiled[name], let root = TemplateValue(context) else { return nil }
        var rendering = TemplateRendering(partials: compiled, uncompiled: uncompiled)
        rendering.stack = [root]
        do {
            try rendering.render(template.steps, escaping: .libraryDefault, indentation: nil)
        } catch {
            return nil
        }
        return rendering.output
    }

    /// The paths (relative to `root`) whose names end in `.mustache`, in any folder below it, as
    /// FileManager's enumerator lists them: a linked folder is not entered. Listed folder by
    /// folder here: the enumerator builds each path with NSString's path methods, which cost half
    /// a millisecond of every run (a test holds the two lists equal).
    static func templatePaths(under root: String) -> [String] {
        var paths: [String] = []
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                if name.hasSuffix(".mustache") { paths.append(path) }
                var status = stat()
                if lstat(root + "/" + path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { walk(path) }
            }
        }
        walk("")
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

/// HTML escaping on bytes: the same five characters as swift-mustache's own HTML content type
/// (`<`, `>`, `&`, `"`, `'`), which goes character by character through a dictionary and was
/// half of the time spent rendering a large school's page (measured with `make bench`).
/// Working on bytes also escapes a `<` that a combining mark follows, which the
/// character-wise escaper passes over.
struct ByteHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var utf8 = text
        return utf8.withUTF8 { bytes in
            // Most values need no escaping: they are returned as they are, not copied.
            guard Self.needsEscaping(bytes) else { return text }
            let out = ByteBuffer(capacity: bytes.count + 16)
            Self.append(bytes, to: out)
            return String(decoding: out.bytes, as: UTF8.self)
        }
    }

    /// 0xE2 leads every bidirectional control, which is replaced by its marker (``BidiControls``).
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 || $0 == 0xE2 })
    }

    /// `bytes` escaped onto `out` (the compiled renderer writes its pages this way too).
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: ByteBuffer) {
        guard needsEscaping(bytes) else {
            out.append(bytes)
            return
        }
        // Runs without a character to escape are copied whole.
        var start = 0
        for (index, byte) in bytes.enumerated() where index >= start {
            let entity: StaticString
            switch byte {
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x26: entity = "&amp;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            case 0xE2:
                guard let control = BidiControls.control(in: bytes, at: index) else { continue }
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out.append(BidiControls.marker(control))
                start = index + 3
                continue
            default: continue
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            out.append(entity)
            start = index + 1
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[start...]))
    }
}
