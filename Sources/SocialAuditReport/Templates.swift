import Foundation
import Mustache

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
        var templates: [String: MustacheTemplate] = [:]
        let root = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".mustache") { paths.append(path) }
        }
        for path in paths.sorted() {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw Failure.unreadable(file: url.path, reason: error.localizedDescription)
            }
            do {
                templates[String(path.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                throw Failure.syntax(file: url.path, line: error.context.lineNumber, column: error.context.columnNumber,
                                     message: "template syntax error: \(error.error)")
            }
        }
        let missing = required.filter { templates[$0] == nil }
        if !missing.isEmpty { throw Failure.missingTemplates(folder: folder.path, names: missing) }
        self.folder = folder
        library = MustacheLibrary(templates: templates)
    }

    public func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// Where the shipped templates are: beside an installed binary (`PREFIX/share/socialaudit/templates`),
    /// or in the source tree the binary was built in (`.build/<config>/socialaudit` → `templates/`).
    public static func shippedFolder(executable: URL) -> URL? {
        let bin = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            bin.deletingLastPathComponent().appendingPathComponent("share/socialaudit/templates"),
            bin.appendingPathComponent("templates"),
            bin.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates"),
            bin.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("district.mustache").path) }
    }
}
