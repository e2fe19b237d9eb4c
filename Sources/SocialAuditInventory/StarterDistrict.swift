import Foundation
import SocialAuditCore

/// The clean example district: a configuration, an inventory (JSON and XML), a roster, a review
/// file, a crontab line and a logrotate file, every field present and explained. `make install`
/// copies it to `share/socialaudit/examples/`; `socialaudit init` writes it for a new district,
/// with the district's name and e-mail domain in place of the example's.
public enum StarterDistrict {
    /// One file of the district: its name in the folder and its bytes.
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
    }

    /// The example's own name and domain, replaced by `init`'s.
    public static let exampleName = "Example County Schools"
    public static let exampleDomain = "schools.example"
    /// The example's folder, in the crontab line; `init` names its own.
    public static let exampleFolder = "/srv/socialaudit"

    /// Where the JSON files' `$schema` finds the schemas: the installed examples sit beside
    /// `share/socialaudit/schemas/`, a district made by `init` has its own copy.
    public static let installedSchemas = "../schemas/"

    /// The files, renamed for `district` and `domain`, their `$schema` in `schemas`.
    public static func files(district: String = exampleName, domain: String = exampleDomain,
                             folder: String = exampleFolder, schemas: String = installedSchemas) -> [File] {
        let named: [(String, [UInt8])] = [
            ("socialaudit.json", PackageResources.socialaudit_json), ("inventory.json", PackageResources.inventory_json),
            ("inventory.xml", PackageResources.inventory_xml), ("students.csv", PackageResources.students_csv),
            ("reviews.json", PackageResources.reviews_json), ("crontab", PackageResources.crontab),
            ("logrotate", PackageResources.logrotate),
        ]
        var files: [File] = []
        for (name, bytes) in named {
            let escaped = name.hasSuffix(".xml") ? xmlEscaped(district) : jsonEscaped(district)
            let text = String(decoding: bytes, as: UTF8.self)
                .replacingOccurrences(of: exampleName, with: escaped)
                .replacingOccurrences(of: exampleDomain, with: domain)
                .replacingOccurrences(of: exampleFolder, with: folder)
                .replacingOccurrences(of: "\"$schema\": \"\(installedSchemas)", with: "\"$schema\": \"\(schemas)")
            files.append(File(name: name, bytes: Array(text.utf8)))
        }
        return files
    }

    /// What `init` refuses, said as a problem with its place: a domain that is not a host name,
    /// a name with control characters.
    public static func check(district: String, domain: String) -> [InputProblem] {
        var problems: [InputProblem] = []
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let hostLike = labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
        }
        if !hostLike {
            problems.append(InputProblem(file: "--domain", message: "'\(domain)' is not an e-mail domain; expected a name such as 'haywood.k12.nc.us'"))
        }
        if district.trimmingWhitespace().isEmpty || district.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append(InputProblem(file: "--district", message: "the district's name must be a line of text, such as 'Haywood County Schools'"))
        }
        return problems
    }

    /// The JSON Schemas the JSON files name, as `init` writes them beside them.
    static var schemaFiles: [File] {
        InputReference.Schema.allCases.map { schema in
            File(name: "schemas/" + URL(fileURLWithPath: schema.file).lastPathComponent,
                 bytes: Array(InputReference.jsonSchema(for: schema).utf8))
        }
    }

    /// Writes the district into `folder` (created when missing) with an empty `archives/` folder
    /// and the JSON Schemas in `schemas/`. Never overwrites: a folder that already holds one of
    /// the files is refused as it is.
    public static func write(to folder: URL, district: String, domain: String) throws(InputError) {
        let problems = check(district: district, domain: domain)
        if !problems.isEmpty { throw InputError(problems) }
        let files = files(district: district, domain: domain, folder: folder.path, schemas: "schemas/")
        let schemas = schemaFiles
        let manager = FileManager.default
        let present = (files + schemas).map(\.name).filter { manager.fileExists(atPath: folder.appendingPathComponent($0).path) }
        if !present.isEmpty {
            throw InputError(present.map { InputProblem(file: folder.appendingPathComponent($0).path, message: "already exists; init writes a new district and changes no file") })
        }
        do {
            try manager.createDirectory(at: folder.appendingPathComponent("archives"), withIntermediateDirectories: true)
            for file in files + schemas {
                let url = folder.appendingPathComponent(file.name)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // The roster and inventory will hold minors' and staff data: owner and group only.
                guard manager.createFile(atPath: url.path, contents: Data(file.bytes), attributes: [.posixPermissions: 0o640]) else {
                    throw InputError(InputProblem(file: url.path, message: "cannot be written"))
                }
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(InputProblem(file: folder.path, message: "cannot be written: \(InventoryReader.reason(error))"))
        }
    }

    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
