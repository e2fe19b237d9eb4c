import Foundation
import Logging
import SocialAuditCore
import SocialAuditInventory
import SocialAuditMail
import SocialAuditReport
import SocialAuditRules
import SocialAuditState
import SocialAuditSupport

/// The nightly run, from the district's inputs to its reports, state and e-mail: the inputs
/// checked before anything is written, the state's lock taken, every archive audited, the
/// findings' statuses from the state, the pages rendered into a new tree while the run is
/// recorded and the summaries composed (and sent), then the tree and the state made one outcome.
/// What it says on the way goes to `log` (warnings, errors, the notices of `--fail-on` and mail).
public struct NightlyRun: Sendable {
    public struct Options: Sendable {
        /// The run's date, YYYY-MM-DD (nil: today in the district's time zone).
        public var asOf: String?
        /// Audit only these schools (none: all).
        public var schools: [String] = []
        /// How many archives are read at once (nil: the number of cores).
        public var jobs: Int?
        /// Send the summaries, not only write them.
        public var mail = false
        /// Exit 1 when an unsuppressed finding has this severity or higher.
        public var failOn: Severity?
        /// Read every archive, whatever the state remembers.
        public var full = false
        /// Audit even when the archives folder shrank (else ``RunError/shrank(_:)``).
        public var acceptShrink = false
        /// Whether the review file was named (then a missing one is an error).
        public var reviewsRequired = false

        public init() {}
    }

    /// What a run gives back once its reports and state are in place.
    public struct Outcome: Sendable {
        public var result: AuditResult
        public var statuses: [String: FindingStatus]
        public var resolved: Int
        public var asOf: String
        public var out: URL
        public var mail: [MailOutcome]
        /// The inventory the archives were matched to.
        public var inventory: Inventory
        /// 0, or ``RunExit/failOnMatched`` or ``RunExit/mailNotDelivered``.
        public var exitCode: Int32
    }

    /// Runs shown in the reports' trend: the last nine and this one.
    public static let trendRuns = 9

    public let options: Options
    let log: Logger
    let progress: @Sendable (String?) -> Void

    public init(options: Options, log: Logger, progress: @escaping @Sendable (String?) -> Void = { _ in }) {
        self.options = options
        self.log = log
        self.progress = progress
    }

    /// Work that needs only the configuration, started before the inventory and roster are read:
    /// the templates parsed and, when it exists, the state opened. Its faults are reported after
    /// the inputs' own. Tasks of their own, not child tasks: they outlive the call that starts
    /// them, while the inventory and roster are read.
    public final class Ahead: Sendable {
        let configuration: Configuration
        let templates: Task<Result<ReportTemplates, any Error>, Never>
        let state: Task<Result<OpenedState, OpenedState.Failure>?, Never>

        public init(_ configuration: Configuration) {
            self.configuration = configuration
            templates = Task { Result { try configuration.reportTemplates() } }
            state = Task { OpenedState.openAhead(configuration.state, out: configuration.out, trendRuns: NightlyRun.trendRuns) }
        }

        /// A run stopped by its inputs leaves the lock file as it found it: awaited before the
        /// run says why it stopped, so the process cannot end with its own id in the file.
        public func abandon() async {
            guard case let .success(early)? = await state.value else { return }
            _ = await early.past.value  // its reading done before another run may take the lock
            early.lock.release()
        }
    }

    /// The run from where its inputs are: the templates parsed and the state opened while the
    /// inventory and roster are read.
    public func run(_ location: InputLocation, _ overrides: ConfigurationOverrides) async throws -> Outcome {
        var ahead: Ahead?
        let district: DistrictInputs
        do {
            district = try location.load(overrides) { ahead = Ahead($0) }
        } catch {
            await ahead?.abandon()
            throw error
        }
        return try await run(district, ahead: ahead)
    }

    /// The run. `ahead` is what was started with the configuration (made here if nil).
    public func run(_ district: DistrictInputs, ahead: Ahead? = nil) async throws(RunError) -> Outcome {
        let ahead = ahead ?? Ahead(district.configuration)
        let checked: Checked
        let opened: OpenedState
        let past: OpenedState.Past
        do {
            checked = try await check(district, ahead)
            (opened, past) = try await takeState(ahead)
        } catch {
            await ahead.abandon()
            throw error
        }
        defer { withExtendedLifetime(opened.lock) {} }
        let audited = try await audit(checked, opened.store, past)
        // The previous reports are removed by then; the lock goes once the run is done.
        let mail = try await publish(audited, checked, opened.store)
        var outcome = Outcome(result: audited.result, statuses: audited.lifecycle.statuses, resolved: audited.lifecycle.resolved.count,
                              asOf: checked.day, out: district.configuration.out, mail: mail,
                              inventory: district.inventory.inventory, exitCode: 0)
        outcome.exitCode = exitCode(outcome)
        opened.lock.release()
        return outcome
    }
}
