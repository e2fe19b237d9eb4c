import Foundation
import SocialAuditCore

/// `inventory.unregistered-archive`: an archive whose account the inventory does not know.
struct UnregisteredArchiveRule: Rule {
    let description = RuleDescription(
        id: "inventory.unregistered-archive",
        name: "Archive of an account not in the inventory",
        summary: "An archive's account matches no inventory account (by account id, then handle).",
        concern: .coverage,
        severities: [(.unregistered, .medium)],
        policy: [PolicyText.districtPractice],
        remedy: "Find whose account it is: add it to the inventory with its tier and school, or take the archive out of the archives folder.",
        actor: .districtCommunications,
        triggering: [
            RuleExample("an archive nobody registered", Scenario.account(.unregistered)),
            RuleExample("an unregistered archive with tweets", Scenario.account(.unregistered).tweeting(ExampleContent.post("hello"))),
        ],
        nonTriggering: [
            RuleExample("a registered account", Scenario.account(.personal)),
            RuleExample("an archive whose account cannot be read at all (archive.unreadable says it)", Scenario.account(.unregistered).with {
                $0.subject.archiveAccount = nil
                $0.subject.problems = [ArchiveProblem(archive: "twitter-x.zip", message: "the archive's account cannot be read")]
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard account.tier == .unregistered, let archiveAccount = account.archiveAccount else { return }
        report.report(
            Evidence(kind: .archive, time: account.manifest?.generationDate, compared: [
                ComparedValue("archive", account.archiveName ?? ""),
                ComparedValue("username", "@" + archiveAccount.username),
                ComparedValue("account id", archiveAccount.accountId),
            ], key: archiveAccount.accountId),
            "The archive of @\(archiveAccount.username) (\(archiveAccount.accountId)) matches no inventory account")
    }
}

/// `inventory.missing-archive`: an inventory account whose archive was not in the run. Its
/// findings from earlier runs stay open, not re-checked, until its archive is read again.
struct MissingArchiveRule: Rule {
    let description = RuleDescription(
        id: "inventory.missing-archive",
        name: "No archive for an inventory account",
        summary: "An inventory account has no archive and no X API capture in the run: medium for primary and school-owned accounts, "
            + "low for staff accounts. Its earlier findings stay open, marked not re-checked since its archive was last read.",
        concern: .coverage,
        severities: [(.primary, .medium), (.schoolOwned, .medium), (.professional, .low), (.personal, .low)],
        policy: [PolicyText.districtPractice],
        remedy: "Ask the account's manager or owner to request the archive from X and put it in the archives folder, or capture the account's timeline with the X API.",
        actor: .accountManager,
        triggering: [
            RuleExample("a primary account without an archive", Scenario.account(.primary).with {
                $0.subject.hasArchive = false
                $0.subject.archiveAccount = nil
            }),
            RuleExample("a school-owned account without an archive", Scenario.account(.schoolOwned).with {
                $0.subject.hasArchive = false
                $0.subject.archiveAccount = nil
            }),
            RuleExample("a personal account without an archive (low)", Scenario.account(.personal).with {
                $0.subject.hasArchive = false
                $0.subject.archiveAccount = nil
            }),
        ],
        nonTriggering: [
            RuleExample("an archive was read", Scenario.account(.primary)),
            RuleExample("a professional account whose archive was read", Scenario.account(.professional)),
            RuleExample("no archive, but the X API captures hold the account's tweets", Scenario.account(.professional).with {
                $0.subject.hasArchive = false
                $0.subject.archiveAccount = nil
                $0.subject.captured = CaptureSource(accountId: "1004", username: "mslane_teaches", files: ["timelines.jsonl"],
                                                    tweets: 12, newest: ExampleDistrict.date("2026-10-31T18:00:00Z"))
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard !account.hasArchive, account.captured == nil, let entry = account.inventory else { return }
        report.report(
            Evidence(kind: .inventory, compared: [ComparedValue("inventory account", "@\(Handle.normalized(entry.handle)) (\(entry.tier.label))")]),
            "No archive of @\(Handle.normalized(entry.handle)) was in this run")
    }
}

/// `inventory.stale-archive`: an archive too old to say what the account does now.
struct StaleArchiveRule: Rule {
    let description = RuleDescription(
        id: "inventory.stale-archive",
        name: "Stale archive",
        summary: "The archive was generated more than staleAfterDays days before the run's as-of date.",
        concern: .coverage,
        severities: [(.primary, .low), (.schoolOwned, .low), (.professional, .low), (.personal, .low), (.unregistered, .low)],
        policy: [PolicyText.districtPractice],
        remedy: "Ask the account's manager or owner for a new archive: the audit of the account is only as new as its archive.",
        actor: .accountManager,
        triggering: [
            RuleExample("generated in June, audited in November", Scenario.account(.schoolOwned).with {
                $0.subject.manifest?.generationDate = ExampleDistrict.date("2026-06-01T10:00:00Z")
            }),
            RuleExample("36 days old with the default of 35, though made late in the day", Scenario.account(.personal).with {
                $0.subject.manifest?.generationDate = ExampleDistrict.date("2026-09-26T22:00:00Z")
            }),
        ],
        nonTriggering: [
            RuleExample("four days old", Scenario.account(.primary)),
            RuleExample("exactly 35 days old, made late in the day", Scenario.account(.personal).with {
                $0.subject.manifest?.generationDate = ExampleDistrict.date("2026-09-27T23:30:00Z")
            }),
            RuleExample("no manifest, so no generation date to judge", Scenario.account(.professional).with { $0.subject.manifest = nil }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard account.hasArchive, let generated = account.manifest?.generationDate else { return }
        // Whole calendar days (UTC) between the day the archive was made and the run's date.
        let day = { (date: Date) in Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }
        let age = day(district.asOf) - day(generated)
        guard age > district.policy.staleAfterDays else { return }
        report.report(
            Evidence(kind: .archive, time: generated, compared: [
                ComparedValue("archive generated", TwitterDate.day(generated)),
                ComparedValue("age", "\(age) days"),
                ComparedValue("stale after", "\(district.policy.staleAfterDays) days"),
            ], key: account.archiveName),
            "The archive is \(age) days old (generated \(TwitterDate.day(generated))); ask for a new one")
    }
}

/// `inventory.handle-changed`: the account was renamed since the inventory was written.
struct HandleChangedRule: Rule {
    let description = RuleDescription(
        id: "inventory.handle-changed",
        name: "Handle changed",
        summary: "The archive's username differs from the inventory handle of the account with the same account id.",
        concern: .coverage,
        severities: [(.primary, .low), (.schoolOwned, .low), (.professional, .low), (.personal, .low)],
        policy: [PolicyText.districtPractice],
        remedy: "Update the handle in the inventory to the archive's username, after checking with the manager why the account was renamed.",
        actor: .districtCommunications,
        triggering: [
            RuleExample("renamed with an underscore", Scenario.account(.schoolOwned).with {
                $0.subject.archiveAccount?.username = "pisgah_counselors"
            }),
            RuleExample("renamed altogether", Scenario.account(.personal).with { $0.subject.archiveAccount?.username = "coach_kj" }),
        ],
        nonTriggering: [
            RuleExample("the same name in another case", Scenario.account(.primary).with { $0.subject.archiveAccount?.username = "PisgahHigh" }),
            RuleExample("matched by handle (the inventory has no id to compare)", Scenario.account(.personal).with {
                $0.subject.matchedByAccountId = false
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard account.matchedByAccountId, let entry = account.inventory, let username = account.archiveAccount?.username,
              Handle.normalized(username) != Handle.normalized(entry.handle) else { return }
        report.report(
            Evidence(kind: .account, compared: [
                ComparedValue("inventory handle", "@" + Handle.normalized(entry.handle)),
                ComparedValue("archive username", "@" + username),
            ], key: Handle.normalized(username)),
            "The account is now @\(username); the inventory says @\(Handle.normalized(entry.handle))")
    }
}

/// `inventory.bad-reference`: an inventory account names a school the inventory does not define.
struct BadReferenceRule: Rule {
    let description = RuleDescription(
        id: "inventory.bad-reference",
        name: "Undefined school",
        summary: "An inventory account names a school that the inventory does not define; it is still audited by every rule that does not depend on its school.",
        concern: .coverage,
        severities: [(.primary, .medium), (.schoolOwned, .medium), (.professional, .medium), (.personal, .medium)],
        policy: [PolicyText.districtPractice],
        remedy: "Correct the inventory entry so that it names a school and people the inventory defines.",
        actor: .districtCommunications,
        triggering: [
            RuleExample("a school that is not in the inventory", Scenario.account(.professional).inventoryEntry { $0.school = "canton-middle" }),
            RuleExample("a misspelt school id", Scenario.account(.primary).inventoryEntry { $0.school = "pisgah-hgh" }),
        ],
        nonTriggering: [
            RuleExample("a defined school", Scenario.account(.professional)),
            RuleExample("an unregistered archive has no inventory entry to judge", Scenario.account(.unregistered)),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        guard let school = account.inventory?.school, !district.definesSchool(school) else { return }
        report.report(
            Evidence(kind: .inventory, compared: [ComparedValue("inventory school", school)], key: school),
            "The inventory names school '\(school)', which it does not define")
    }
}

/// `archive.unreadable`: an archive, or a file in it, that could not be read or parsed.
struct UnreadableArchiveRule: Rule {
    let description = RuleDescription(
        id: "archive.unreadable",
        name: "Archive could not be read",
        summary: "An archive, or a file in it, cannot be read or parsed; what could be read is still audited.",
        concern: .coverage,
        severities: [(.primary, .medium), (.schoolOwned, .medium), (.professional, .medium), (.personal, .medium), (.unregistered, .medium)],
        policy: [PolicyText.districtPractice],
        remedy: "Download the account's archive again and replace the damaged one; what could be read was audited, the rest was not.",
        actor: .accountManager,
        triggering: [
            RuleExample("a truncated tweets file", Scenario.account(.personal).with {
                $0.subject.problems = [ArchiveProblem(archive: "twitter-kj.zip", file: "data/tweets.js", offset: 2706, line: 99,
                                                      message: "the file ends inside record 3; the file is truncated")]
            }),
            RuleExample("a file that is not a zip", Scenario.account(.unregistered).with {
                $0.subject.archiveAccount = nil
                $0.subject.problems = [ArchiveProblem(archive: "garbage.zip", message: "this is not a zip archive")]
            }),
        ],
        nonTriggering: [
            RuleExample("an archive read whole", Scenario.account(.primary)),
            RuleExample("no archive at all (inventory.missing-archive says it)", Scenario.account(.primary).with {
                $0.subject.hasArchive = false
                $0.subject.archiveAccount = nil
            }),
        ])

    func check(account: AccountSubject, in district: DistrictContext, report: inout FindingReporter) {
        // One finding per file (or per archive, for faults of the archive itself).
        var byFile: [String: [ArchiveProblem]] = [:]
        for problem in account.problems { byFile[problem.file ?? "", default: []].append(problem) }
        for file in byFile.keys.sorted() {
            let problems = byFile[file]!
            let first = problems[0]
            var compared = [ComparedValue("archive", first.archive)]
            if !file.isEmpty { compared.append(ComparedValue("file", file)) }
            compared.append(ComparedValue("problem", first.place.isEmpty ? first.message : "\(first.place): \(first.message)"))
            if problems.count > 1 { compared.append(ComparedValue("more problems in this file", "\(problems.count - 1)")) }
            report.report(
                Evidence(kind: .archive, compared: compared, key: file.isEmpty ? "(archive)" : file),
                file.isEmpty ? "The archive cannot be read: \(first.message)"
                    : "Part of the archive could not be read (\(first.place)): \(first.message); what came before was audited")
        }
    }
}
