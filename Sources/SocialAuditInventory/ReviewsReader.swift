import Foundation
import SocialAuditCore

/// The review file (spec/outputs.md): `[{"fingerprint", "reviewer", "date", "note", "expires"}]`.
public enum ReviewsReader {
    /// Reads the review file; a file that does not exist is no reviews unless it was named (`required`).
    public static func load(_ url: URL, required: Bool) throws(InputError) -> [Review] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            if required { throw InputError(InputProblem(file: url.path, message: "the review file does not exist")) }
            return []
        }
        return try read(InputText.contents(of: url), file: url.path)
    }

    public static func read(_ bytes: [UInt8], file: String) throws(InputError) -> [Review] {
        let (json, root) = try StrictJSON.parse(file: file, bytes: bytes)
        guard case let .array(items) = root else {
            throw InputError(InputProblem(file: file, line: 1, message: "expected a JSON array of reviewed findings, found \(root.kindName)"))
        }
        var reviews: [Review] = []
        for (index, item) in items.enumerated() {
            guard let fields = json.object(item, at: "[\(index)]", declared: InputReference.review) else { continue }
            let fingerprint = fields.string("fingerprint")
            let date = fields.string("date")
            let expires = fields.string("expires")
            for (key, value) in [("date", date), ("expires", expires)] {
                if let value, value.count != 10 || TwitterDate.parse(value) == nil {
                    json.report(fields.path(key), "'\(value)' is not a date: expected YYYY-MM-DD, a day the calendar has")
                }
            }
            if let fingerprint {
                reviews.append(Review(fingerprint: fingerprint, reviewer: fields.string("reviewer"), date: date,
                                      note: fields.string("note"), expires: expires))
            }
        }
        if !json.problems.isEmpty { throw InputError(json.problems) }
        return reviews
    }
}
