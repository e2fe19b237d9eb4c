import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditMail
import SocialAuditReport
import SocialAuditRules
import SocialAuditState

/// What `validate` checks beyond the inputs `InputOptions.load` reads: each thing a run stops on
/// (exit 2), through the call the run makes, and the mail route `--mail` uses. Nothing is written
/// and no mail is sent.
public struct RunNeeds {
    let district: DistrictInputs
    /// Whether the review file was named (then a missing one is a problem).
    let reviewsRequired: Bool

    public init(district: DistrictInputs, reviewsRequired: Bool) {
        self.district = district
        self.reviewsRequired = reviewsRequired
    }

    /// Every problem after the archives folder's that would stop the run, or its mail, in the run's order.
    public func problems() -> [String] {
        let configuration = district.configuration
        var problems: [String] = []
        do {
            _ = try ReviewsReader.load(configuration.reviews, required: reviewsRequired)
        } catch {
            problems += error.problems.map(\.description)
        }
        do {
            _ = try configuration.reportTemplates()
        } catch {
            problems.append(error.localizedDescription)
        }
        problems += Self.stateProblems(configuration.state)
        if mailRouteGiven { problems += MailSettings.transport(configuration.mail).problems }
        return problems
    }

    /// Whether the configuration names the mail route (`mail.sendmail` or `mail.smtp`).
    private var mailRouteGiven: Bool {
        district.configuration.mail.sendmail != nil || district.configuration.mail.smtpHost != nil
    }

    /// The default mail route's faults: a district that does not send mail needs none, so they
    /// are warnings (the route it names itself is checked as an error).
    public func warnings() -> [String] {
        let captures = captureProblems()
        guard !mailRouteGiven else { return captures }
        return captures + MailSettings.transport(district.configuration.mail).problems.map { $0 + "; run --mail could not deliver" }
    }

    /// What a run would say of the capture files: a run reads the rest of a file past a bad line,
    /// and the archives without any capture, so these are warnings.
    func captureProblems() -> [String] {
        guard let folder = district.configuration.captures else { return [] }
        let files: [URL]
        do {
            files = try CaptureReader.files(in: folder)
        } catch {
            return ["\(folder.path): the captures folder cannot be read (\(error.localizedDescription)); the run reads archives only"]
        }
        return files.flatMap { CaptureReader.read(file: $0).problems.map { "capture \($0.description)" } }
    }

    /// The state as a run opens it, without writing: `run` stops on the same faults.
    static func stateProblems(_ state: URL) -> [String] {
        do {
            try StateStore.checkWritable(state)
            _ = try StateStore(existing: state)
        } catch is StateStore.NotCurrent {
            // No state yet, or one a run migrates: both are usable.
        } catch let error as StateError {
            return [error.localizedDescription]
        } catch {
            return ["the state file \(state.path) cannot be used: \(error.localizedDescription)"]
        }
        return []
    }

    /// Whom each archive belongs to and how it matches the inventory, with each archive's name
    /// and problems masked as the reports mask them. Throws when the folder cannot be listed.
    public func archives() throws -> (summary: ArchivesSummary, warnings: [String]) {
        let folder = district.configuration.archives
        let listing = try ArchiveDiscovery.list(folder)
        let context = DistrictContext(inventory: district.inventory.inventory, students: district.roster.students,
                                      policy: district.configuration.policy, lexicon: .configured(district.configuration.policy.lexicon), asOf: Date())
        let readings = listing.sources.map { ArchiveReader(source: $0).identify() }
        let identities = readings.map {
            ArchiveIdentity(accountId: $0.account?.accountId, username: $0.account?.username, made: $0.generationDate)
        }
        let matching = ArchiveMatching.match(identities, to: district.inventory.inventory)
        let problems = readings.map { reading in
            reading.problems.map(context.masked).map { [$0.place, $0.message].filter { !$0.isEmpty }.joined(separator: ": ") }
        }
        let summary = ArchivesSummary(folder: folder.path, matching: matching, names: readings.map { context.masked($0.source.name) },
                                      problems: problems, inventory: district.inventory.inventory)
        var warnings = listing.ignored.map {
            "\(folder.lastPathComponent)/\(context.masked($0)) is neither a .zip nor a folder: a run passes over it"
        }
        if listing.sources.isEmpty { warnings.append("\(folder.path) holds no archives: a run finds no account's archive") }
        return (summary, warnings)
    }
}
