import Foundation
import SocialAuditCore
import SocialAuditSupport

/// One account as the rules see it: the inventory's entry (none for an unregistered archive),
/// what its archive says of it (none when there is no archive), and its tier.
public struct AccountSubject: Sendable, Codable {
    public var tier: Tier
    public var inventory: InventoryAccount?
    /// Whether an archive of the account was read in this run.
    public var hasArchive: Bool
    /// The archive's file or folder name.
    public var archiveName: String?
    public var archiveAccount: ArchiveAccount?
    public var profile: Profile?
    public var manifest: ArchiveManifest?
    public var applications: [ConnectedApplication] = []
    public var logins: [LoginRecord] = []
    public var problems: [ArchiveProblem] = []
    /// Whether the archive was matched to the inventory by account id (rather than by handle).
    public var matchedByAccountId: Bool
    /// The ids the account's tweets pair with handle-only students' handles, for its conversations.
    /// Not kept in the state: a conversation read again is read after the tweets again.
    public var learnedHandles = LearnedHandles()
    /// What the run's X API captures hold of the account (not kept with the archive in the state).
    public var captured: CaptureSource?

    private enum CodingKeys: String, CodingKey {
        case tier, inventory, hasArchive, archiveName, archiveAccount, profile, manifest, applications, logins, problems
        case matchedByAccountId
    }

    public init(tier: Tier, inventory: InventoryAccount?, hasArchive: Bool, archiveName: String? = nil,
                archiveAccount: ArchiveAccount? = nil, profile: Profile? = nil, manifest: ArchiveManifest? = nil,
                applications: [ConnectedApplication] = [], logins: [LoginRecord] = [], problems: [ArchiveProblem] = [],
                matchedByAccountId: Bool = false) {
        self.tier = tier
        self.inventory = inventory
        self.hasArchive = hasArchive
        self.archiveName = archiveName
        self.archiveAccount = archiveAccount
        self.profile = profile
        self.manifest = manifest
        self.applications = applications
        self.logins = logins
        self.problems = problems
        self.matchedByAccountId = matchedByAccountId
    }

    /// The handle shown in reports: the inventory's, else the archive's username, else the archive's name.
    /// As the inventory writes it (or the archive, for an unregistered one), without `@`.
    public var handle: String {
        if let inventory { return Handle.display(inventory.handle) }
        if let name = archiveAccount?.username { return Handle.display(name) }
        return archiveName ?? "unknown"
    }

    /// The account id: the archive's, else the inventory's.
    public var accountId: String? { archiveAccount?.accountId ?? inventory?.accountId ?? captured?.accountId }

    /// The username tweets' links use: the archive's, else the inventory handle.
    public var linkHandle: String { archiveAccount?.username ?? captured?.username ?? handle }

    public var schoolId: String? { inventory?.school }
}

/// Everything district-wide the rules consult: the inventory's people and schools, the roster's
/// students, the organizations, the policy and lexicon, and the run's date.
public struct DistrictContext: Sendable {
    public var inventory: Inventory
    public var policy: Policy
    public var lexicon: Lexicon
    public var asOf: Date
    public let students: StudentDirectory
    /// Organizations by normalized handle and by account id.
    public let organizationHandles: Set<String>
    public private(set) var organizationIds: Set<String>
    public let schoolIds: Set<String>
    public let peopleByEmail: [String: Person]
    let names: TextMatcher

    public init(inventory: Inventory, students: [Student], policy: Policy, lexicon: Lexicon, asOf: Date,
                extraAccountIds: [String: String] = [:]) {
        self.inventory = inventory
        self.policy = policy
        self.lexicon = lexicon
        self.asOf = asOf
        self.students = StudentDirectory(students)
        var handles = Set(policy.organizations.map(Handle.normalized))
        var ids = Set<String>()
        for account in inventory.accounts {
            handles.insert(Handle.normalized(account.handle))
            if let id = account.accountId { ids.insert(id) }
        }
        // Account ids learned from the archives of inventory accounts that give none.
        ids.formUnion(extraAccountIds.values)
        organizationHandles = handles
        organizationIds = ids
        schoolIds = Set(inventory.schools.map(\.id))
        var people: [String: Person] = [:]
        for person in inventory.people { people[person.email.lowercased()] = person }
        peopleByEmail = people
        names = TextMatcher(names: students.map { ($0.firstName, $0.lastName, $0.studentId) })
    }

    /// Account ids learned from the archives of inventory accounts that give none (as
    /// `extraAccountIds` at creation).
    public mutating func learnOrganizationIds(_ extraAccountIds: [String: String]) {
        organizationIds.formUnion(extraAccountIds.values)
    }

    public func person(_ email: String?) -> Person? {
        email.flatMap { peopleByEmail[$0.lowercased()] }
    }

    public func isOrganization(userId: String?, screenName: String?) -> Bool {
        if let userId, organizationIds.contains(userId) { return true }
        if let screenName, organizationHandles.contains(Handle.normalized(screenName)) { return true }
        return false
    }

    /// `text` with every roster student's name, in every form ``NamePatterns`` knows, masked as `[student <id>]`.
    public func masked(_ text: String) -> String {
        names.mask(text) { "[student \($0)]" }
    }

    /// Whether the school id is one the inventory defines.
    public func definesSchool(_ id: String?) -> Bool {
        id.map { schoolIds.contains($0) } ?? false
    }
}

/// The roster's students, found by account id, or by handle where the roster gives no id.
public struct StudentDirectory: Sendable {
    private var byAccountId: [String: Student] = [:]
    private var byHandle: [String: Student] = [:]
    private var byAnyHandle: [String: Student] = [:]
    public let optedOut: [Student]
    let optedOutNames: TextMatcher

    public init(_ students: [Student]) {
        for student in students {
            if let handle = student.handle { byAnyHandle[Handle.normalized(handle)] = student }
            if let id = student.accountId {
                byAccountId[id] = student
            } else if let handle = student.handle {
                byHandle[Handle.normalized(handle)] = student
            }
        }
        optedOut = students.filter(\.directoryOptOut)
        optedOutNames = TextMatcher(names: optedOut.map { ($0.firstName, $0.lastName, $0.studentId) })
    }

    /// The student behind an account, by its id, else by its handle: where the id is given, only a
    /// student without one goes by handle (a handle can pass to another account, an id does not);
    /// where none is (a quoted tweet's link names its author by handle alone), any student's.
    public func student(userId: String?, screenName: String?) -> Student? {
        guard let screenName else { return userId.flatMap { byAccountId[$0] } }
        if let userId { return byAccountId[userId] ?? byHandle[Handle.normalized(screenName)] }
        return byAnyHandle[Handle.normalized(screenName)]
    }

    /// Whether any student is known by handle alone (then the account's tweets are worth learning from).
    public var hasHandleOnlyStudents: Bool { !byHandle.isEmpty }

    public func handleOnlyStudent(normalizedHandle: String) -> Student? { byHandle[normalizedHandle] }

    public func ref(_ student: Student) -> StudentRef {
        StudentRef(studentId: student.studentId, handle: student.handle)
    }
}

/// Words and phrases by category, matched as whole words, case-insensitively.
public struct Lexicon: Sendable {
    public let categories: [String: [String]]
    /// The matcher of every phrase, made when a tweet is first read: a nightly run that reads no
    /// archive does not need it.
    private let lazyMatcher: Lazy<TextMatcher>
    /// The matcher, once a rule pass has ``resolve()``d it: no lock on every tweet.
    private var resolved: TextMatcher?

    public init(categories: [String: [String]]) {
        self.categories = categories
        lazyMatcher = Lazy {
            var phrases: [(String, String)] = []
            for name in categories.keys.sorted() {
                for phrase in categories[name] ?? [] { phrases.append((phrase, name)) }
            }
            return TextMatcher(phrases: phrases)
        }
    }

    var matcher: TextMatcher { resolved ?? lazyMatcher.value }

    /// Makes the matcher now (once for every copy of this lexicon) and keeps it in this copy.
    mutating func resolve() {
        if resolved == nil { resolved = lazyMatcher.value }
    }

    /// The categories `text` matches, sorted, with the words matched.
    public func matches(in text: String) -> [(category: String, words: [String])] {
        let folded = FoldedText(text)
        return Self.categories(matcher.matches(in: folded), in: folded)
    }

    /// Matches of the lexicon in `text`, by category (sorted), with the words as written, lower-cased.
    static func categories(_ matches: [TextMatcher.Match], in text: FoldedText) -> [(category: String, words: [String])] {
        var found: [String: [String]] = [:]
        for match in matches where !match.isName {
            found[match.tag, default: []].append(String(text.text[text.range(match.first, match.last)]).lowercased())
        }
        return found.keys.sorted().map { ($0, found[$0]!) }
    }

    /// The lexicon that ships with the tool (Resources/lexicon.json).
    public static let shipped = Lexicon(categories: shippedCategories)

    /// Its categories alone: ``configured(_:)`` lays the configuration's over them without
    /// building the shipped lexicon's matcher too.
    ///
    /// The file is compiled into the binary (`embedInCode`): no resource bundle to install beside
    /// it, and no bundle lookup at start-up (a twentieth of a nightly run).
    /// The rules' tests read it through ``shipped`` (RuleCatalogTests.lexicon).
    static let shippedCategories: [String: [String]] = {
        do {
            return try JSONDecoder().decode([String: [String]].self, from: Data(PackageResources.lexicon_json))
        } catch {
            preconditionFailure("the lexicon compiled into socialaudit is not a JSON object of word lists: \(error)")
        }
    }()

    /// The shipped lexicon with the configuration's categories laid over it: a category of the
    /// same name replaces the shipped one; `+name` adds to it; a new name adds a category.
    public static func configured(_ overrides: [String: [String]]?) -> Lexicon {
        var categories = shippedCategories
        for (name, words) in overrides ?? [:] {
            if name.hasPrefix("+") {
                categories[String(name.dropFirst()), default: []] += words
            } else {
                categories[name] = words
            }
        }
        return Lexicon(categories: categories)
    }
}
