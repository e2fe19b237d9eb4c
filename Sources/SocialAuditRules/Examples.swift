import Foundation
import SocialAuditCore

/// An example of a rule's declaration: an account and what its archive holds, which must (or must
/// not) make the rule fire. It remembers where it is written, so a failing example is reported
/// at its own line.
public struct RuleExample: Sendable {
    public var note: String
    public var scenario: Scenario
    public var file: String
    public var line: Int
    /// The severity the finding must have where it is not the rule's for the tier (a signal to review).
    public var severity: Severity?

    public init(_ note: String, _ scenario: Scenario, severity: Severity? = nil, file: String = #filePath, line: Int = #line) {
        self.note = note
        self.scenario = scenario
        self.severity = severity
        self.file = file
        self.line = line
    }

    /// Runs `rule` alone over the example and returns its findings.
    public func findings(of rule: any Rule) -> [Finding] {
        scenario.run([rule])
    }
}

/// An account of the example district and the content of its archive.
public struct Scenario: Sendable {
    public var subject: AccountSubject
    public var tweets: [Tweet] = []
    public var conversations: [Conversation] = []
    public var policy = ExampleDistrict.policy
    public var students = ExampleDistrict.students
    public var inventory = ExampleDistrict.inventory
    public var asOf = ExampleDistrict.asOf

    /// Runs the given rules over the scenario, as a run would: one pass, tweets and conversations
    /// streamed, then the account checks.
    public func run(_ rules: [any Rule]) -> [Finding] {
        let district = DistrictContext(inventory: inventory, students: students, policy: policy,
                                       lexicon: .configured(policy.lexicon), asOf: asOf)
        var pass = RulePass(subject: subject, district: district, catalog: rules)
        for tweet in tweets { pass.add(tweet) }
        for conversation in conversations { pass.add(conversation) }
        return pass.finish()
    }

    /// A correctly set-up account of `tier` with an archive that holds nothing yet.
    public static func account(_ tier: Tier) -> Scenario {
        let inventory = ExampleDistrict.inventory.accounts.first { $0.tier == tier }
        let archive: ArchiveAccount
        switch tier {
        case .primary: archive = ArchiveAccount(accountId: "1001", username: "pisgahhigh", email: "pisgahhigh.social@haywood.k12.nc.us")
        case .schoolOwned: archive = ArchiveAccount(accountId: "1002", username: "pisgahcounselors", email: "pisgahcounselors@haywood.k12.nc.us")
        case .professional: archive = ArchiveAccount(accountId: "1004", username: "mslane_teaches", email: "tlane@haywood.k12.nc.us")
        case .personal: archive = ArchiveAccount(accountId: "1003", username: "kjackson", email: "kjackson@gmail.com")
        case .unregistered: archive = ArchiveAccount(accountId: "1011", username: "mr_unlisted", email: "unlisted@gmail.com")
        }
        let subject = AccountSubject(
            tier: tier, inventory: tier == .unregistered ? nil : inventory, hasArchive: true,
            archiveName: "twitter-2026-10-28-\(archive.username).zip", archiveAccount: archive,
            profile: Profile(bio: "News and notes", website: nil, location: "Haywood County, NC"),
            manifest: ArchiveManifest(accountId: archive.accountId, userName: archive.username,
                                      generationDate: ExampleDistrict.date("2026-10-28T09:00:00Z")),
            applications: [ConnectedApplication(name: "SchoolPointe")],
            logins: [LoginRecord(createdAt: ExampleDistrict.date("2026-10-20T12:00:00Z"), ip: "10.1.1.1")],
            matchedByAccountId: inventory?.accountId != nil)
        return Scenario(subject: subject)
    }

    /// The scenario changed by `change`.
    public func with(_ change: (inout Scenario) -> Void) -> Scenario {
        var copy = self
        change(&copy)
        return copy
    }

    /// The inventory entry changed by `change` (the district's inventory changes with it).
    public func inventoryEntry(_ change: (inout InventoryAccount) -> Void) -> Scenario {
        with { scenario in
            guard var entry = scenario.subject.inventory else { return }
            let handle = entry.handle
            change(&entry)
            scenario.subject.inventory = entry
            if let index = scenario.inventory.accounts.firstIndex(where: { $0.handle == handle }) {
                scenario.inventory.accounts[index] = entry
            }
        }
    }

    public func tweeting(_ tweets: Tweet...) -> Scenario {
        with { $0.tweets += tweets }
    }

    public func messaging(_ conversations: Conversation...) -> Scenario {
        with { $0.conversations += conversations }
    }
}

/// The small district every example lives in.
public enum ExampleDistrict {
    public static func date(_ text: String) -> Date { TwitterDate.parse(text)! }

    public static let asOf = date("2026-11-01T00:00:00Z")

    public static let inventory = Inventory(
        district: District(name: "Haywood County Schools", emailDomains: ["haywood.k12.nc.us"],
                           websites: ["haywood.k12.nc.us"], reportRecipients: ["communications@haywood.k12.nc.us"]),
        schools: [
            School(id: "pisgah-high", name: "Pisgah High School"),
            School(id: "tuscola-high", name: "Tuscola High School"),
        ],
        people: [
            Person(email: "mreed@haywood.k12.nc.us", name: "Morgan Reed", role: .administrator, school: "pisgah-high"),
            Person(email: "tlane@haywood.k12.nc.us", name: "Taylor Lane", role: .teacher, school: "pisgah-high"),
            Person(email: "kjackson@haywood.k12.nc.us", name: "Kim Jackson", role: .teacher, school: "pisgah-high"),
            Person(email: "jdoe@haywood.k12.nc.us", name: "Jordan Doe", role: .staff, school: "pisgah-high"),
            Person(email: "sboss@haywood.k12.nc.us", name: "Sam Boss", role: .administrator, school: "district"),
            Person(email: "pking@haywood.k12.nc.us", name: "Pat King", role: .administrator, school: "tuscola-high"),
            Person(email: "kpark@haywood.k12.nc.us", name: "Kai Park", role: .teacher, school: "tuscola-high"),
        ],
        accounts: [
            InventoryAccount(handle: "pisgahhigh", accountId: "1001", tier: .primary, school: "pisgah-high",
                             createdBy: .district, managers: ["mreed@haywood.k12.nc.us"],
                             registeredEmail: "pisgahhigh.social@haywood.k12.nc.us"),
            InventoryAccount(handle: "pisgahcounselors", accountId: "1002", tier: .schoolOwned, school: "pisgah-high",
                             createdBy: .school, organization: "Pisgah High Counseling",
                             managers: ["tlane@haywood.k12.nc.us"], assignedBy: "mreed@haywood.k12.nc.us",
                             registeredEmail: "pisgahcounselors@haywood.k12.nc.us",
                             emailRoutesTo: ["mreed@haywood.k12.nc.us", "tlane@haywood.k12.nc.us"]),
            InventoryAccount(handle: "kjackson", accountId: "1003", tier: .personal, school: "pisgah-high",
                             createdBy: .individual, owner: "kjackson@haywood.k12.nc.us"),
            InventoryAccount(handle: "mslane_teaches", accountId: "1004", tier: .professional, school: "pisgah-high",
                             createdBy: .individual, owner: "tlane@haywood.k12.nc.us"),
        ])

    /// Students: Jamie (account id), Maddie (handle only), Riley and José (opted out of the directory).
    public static let jamie = Student(studentId: "S1001", school: "pisgah-high", handle: "jamie_hoops7", accountId: "880001",
                                      firstName: "Jamie", lastName: "Student")
    public static let maddie = Student(studentId: "S1002", school: "pisgah-high", handle: "maddierunsxc",
                                       firstName: "Maddie", lastName: "Runner")
    public static let riley = Student(studentId: "S1003", school: "pisgah-high", handle: "rbarnes_10", accountId: "880003",
                                      firstName: "Riley", lastName: "Barnes", directoryOptOut: true)
    public static let jose = Student(studentId: "S1004", school: "pisgah-high", handle: "jpena", accountId: "880004",
                                     firstName: "José", lastName: "Peña", directoryOptOut: true)
    public static let students = [jamie, maddie, riley, jose]

    public static var policy: Policy {
        var policy = Policy()
        policy.organizations = ["ncpublicschools", "haywoodcountync"]
        policy.approvedApps = ["SchoolPointe"]
        return policy
    }
}

/// Example content: tweets and conversations as the archive reader gives them.
public enum ExampleContent {
    static let base = ExampleDistrict.date("2026-10-01T15:00:00Z")

    /// Someone a tweet can name: an id and a screen name.
    public struct Who: Sendable {
        public var id: String?
        public var name: String
        public init(_ id: String?, _ name: String) {
            self.id = id
            self.name = name
        }
        var mention: Mention { Mention(screenName: name, userId: id) }
    }

    public static let jamie = Who("880001", "jamie_hoops7")
    /// In the roster by handle only; the mention carries Twitter's id, which the roster lacks.
    public static let maddie = Who("880002", "MaddieRunsXC")
    public static let riley = Who("880003", "rbarnes_10")
    public static let ncPublicSchools = Who("5001", "NCPublicSchools")
    public static let counselors = Who("1002", "pisgahcounselors")
    public static let sportsZone = Who("7001", "WNCSportsZone")
    public static let parent = Who("7002", "proud_parent")

    public static func post(_ text: String, id: String = "1850000000000000001", mentioning: [Who] = []) -> Tweet {
        Tweet(id: id, createdAt: base, text: text, mentions: mentioning.map(\.mention))
    }

    /// A reply to `who`'s tweet; the reply's leading @ is a mention, as Twitter writes it.
    public static func reply(to who: Who, _ text: String, id: String = "1850000000000000002", alsoMentioning: [Who] = []) -> Tweet {
        Tweet(id: id, createdAt: base.addingTimeInterval(60), text: "@\(who.name) " + text,
              mentions: ([who] + alsoMentioning).map(\.mention),
              inReplyToStatusId: "1849999999999999999", inReplyToUserId: who.id, inReplyToScreenName: who.name)
    }

    /// A retweet: `RT @name: text`, the author as the first mention and as the retweeted account.
    public static func retweet(of who: Who, _ text: String, id: String = "1850000000000000003") -> Tweet {
        Tweet(id: id, createdAt: base.addingTimeInterval(120), text: "RT @\(who.name): " + text,
              mentions: [who.mention], retweetOf: who.mention)
    }

    /// A quote of `who`'s tweet, as the archive gives one: the quoted tweet's id, and its link
    /// (shortened in the text, whole among the links).
    public static func quote(of who: Who, _ text: String, id: String = "1850000000000000004") -> Tweet {
        let quoted = "1849999999999999998"
        return Tweet(id: id, createdAt: base.addingTimeInterval(180), text: text + " https://t.co/q0000000",
                     quotedTweetId: quoted, quotedScreenName: who.name, urls: ["https://twitter.com/\(who.name)/status/\(quoted)"])
    }

    /// A one-to-one conversation between the account `own` and `other`.
    public static func dm(_ own: String, with other: String, messages: Int = 2) -> Conversation {
        let ids = [own, other].sorted()
        var list: [DirectMessage] = []
        for i in 0..<messages {
            let fromOwn = i % 2 == 0
            let sender: String = fromOwn ? own : other
            let recipient: String = fromOwn ? other : own
            let at: Date = base.addingTimeInterval(Double(i) * 300)
            list.append(DirectMessage(id: "m\(i)", senderId: sender, recipientId: recipient, text: "see you at practice", createdAt: at))
        }
        return Conversation(id: "\(ids[0])-\(ids[1])", kind: .oneToOne, messages: list, participantIds: Set([own, other]))
    }

    /// A group conversation with these participants (as its join and participant events name them).
    public static func group(_ participants: [String], id: String = "1587000000000000000") -> Conversation {
        let list = [DirectMessage(id: "g1", senderId: participants[0], text: "bus leaves at 7", createdAt: base)]
        return Conversation(id: id, kind: .group, name: "Team", messages: list, participantIds: Set(participants))
    }
}
