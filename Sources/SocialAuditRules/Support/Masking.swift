import SocialAuditCore

/// What every output shows of an archive passes here first: the findings as the rule pass
/// records them (evidence, summary, account), the accounts' rows and the archives' problems.
/// Connected applications, archive file and folder names, e-mail addresses and profile fields
/// are masked as tweets are, wherever a rule puts them.
extension DistrictContext {
    /// The evidence with every value that may come from an archive masked. A tweet's link names
    /// the account; when that name holds a student's, the link goes by the tweet's id alone.
    public func masked(_ evidence: Evidence) -> Evidence {
        var evidence = evidence
        evidence.text = evidence.text.map(masked)
        evidence.compared = evidence.compared.map { ComparedValue($0.label, masked($0.value)) }
        evidence.key = evidence.key.map(masked)
        if let url = evidence.url, masked(url) != url {
            evidence.url = evidence.id.flatMap { XIdentifiers.tweetURL(id: $0) }
        }
        return evidence
    }

    /// A student by roster id alone when the handle spells the student's name.
    public func masked(_ student: StudentRef) -> StudentRef {
        guard let handle = student.handle, masked(handle) != handle else { return student }
        return StudentRef(studentId: student.studentId, handle: nil)
    }

    /// An account's row: its handle and the archive's file or folder name.
    public func masked(_ account: AuditedAccount) -> AuditedAccount {
        var account = account
        account.handle = masked(account.handle)
        account.archiveName = account.archiveName.map(masked)
        account.runBy = account.runBy.map(masked)
        return account
    }

    /// A problem of an archive: the archive's name, the file inside it and the message.
    public func masked(_ problem: ArchiveProblem) -> ArchiveProblem {
        var problem = problem
        problem.archive = masked(problem.archive)
        problem.file = problem.file.map(masked)
        problem.message = masked(problem.message)
        return problem
    }
}
