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
        var copy = self
        let accountName = copy.subject.archiveAccount?.displayName.map(district.masked)
        copy.subject.archiveAccount?.displayName = accountName
        // A student's own archive gives the student's address (`jamie.hollis@…`).
        let accountEmail = copy.subject.archiveAccount?.email.map(district.masked)
        copy.subject.archiveAccount?.email = accountEmail
        copy.subject.profile = copy.subject.profile.map { Self.masked($0, district) }
        let manifestUsername = copy.subject.manifest?.userName.map(district.masked)
        copy.subject.manifest?.userName = manifestUsername
        let readManifestUsername = copy.reading.manifest?.userName.map(district.masked)
        copy.reading.manifest?.userName = readManifestUsername
        let manifestName = copy.subject.manifest?.displayName.map(district.masked)
        copy.subject.manifest?.displayName = manifestName
        copy.subject.applications = copy.subject.applications.map { app in
            var app = app
            app.name = district.masked(app.name)
            app.description = app.description.map(district.masked)
            app.organizationName = app.organizationName.map(district.masked)
            return app
        }
        // The archive's file or folder name, and its account's username: a student's own archive
        // may be named after the student. Later runs show them only as the reports do, masked.
        copy.subject.archiveName = copy.subject.archiveName.map(district.masked)
        let username = copy.subject.archiveAccount.map { district.masked($0.username) }
        if let username { copy.subject.archiveAccount?.username = username }
        copy.subject.applications = copy.subject.applications.map { app in
            var app = app
            app.organizationURL = app.organizationURL.map(district.masked)
            return app
        }
        let source = copy.reading.source
        copy.reading.source = ArchiveSource(url: source.url.deletingLastPathComponent()
            .appendingPathComponent(district.masked(source.url.lastPathComponent)), kind: source.kind)
        let readUsername = copy.reading.account.map { district.masked($0.username) }
        if let readUsername { copy.reading.account?.username = readUsername }
        let readAccountName = copy.reading.account?.displayName.map(district.masked)
        copy.reading.account?.displayName = readAccountName
        let readAccountEmail = copy.reading.account?.email.map(district.masked)
        copy.reading.account?.email = readAccountEmail
        copy.reading.profile = copy.reading.profile.map { Self.masked($0, district) }
        let readManifestName = copy.reading.manifest?.displayName.map(district.masked)
        copy.reading.manifest?.displayName = readManifestName
        return copy
    }

    private static func masked(_ profile: Profile, _ district: DistrictContext) -> Profile {
        Profile(bio: profile.bio.map(district.masked), website: profile.website.map(district.masked),
                location: profile.location.map(district.masked))
    }
}
