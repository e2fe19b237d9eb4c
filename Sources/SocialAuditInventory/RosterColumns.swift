import Foundation
import SocialAuditCore

/// Which of a roster's headers is which column. Student information systems export the same
/// column under several names; the privacy rules depend on the handle, account id and opt-out
/// columns, so a header that looks like one of them but is none of its known spellings is an
/// error, never a column passed over.
struct RosterColumns {
    /// `roster.optOutColumn`: nil for the known spellings, `none`, or a header of the district's.
    let optOutColumn: String?

    static let none = "none"
    /// The columns whose loss would switch a privacy rule off in silence.
    static let privacyColumns = ["handle", "account_id", "directory_opt_out"]
    /// Words that make a header look like a privacy column (in its compared form).
    static let privacyWords = ["handle", "twitter", "optout", "accountid", "directory", "ferpa", "xid", "screenname"]

    /// How headers are compared: case, spaces, `_`, `-` and `.` aside.
    static func compared(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter { !" _-.\t".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// Every accepted header (compared form) and its column.
    var accepted: [String: String] {
        var table: [String: String] = [:]
        for column in RosterReader.columns { table[Self.compared(column)] = column }
        for (column, spellings) in InputReference.rosterSpellings {
            for spelling in spellings { table[Self.compared(spelling)] = column }
        }
        if let optOutColumn, optOutColumn != Self.none { table[Self.compared(optOutColumn)] = "directory_opt_out" }
        return table
    }

    /// The column a header is, if any.
    func column(_ header: String) -> String? {
        accepted[Self.compared(header)]
    }

    /// The column a header that is none resembles: a misspelling of a known one, or one that names
    /// a privacy column's subject (`Twitter Followers` is not, `twiter_handle` is).
    func resembled(_ header: String) -> String? {
        let key = Self.compared(header)
        guard !key.isEmpty else { return nil }
        let table = accepted
        if let near = StrictJSON.nearest(key, in: table.keys.sorted()) { return table[near] }
        guard Self.privacyWords.contains(where: key.contains) else { return nil }
        if key.contains("opt") || key.contains("directory") || key.contains("ferpa") { return "directory_opt_out" }
        if key.contains("id") { return "account_id" }
        return "handle"
    }

    /// The spellings accepted for a column, for messages: `handle` (or Twitter Handle, twitter_handle).
    static func spelled(_ column: String) -> String {
        let others = InputReference.rosterSpellings[column] ?? []
        return others.isEmpty ? "'\(column)'" : "'\(column)' (or " + others.map { "'\($0)'" }.joined(separator: ", ") + ")"
    }

    /// The problem when the header has no opt-out column; nil when it has one or need not.
    func missingOptOut(in position: [String: Int], file: String, line: Int?) -> InputProblem? {
        guard position["directory_opt_out"] == nil, optOutColumn != Self.none else { return nil }
        if let optOutColumn {
            return InputProblem(file: file, line: line, message: "the header has no column '\(optOutColumn)', which the configuration's roster.optOutColumn names as the opt-out column")
        }
        return InputProblem(file: file, line: line, message: "the header has no opt-out column \(Self.spelled("directory_opt_out")): "
                            + "without it no opted-out student is protected; add the column, or say \"optOutColumn\": \"none\" under \"roster\" in the configuration")
    }
}

/// A roster's handle cell as the student information system holds it: a handle, `@handle`, or
/// a link to the profile (`https://x.com/name`).
enum RosterHandle {
    /// The handle a cell gives, and whether it had to be taken out of a link or an `@`; nil when
    /// it is no handle (two words, a name, a link to something else).
    static func read(_ cell: String) -> (handle: String, fixed: Bool)? {
        var text = Substring(cell.trimmingWhitespace())
        var fixed = false
        if let link = profileLink(text) {
            text = link
            fixed = true
        }
        while text.first == "@" {
            text.removeFirst()
            fixed = true
        }
        let handle = String(text)
        return XIdentifiers.isUsername(handle) ? (Handle.normalized(handle), fixed) : nil
    }

    /// The name in a profile link: `[http[s]://][www.|mobile.](x|twitter).com/<name>[/][?…]`.
    private static func profileLink(_ text: Substring) -> Substring? {
        var rest = text
        for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
        }
        for prefix in ["www.", "mobile."] where rest.lowercased().hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
        }
        guard let host = ["x.com/", "twitter.com/"].first(where: { rest.lowercased().hasPrefix($0) }) else { return nil }
        rest = rest.dropFirst(host.count)
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        while rest.last == "/" { rest.removeLast() }
        return rest
    }
}
