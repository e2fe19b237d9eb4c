import Foundation

/// Two long posts of one thread made in the same second, each cut in `tweets.js` and whole in
/// `note-tweet.js`, and a short third post of that second. Each cut falls inside what a reader
/// sees as one letter: a family emoji, a Cyrillic letter with its breve written apart.
public enum SameSecondThread {
    public static let createdAt = "Tue Mar 05 14:07:00 +0000 2024"
    public static let roboticsId = "1765000000000000001"
    public static let choirId = "1765000000000000002"
    public static let shortId = "1765000000000000003"

    /// As the archive writes it (`&amp;`); the opted-out student's name only after the cut.
    static let roboticsWhole = "Huge congrats to our robotics &amp; coding club 🤖🎉 at the regional finals in Asheville! "
        + "Our families came out in force 👩\u{200D}👩\u{200D}👧\u{200D}👦 and cheered every round. Thank you to "
        + "Ms. Okafor, Coach Davis &amp; every volunteer who drove, cooked and stayed late. Photos by Riley Barnes "
        + "are on the club page, and the trophy is in the front office all week."
    static let roboticsCut = "Huge congrats to our robotics &amp; coding club 🤖🎉 at the regional finals in Asheville! "
        + "Our families came out in force 👩\u{200D}👩… https://t.co/Rb0tX7kQ2d"

    static let choirWhole = "Спасибо всем родителям, которые пришли на весенни\u{306} концерт хора! 🎶 Дети готовились "
        + "два месяца, и это было слышно в каждой песне. Особая благодарность нашему аккомпаниатору и всем, кто "
        + "помогал с костюмами. Следующий концерт — в мае, приходите всей семьей."
    static let choirCut = "Спасибо всем родителям, которые пришли на весенни…"

    /// The whole texts as the audit reads them.
    public static let roboticsText = roboticsWhole.replacingOccurrences(of: "&amp;", with: "&")
    public static let choirText = choirWhole
    public static let shortText = "Поехали домой 🚌"

    public static let tweets = [
        TwitterJS.tweet(id: roboticsId, text: roboticsCut, createdAt: createdAt),
        TwitterJS.tweet(id: choirId, text: choirCut, createdAt: createdAt),
        TwitterJS.tweet(id: shortId, text: shortText, createdAt: createdAt),
    ]

    /// In the other order than the tweets, at other fractions of the second.
    public static let notes = TwitterJS.file("note_tweet", [
        TwitterJS.note(id: "1765000000000000900", createdAt: "2024-03-05T14:07:00.734Z", text: choirWhole),
        TwitterJS.note(id: "1765000000000000901", createdAt: "2024-03-05T14:07:00.219Z", text: roboticsWhole),
    ])
}
