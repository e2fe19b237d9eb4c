import Foundation
import SocialAuditCore

// MARK: - The inventory (JSON or XML)

extension InputReference {
    static let inventoryComment = comment(in: "inventory")

    public static let inventory = InputObject("", "The district's schools, staff and accounts.", [
        schema(.inventory),
        inventoryComment,
        InputField("district", .object(district), required: true, xml: .element("district"), "The district itself."),
        InputField("schools", .objects(school), default: .texts([]), xml: .list("schools", item: "school"),
                   "The district's schools; each gets its own report."),
        InputField("people", .objects(person), default: .texts([]), xml: .list("people", item: "person"),
                   "Staff, known by e-mail address: the managers, owners and administrators that accounts name."),
        InputField("accounts", .objects(account), default: .texts([]), xml: .list("accounts", item: "account"),
                   "Every account the district knows of, with its tier and how it is set up."),
    ])

    public static let district = InputObject("district", "The district: its name, e-mail domains, websites and who receives its summary.", [
        inventoryComment,
        InputField("name", .text, required: true, xml: .attribute, "The district's name, as the reports show it."),
        InputField("emailDomains", .texts, default: .texts([]), xml: .repeated("emailDomain"),
                   "The district's e-mail domains: an account registered with an address outside them is reported (`account.registered-email`)."),
        InputField("websites", .texts, default: .texts([]), xml: .repeated("website"),
                   "The district's websites: a personal account whose profile links to one presents itself as official (`personal.claims-official`)."),
        InputField("reportRecipients", .mailboxes, default: .texts([]), xml: .repeated("reportRecipient"),
                   "Who receives the district's e-mail summary."),
    ])

    public static let school = InputObject("schools[]", "A school, with the people who receive its report.", [
        inventoryComment,
        InputField("id", .text, required: true, xml: .attribute,
                   "The school's short id, which people and accounts name and which names its report folder: letters, digits, `.`, `_` and `-`; unique."),
        InputField("name", .text, required: true, xml: .attribute, "The school's name, as the reports show it."),
        InputField("reportRecipients", .mailboxes, default: .texts([]), xml: .repeated("reportRecipient"),
                   "Who receives the school's e-mail summary (usually the principal)."),
    ])

    public static let person = InputObject("people[]", "A member of staff.", [
        inventoryComment,
        InputField("email", .text, required: true, xml: .attribute, "The person's e-mail address, by which accounts name them; unique."),
        InputField("name", .text, default: .described("the e-mail address"), xml: .attribute, "The person's name, as the reports show it."),
        InputField("role", .choice(Role.allCases.map(\.rawValue)), required: true, xml: .attribute, "The person's role, in the policy's words."),
        InputField("school", .text, required: true, xml: .attribute,
                   "The id of the school the person works at (matched whatever its case), or `\(Person.districtLevel)` for district level."),
    ])

    public static let account = InputObject("accounts[]", "An account the district knows of.", [
        inventoryComment,
        InputField("handle", .text, required: true, xml: .attribute,
                   "The account's handle, with or without `@`; unique, compared case-insensitively."),
        InputField("accountId", .accountId, default: .described("taken from the archive"), xml: .attribute,
                   "The account's numeric id. Archives are matched by it first, so an account keeps its archive when its handle changes."),
        InputField("tier", .choice(Tier.inventoryTiers.map(\.rawValue)), required: true, xml: .attribute,
                   "The account's tier in the policy, which decides the rules it is audited by."),
        InputField("school", .text, xml: .attribute,
                   "The id of the school whose report the account's findings go to, matched whatever its case; without one they go to `\(Finding.unassigned)`."),
        InputField("createdBy", .choice(CreatedBy.allCases.map(\.rawValue)), xml: .attribute, "Who created the account."),
        InputField("organization", .text, xml: .attribute,
                   "For a school-owned account: the school organization it speaks for (a club, a team, an office)."),
        InputField("managers", .texts, default: .texts([]), xml: .repeated("manager"),
                   "The e-mail addresses of the people who manage the account."),
        InputField("assignedBy", .text, xml: .attribute,
                   "For a school-owned account: the e-mail address of the administrator who assigned its manager."),
        InputField("registeredEmail", .text, xml: .attribute, "The e-mail address the account is registered with."),
        InputField("emailRoutesTo", .texts, default: .texts([]), xml: .repeated("emailRoutesTo"),
                   "The addresses that the registered address delivers to."),
        InputField("owner", .text, xml: .attribute,
                   "For a professional or personal account: the e-mail address of the member of staff it belongs to."),
    ])
}

// MARK: - The student roster and the reviews file

extension InputReference {
    /// Other headers that student information systems export the privacy columns under; each is
    /// read as the column, case, spaces, `_`, `-` and `.` aside (so `Opt Out` is `opt_out`).
    public static let rosterSpellings: [String: [String]] = [
        "handle": ["Twitter Handle", "twitter_handle", "X Handle"],
        "account_id": ["twitter_id", "X ID"],
        "directory_opt_out": ["Opt Out", "opt_out", "Directory Opt Out"],
    ]

    static func alsoRead(_ column: String) -> String {
        " Also read under the header " + rosterSpellings[column]!.map { "`\($0)`" }.joined(separator: ", ") + " (case, spaces and `_` aside)."
    }

    /// The roster's columns, in the order of the header socialaudit suggests.
    public static let roster = InputObject("", "One row per student, under a header row naming the columns (case, spaces and `_` aside). A header that looks like the handle, account id or opt-out column but is none of their spellings is an error, not a column passed over.", [
        InputField("student_id", .text, required: true, "The student's id in the student information system; unique."),
        InputField("school", .text, required: true, "The id of the student's school, as in the inventory."),
        InputField("handle", .text, "The student's Twitter/X handle, when known: 1 to 15 letters, digits or `_`; `@name` and a profile link (`https://x.com/name`) are read as the handle, and said once. Anything else is an error with its line." + alsoRead("handle")),
        InputField("account_id", .accountId, "The student's numeric account id, when known; unique." + alsoRead("account_id")),
        InputField("first_name", .text, required: true,
                   "The student's first name, used only to recognize the student in tweets; never written to any output."),
        InputField("last_name", .text, required: true, "The student's last name, used in the same way."),
        InputField("directory_opt_out", .boolean, default: .boolean(false),
                   "`true` when the family opted out of directory information (FERPA): a tweet that names the student is reported. `yes`/`no`, `y`/`n` and `1`/`0` are read too. A roster without this column is an error, unless the configuration's `roster.optOutColumn` names the district's own header or says `none`." + alsoRead("directory_opt_out")),
    ])

    /// An entry of the reviews file.
    public static let review = InputObject("[]", "A reviewed finding.", [
        InputField("fingerprint", .text, required: true,
                   "The finding's fingerprint, as `findings.csv` gives it: the same finding has the same fingerprint in every run."),
        InputField("reviewer", .text, "Who reviewed the finding."),
        InputField("date", .date, "When it was reviewed."),
        InputField("note", .text, "Why the finding stands as it is (a false positive, an accepted exception)."),
        InputField("expires", .date,
                   "The last day the review holds; after it the finding is open again. Without it the review does not expire."),
    ])
}
