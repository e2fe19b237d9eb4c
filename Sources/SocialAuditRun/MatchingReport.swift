import SocialAuditArchive
import SocialAuditCore
import SocialAuditInventory

/// How the archives a run read match the inventory (`run --verbose`). `shown` is how a value
/// from an archive is shown: on one line, the roster's students masked.
public enum MatchingReport {
    public static func render(_ matching: ArchiveMatching, readings: [ArchiveReading], inventory: Inventory,
                       shown: (String) -> String) -> String {
        var lines = ["Matching the inventory:"]
        for (index, reading) in readings.enumerated() {
            let name = shown(reading.source.name)
            if let match = matching.match(forArchive: index) {
                let account = inventory.accounts[match.account]
                lines.append("  \(name): \(account.handle) (\(account.tier.label), \(account.school ?? "no school")), by \(match.basis.rawValue)")
            } else if let newer = matching.superseded.first(where: { $0.archive == index }) {
                lines.append("  \(name): an older archive of the account of \(shown(readings[newer.by].source.name)), which is audited instead")
            } else if matching.unregistered.contains(index) {
                lines.append("  \(name): \(shown("@" + (reading.account?.username ?? "?"))) is not in the inventory (unregistered)")
            } else {
                lines.append("  \(name): the account cannot be read, so the archive matches nothing")
            }
        }
        for index in matching.missing {
            let account = inventory.accounts[index]
            lines.append("  no archive: \(account.handle) (\(account.tier.label), \(account.school ?? "no school"))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
