/// The policy's sentences the rules cite, word for word from
/// docs/policy/twitter-practice-and-procedures.txt (a test checks each one is there).
enum PolicyText {
    static let primaryCreated = "These accounts will be created by HCS and will use a specific email account designed for this purpose."
    static let primaryShared = "Primary school accounts will be shared with one administrator for use outside of the realm of website push notifications."
    static let primaryRetweet = "One administrator can use this access to retweet posts from other organizations or to post directly to twitter."
    static let oneManager = "Accounts should only be assigned to one manager."
    static let noSharing = "Usernames and passwords should not be shared."
    static let schoolOwnedCreated = "These accounts will be created by HCS or the school, not individuals, and will represent the school and the organization they are highlighting."
    static let assignManager = "Administrators can assign an account manager (teacher) for these accounts, using a district issued email address for the purpose of this account."
    static let routing = "The district issued email address will route to the admin and the manager of the account."
    static let endUserCreated = "These accounts will be created by the end user and will represent the end user."
    static let notDirectly = "At any time, end users may post news and information regarding clubs, sporting events, etc. as long as they are not directly communicating with individual students."
    static let professionalNature = "Users must limit posts on this account to information that is of a professional nature and conduct themselves accordingly."
    static let individualNotRepresent = "Individual accounts do not represent Haywood County Schools or the school where the end user is employed."
    static let boardPolicy = "Direct communication with students is a violation of board policy."
    static let feedAndPrivate = "This includes messages posted to your feed as well as private messages."

    /// Citations that are not sentences of the policy text.
    static let boardPolicyReview = "board policy"
    static let districtPractice = "district practice"
}
