import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditRules
import SocialAuditState

extension CachedAudit {
    /// What the state keeps of an archive, with the free text of its profile and applications
    /// masked by the reports' masker: the state is kept for years, and a later run needs these
    /// only as the reports show them.
    func masked(by district: DistrictContext) -> CachedAudit {
        let mask: @Sendable (String) -> String = { district.masked($0) }
        var copy = self
        // A student's own archive gives the student's name and address (`jamie.hollis@…`), and
        // its file or folder may be named after the student.
        copy.subject.archiveAccount = copy.subject.archiveAccount.map { Self.masked($0, mask) }
        copy.subject.profile = copy.subject.profile.map { Self.masked($0, mask) }
        copy.subject.manifest = copy.subject.manifest.map { Self.masked($0, mask) }
        copy.subject.applications = copy.subject.applications.map { app in
            var app = app
            app.name = mask(app.name)
            app.description = app.description.map(mask)
            app.organizationName = app.organizationName.map(mask)
            app.organizationURL = app.organizationURL.map(mask)
            return app
        }
        copy.subject.archiveName = copy.subject.archiveName.map(mask)
        let source = copy.reading.source
        copy.reading.source = ArchiveSource(url: source.url.deletingLastPathComponent()
            .appendingPathComponent(mask(source.url.lastPathComponent)), kind: source.kind)
        copy.reading.account = copy.reading.account.map { Self.masked($0, mask) }
        copy.reading.profile = copy.reading.profile.map { Self.masked($0, mask) }
        copy.reading.manifest = copy.reading.manifest.map { Self.masked($0, mask) }
        return copy
    }

    private static func masked(_ account: ArchiveAccount, _ mask: @Sendable (String) -> String) -> ArchiveAccount {
        var account = account
        account.username = mask(account.username)
        account.displayName = account.displayName.map(mask)
        account.email = account.email.map(mask)
        return account
    }

    private static func masked(_ manifest: ArchiveManifest, _ mask: @Sendable (String) -> String) -> ArchiveManifest {
        var manifest = manifest
        manifest.userName = manifest.userName.map(mask)
        manifest.displayName = manifest.displayName.map(mask)
        return manifest
    }

    private static func masked(_ profile: Profile, _ mask: @Sendable (String) -> String) -> Profile {
        Profile(bio: profile.bio.map(mask), website: profile.website.map(mask), location: profile.location.map(mask))
    }
}
