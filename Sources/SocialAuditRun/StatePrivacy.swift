import Foundation
import SocialAuditArchive
import SocialAuditCore
import SocialAuditRules

extension CachedAudit {
    /// What the state keeps of an archive, with the free text of its profile and applications
    /// masked by the reports' masker: the state is kept for years, and a later run needs these
    /// only as the reports show them.
    func masked(by district: DistrictContext) -> CachedAudit {
        var copy = self
        let accountName = copy.subject.archiveAccount?.displayName.map(district.masked)
        copy.subject.archiveAccount?.displayName = accountName
        copy.subject.profile = copy.subject.profile.map { Self.masked($0, district) }
        let manifestName = copy.subject.manifest?.displayName.map(district.masked)
        copy.subject.manifest?.displayName = manifestName
        copy.subject.applications = copy.subject.applications.map { app in
            var app = app
            app.name = district.masked(app.name)
            app.description = app.description.map(district.masked)
            app.organizationName = app.organizationName.map(district.masked)
            return app
        }
        let readAccountName = copy.reading.account?.displayName.map(district.masked)
        copy.reading.account?.displayName = readAccountName
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
