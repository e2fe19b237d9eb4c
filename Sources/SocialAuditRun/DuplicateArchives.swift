import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory

/// What a run says when two archives of one account are in the archives folder: the newer one
/// is audited (so staleness is judged on it) and says which older one was left out; the older
/// one is not audited and says which newer one was. No rule of the catalog covers this, so both
/// are reading problems of the archives (reported as `archive.unreadable` on the audited one).
struct DuplicateArchives: Sendable {
    /// Problems for the archive left out, by its index.
    var leftOut: [Int: ArchiveProblem] = [:]
    /// Problems for the archive audited in its place, by its index.
    var kept: [Int: [ArchiveProblem]] = [:]

    init() {}

    init(_ matching: ArchiveMatching, sources: [ArchiveSource], identities: [ArchiveIdentity]) {
        for (older, newer) in matching.superseded {
            let (old, new) = (identities[older], identities[newer])
            let made = { (identity: ArchiveIdentity) in identity.made.map { " (made \(TwitterDate.day($0)))" } ?? "" }
            let otherId = old.accountId != new.accountId
                ? "; the two give the same handle with different account ids (\(old.accountId ?? "none") and \(new.accountId ?? "none"))"
                : ""
            leftOut[older] = ArchiveProblem(archive: sources[older].name, message:
                "a newer archive of this account is in the archives folder, \(sources[newer].name)\(made(new)); "
                    + "this one\(made(old)) was not audited\(otherId)")
            kept[newer, default: []].append(ArchiveProblem(archive: sources[newer].name, message:
                "an older archive of this account is in the archives folder, \(sources[older].name)\(made(old)); "
                    + "only this newer one\(made(new)) was audited\(otherId)"))
        }
    }
}
