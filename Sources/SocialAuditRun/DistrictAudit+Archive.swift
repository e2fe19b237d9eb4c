import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory
import SocialAuditRules
import SocialAuditState

/// One archive's audit: restored from the state when nothing it depends on has changed, else
/// read once with every record fed to the account's rule pass; then the account's checks.
extension DistrictAudit {
    /// What one archive's audit gives.
    struct ArchiveOutcome: Sendable {
        var reading: ArchiveReading
        var findings: [Finding] = []
        var audited: AuditedAccount?
        var tweets = 0
        var messages = 0
        var cache: CachedArchive?
        var reused = false
        /// Whether the whole archive was read: its findings that are gone are resolved.
        var complete = false
    }

    /// Audits one archive: from the state when its content and the inputs are unchanged, else by
    /// reading it once and feeding every record to the account's rule pass.
    func audit(_ source: ArchiveSource, entry: InventoryAccount?, byId: Bool, district: DistrictContext, key: String,
               partWorkers: Int = 1, prior: Prior? = nil, notes: [ArchiveProblem] = [],
               captured: MatchedCaptures.Account? = nil) async -> ArchiveOutcome {
        let subject = AccountSubject(tier: entry?.tier ?? .unregistered, inventory: entry, hasArchive: true,
                                     archiveName: source.name, matchedByAccountId: byId)
        var pass = RulePass(subject: subject, district: district)
        // The captures' pairs of students' handles and ids serve the archive's conversations too.
        let key = captured.map { $0.keyPart.isEmpty ? key : key + " " + $0.keyPart } ?? key
        if let captured { pass.learnHandles(pairs: captured.studentHandles) }
        // Unchanged in size and time since the state remembered it, with the same inputs (as
        // ``prepare(remembered:)`` found it): restored as it is.
        if let prior, let cached = prior.cached, let unchanged = prior.unchanged, cached.inputsKey == key {
            return finish(&pass, restoring: unchanged, ArchiveOutcome(reading: unchanged.reading, cache: cached, reused: true),
                          notes: notes, captured: captured)
        }
        // What prepare learned is not learned again (a folder's files are walked once).
        let listing = prior.map(\.listing) ?? ArchiveContent.listing(source)
        let stored = prior?.asked == true ? prior?.cached : (try? state?.cachedArchive(path: source.url.path)).flatMap { $0 }
        let remembered = full ? nil : stored.flatMap { $0.inputsKey == key ? $0 : nil }
        var content: ArchiveContent.Signature?
        var cached: CachedArchive?
        if let listing, let remembered {
            if remembered.size == listing.size, remembered.modified == listing.modified {
                // Same size and time as when it was read: unchanged, without reading it.
                cached = remembered
            } else if remembered.contentHash != nil, let signature = ArchiveContent.signature(source, listing) {
                content = signature
                cached = signature.hash == remembered.contentHash ? remembered : nil
            }
        }
        // The audit prepare read for the same size and time, else the state's for the same content.
        if let cached, let saved = prior?.unchanged ?? state?.cachedAudit(path: source.url.path) {
            var outcome = ArchiveOutcome(reading: saved.reading, cache: cached, reused: true)
            if let content {
                // The same bytes at a new time: remember the new time.
                outcome.cache?.size = content.size
                outcome.cache?.modified = content.modified
            }
            return finish(&pass, restoring: saved, outcome, notes: notes, captured: captured)
        }
        let fed = await read(source, listing: listing, stored: stored, content: content, key: key, district: district,
                             partWorkers: partWorkers, pass: pass)
        pass = fed.pass
        return finish(&pass, fed.outcome, notes: notes, captured: captured)
    }

    /// An archive read once, every record fed to the account's rule pass, with what the state is
    /// to remember of it. `content`: its signature, when it was hashed to compare with the state's.
    private func read(_ source: ArchiveSource, listing: ArchiveContent.Listing?, stored: CachedArchive?,
                      content: ArchiveContent.Signature?, key: String, district: DistrictContext, partWorkers: Int,
                      pass: RulePass) async -> (outcome: ArchiveOutcome, pass: RulePass) {
        // The hash serves a later run only if the archive is copied again with the same bytes
        // (a new time, the same size): it is made once the state has seen that happen, and kept
        // while size and time stay as remembered. A zip's is made in a child task while the
        // archive is read; a folder's data files are hashed by the reader as it reads them.
        let sameSize = stored != nil && stored?.size == listing?.size
        let hashing = content == nil && sameSize && stored?.modified != listing?.modified
        let zipListing = hashing && source.kind == .zip ? listing : nil
        async let zipHashed = zipListing.flatMap { ArchiveContent.signature(source, $0) }
        var reader = ArchiveReader(source: source)
        reader.partWorkers = partWorkers
        reader.hashesDataFiles = hashing
        // Part files read at once run the tweets' rules on their own threads, each in a
        // shard of the pass (made after the account's identity was read), merged after.
        var pass = pass
        var shards: [PassShard] = []
        var shardsLearned = false
        let reading = reader.read({ record in
            // Conversations come after every tweet: the shards' tweets are all read by then.
            if case .conversation = record, !shardsLearned {
                shardsLearned = true
                pass.learnHandles(from: shards.map(\.pass))
            }
            pass.add(record)
        }, tweetConsumer: {
            let shard = PassShard(pass.shard())
            shards.append(shard)
            return shard
        })
        pass.merge(shards.map(\.pass))
        pass.add(problems: reading.problems)
        var outcome = ArchiveOutcome(reading: reading)
        // The account checks see the account as later runs restore it from the state: the same findings either way.
        let kept = CachedAudit(subject: pass.subject, contentFindings: pass.contentFindings, tweets: pass.tweetsScanned,
                               conversations: pass.conversationsScanned, messages: pass.messagesScanned, reading: reading)
            .masked(by: district)
        pass.restore(subject: kept.subject, contentFindings: kept.contentFindings, tweets: kept.tweets,
                     conversations: kept.conversations, messages: kept.messages)
        let carried = sameSize && !hashing ? stored?.contentHash : nil
        let hashed = await zipHashed
        if let content = content ?? hashed
            ?? listing.flatMap({ hashing ? ArchiveContent.signature(source, $0, known: reading.digests) : .init($0, hash: carried) }) {
            outcome.cache = CachedArchive(path: source.url.path, size: content.size, modified: content.modified,
                                          contentHash: content.hash, inputsKey: key, audit: kept)
        }
        return (outcome, pass)
    }

    /// The outcome of a pass restored from what the state remembers.
    private func finish(_ pass: inout RulePass, restoring saved: CachedAudit, _ outcome: ArchiveOutcome,
                        notes: [ArchiveProblem], captured: MatchedCaptures.Account?) -> ArchiveOutcome {
        pass.restore(subject: saved.subject, contentFindings: saved.contentFindings, tweets: saved.tweets,
                     conversations: saved.conversations, messages: saved.messages)
        return finish(&pass, outcome, notes: notes, captured: captured)
    }

    /// The outcome, with the account-wide findings and the counts of the pass. `notes` are
    /// problems of this run only (not remembered with the archive's content).
    private func finish(_ pass: inout RulePass, _ outcome: ArchiveOutcome, notes: [ArchiveProblem],
                        captured: MatchedCaptures.Account?) -> ArchiveOutcome {
        var outcome = outcome
        // After the archive is remembered: the captures change from night to night, the archive does not.
        if let captured { pass.add(captured: captured.findings, source: captured.source) }
        outcome.complete = outcome.reading.problems.isEmpty
        pass.add(problems: notes)
        outcome.reading.problems += notes
        outcome.findings = pass.finish()
        outcome.audited = pass.audited
        outcome.tweets = pass.tweetsScanned
        outcome.messages = pass.messagesScanned
        return outcome
    }
}
