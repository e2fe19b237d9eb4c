import Foundation

// The district as it describes itself: schools, people, accounts (the inventory), and students
// (the roster). Read from JSON or XML by SocialAuditInventory; both forms give these same values.

/// The district's inventory of schools, people and accounts.
public struct Inventory: Sendable, Hashable, Codable {
    public var district: District
    public var schools: [School]
    public var people: [Person]
    public var accounts: [InventoryAccount]

    public init(district: District, schools: [School] = [], people: [Person] = [], accounts: [InventoryAccount] = []) {
        self.district = district
        self.schools = schools
        self.people = people
        self.accounts = accounts
    }
}

/// The district itself: its name, its e-mail domains and websites, and who receives its summary.
public struct District: Sendable, Hashable, Codable {
    public var name: String
    public var emailDomains: [String]
    public var websites: [String]
    public var reportRecipients: [String]

    public init(name: String, emailDomains: [String] = [], websites: [String] = [], reportRecipients: [String] = []) {
        self.name = name
        self.emailDomains = emailDomains
        self.websites = websites
        self.reportRecipients = reportRecipients
    }
}

/// A school, with the people who receive its report (usually the principal).
public struct School: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var reportRecipients: [String]

    public init(id: String, name: String, reportRecipients: [String] = []) {
        self.id = id
        self.name = name
        self.reportRecipients = reportRecipients
    }
}

/// A staff role, in the policy's words.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case administrator
    case teacher
    case staff
}

/// Who created an account.
public enum CreatedBy: String, Sendable, Hashable, Codable, CaseIterable {
    case district
    case school
    case individual
}

/// A member of staff, known by e-mail address. `school` is a school id, or `district` for
/// people who work at district level.
public struct Person: Sendable, Hashable, Codable {
    public static let districtLevel = "district"

    public var email: String
    public var name: String
    public var role: Role
    public var school: String

    public init(email: String, name: String, role: Role, school: String) {
        self.email = email
        self.name = name
        self.role = role
        self.school = school
    }
}

/// An account the district knows of, with its tier and how it is set up.
public struct InventoryAccount: Sendable, Hashable, Codable {
    /// The handle as the inventory writes it (compare with ``Handle/normalized(_:)``).
    public var handle: String
    /// Optional: filled in from the archive when absent.
    public var accountId: String?
    public var tier: Tier
    public var school: String?
    public var createdBy: CreatedBy?
    /// For school-owned accounts: the organization the account highlights.
    public var organization: String?
    /// Managers' e-mail addresses.
    public var managers: [String]
    /// For school-owned accounts: the administrator who assigned the manager.
    public var assignedBy: String?
    /// The address the account is registered with.
    public var registeredEmail: String?
    /// Where the registered address routes to.
    public var emailRoutesTo: [String]
    /// For professional and personal accounts: the staff member's e-mail address.
    public var owner: String?

    public init(handle: String, accountId: String? = nil, tier: Tier, school: String? = nil, createdBy: CreatedBy? = nil,
                organization: String? = nil, managers: [String] = [], assignedBy: String? = nil,
                registeredEmail: String? = nil, emailRoutesTo: [String] = [], owner: String? = nil) {
        self.handle = handle
        self.accountId = accountId
        self.tier = tier
        self.school = school
        self.createdBy = createdBy
        self.organization = organization
        self.managers = managers
        self.assignedBy = assignedBy
        self.registeredEmail = registeredEmail
        self.emailRoutesTo = emailRoutesTo
        self.owner = owner
    }
}

/// Handles compare case-insensitively and without `@`.
public enum Handle {
    /// The handle as written, without white space around it or a leading `@`: how reports show it.
    public static func display(_ handle: String) -> String {
        var h = Substring(handle.trimmingWhitespace())
        while h.first == "@" { h.removeFirst() }
        return String(h)
    }

    public static func normalized(_ handle: String) -> String {
        // The common case, checked without Foundation: ASCII letters, digits and underscores.
        var plain = true
        var hasUpper = false
        for byte in handle.utf8 {
            if byte >= 0x41 && byte <= 0x5A {
                hasUpper = true
            } else if !((byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F) {
                plain = false
                break
            }
        }
        if plain {
            guard hasUpper else { return handle }
            return String(decoding: handle.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var h = Substring(handle.trimmingWhitespace())
        while h.first == "@" { h.removeFirst() }
        return h.lowercased()
    }
}

/// A student in the roster. The name is used only to find and mask it; it is never written out.
public struct Student: Sendable, Hashable, Codable {
    public var studentId: String
    public var school: String
    public var handle: String?
    public var accountId: String?
    public var firstName: String
    public var lastName: String
    /// The family opted out of directory information (FERPA): the student must not be named.
    public var directoryOptOut: Bool

    public init(studentId: String, school: String, handle: String? = nil, accountId: String? = nil,
                firstName: String, lastName: String, directoryOptOut: Bool = false) {
        self.studentId = studentId
        self.school = school
        self.handle = handle
        self.accountId = accountId
        self.firstName = firstName
        self.lastName = lastName
        self.directoryOptOut = directoryOptOut
    }
}

public extension String {
    /// The string without white space at either end, as `trimmingCharacters(in: .whitespaces)`
    /// trims it, without Foundation's bridged scan, which every roster field and handle would pay
    /// for (docs/performance.md). The set is CoreFoundation's: tab, U+0020, U+00A0, U+1680,
    /// U+2000 to U+200B, U+202F, U+205F and U+3000 (a test holds it to Foundation's, scalar by scalar).
    func trimmingWhitespace() -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        let scalars = unicodeScalars
        // Most fields start and end with a visible ASCII character: nothing to do.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return self
        }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    /// As `trimmingCharacters(in: .whitespacesAndNewlines)`; a string whose ends are visible
    /// ASCII (neither white space nor a line break) is returned as it is, without Foundation's
    /// bridged scan (the configuration's strings are trimmed while a nightly run starts).
    func trimmingWhitespaceAndNewlines() -> String {
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// As `trimmingCharacters(in: .newlines)`: ASCII line breaks (U+000A to U+000D) taken off
    /// the ends directly; Foundation's only when an end is then not ASCII (U+0085, U+2028 and
    /// U+2029 are line breaks too).
    func trimmingNewlines() -> String {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, (0x0A...0x0D).contains(bytes[start]) { start = bytes.index(after: start) }
        while end > start, (0x0A...0x0D).contains(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard start < end else { return "" }
        guard bytes[start] < 0x80, bytes[bytes.index(before: end)] < 0x80 else { return trimmingCharacters(in: .newlines) }
        return String(self[start..<end])
    }
}
