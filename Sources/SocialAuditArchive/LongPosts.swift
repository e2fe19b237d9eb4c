import Foundation
import SocialAuditCore

/// The whole texts of long posts, from `note-tweet.js`, and the tweets they belong to.
///
/// `tweets.js` holds a long post cut short with `…` (often followed by a link to the post); its
/// note names no tweet, so it belongs to the tweet made in the same second whose cut text it
/// begins with. Two posts of a thread made in one second so each get their own. A cut tweet
/// whose text begins none of its second's notes waits until every tweet is read: then its
/// second's one note that no tweet's text began is its own, and where that cannot be told it is said.
struct LongPosts {
    /// A note and where it was read.
    struct Note {
        var note: RecordDecoding.NoteTweet
        var file: String
        var position: RecordPosition
    }

    /// What the tweets read so far left open. Each part file read on its own thread keeps its
    /// own, merged in the files' order.
    struct Leftovers {
        /// Notes a tweet's text began, by their place in `notes`.
        var claimed: Set<Int> = []
        /// Cut tweets at a note's second whose text began none of its notes (or several).
        var held: [Tweet] = []

        mutating func merge(_ other: Leftovers) {
            claimed.formUnion(other.claimed)
            held += other.held
        }
    }

    /// A note that could not be told to its tweet: its tweet is audited on the cut text.
    struct Unplaced {
        var file: String
        var position: RecordPosition
        var message: String
    }

    private var notes: [Note] = []
    /// The notes' places in `notes` by their creation second (a tweet's time has no fraction).
    private var bySecond: [Int: [Int]] = [:]
    var leftovers = Leftovers()

    var isEmpty: Bool { notes.isEmpty }

    mutating func add(_ note: RecordDecoding.NoteTweet, file: String, position: RecordPosition) {
        bySecond[Self.second(note.createdAt), default: []].append(notes.count)
        notes.append(Note(note: note, file: file, position: position))
    }

    /// Gives a cut tweet the whole text of the one note of its second that begins with its cut
    /// text. False when the tweet must wait for ``settle()``; any other tweet is left as it is.
    mutating func join(_ tweet: inout Tweet) -> Bool {
        guard let created = tweet.createdAt, let candidates = bySecond[Self.second(created)],
              let cut = Self.cutPart(of: tweet.text) else { return true }
        let begun = cut.isEmpty ? [] : candidates.filter { notes[$0].note.text.unicodeScalars.starts(with: cut) }
        guard begun.count == 1 else {
            leftovers.held.append(tweet)
            return false
        }
        leftovers.claimed.insert(begun[0])
        Self.apply(notes[begun[0]].note, to: &tweet)
        return true
    }

    /// Once every tweet is read: a second's one open note goes to its one waiting tweet. Gives
    /// the waiting tweets, to be handed on, and the notes left open beside waiting tweets.
    /// A note whose second has no waiting tweet is left unsaid: its post is not in the archive.
    mutating func settle() -> (tweets: [Tweet], unplaced: [Unplaced]) {
        let waiting = Dictionary(grouping: leftovers.held) { Self.second($0.createdAt ?? .distantPast) }
        var tweets: [Tweet] = []
        var unplaced: [Unplaced] = []
        for (second, held) in waiting.sorted(by: { $0.key < $1.key }) {
            let open = (bySecond[second] ?? []).filter { !leftovers.claimed.contains($0) }
            if open.count == 1, held.count == 1 {
                var tweet = held[0]
                Self.apply(notes[open[0]].note, to: &tweet)
                tweets.append(tweet)
                continue
            }
            tweets += held
            for index in open {
                let note = notes[index]
                let time = TwitterDate.iso8601(note.note.createdAt)
                unplaced.append(Unplaced(file: note.file, position: note.position, message:
                    "the whole text of the long post made at \(time) begins with no tweet's text; "
                    + "\(held.count) cut tweets and \(open.count) such long texts share that second, so which is "
                    + "whose cannot be told and the rules see only the cut text"))
            }
        }
        leftovers = Leftovers()
        return (tweets, unplaced)
    }

    /// The note's whole text in place of the cut one, and its mentions (which carry no ids).
    static func apply(_ note: RecordDecoding.NoteTweet, to tweet: inout Tweet) {
        tweet.text = note.text
        var known = Set(tweet.mentions.map { $0.screenName.lowercased() })
        for name in note.mentions where known.insert(name.lowercased()).inserted {
            tweet.mentions.append(Mention(screenName: name))
        }
    }

    /// What a long post's whole text begins with: the tweet's text, both decoded alike, without
    /// the links and `…` that end a cut post. Nil for a tweet that was not cut. Scalars, not
    /// characters: the cut may fall inside an emoji sequence or before a combining accent.
    static func cutPart(of text: String) -> [Unicode.Scalar]? {
        var scalars = Array(text.unicodeScalars)
        var wasCut = false
        func trimSpace() {
            while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        }
        trimSpace()
        while let link = trailingShortLink(scalars) {
            scalars.removeSubrange(link...)
            trimSpace()
            wasCut = true
        }
        if scalars.last == "…" {
            scalars.removeLast()
            trimSpace()
            wasCut = true
        }
        // Should an export cut the escaped text, a reference broken by the cut (`&am`) was not decoded.
        if let amp = scalars.suffix(10).lastIndex(of: "&"), scalars[(amp + 1)...].allSatisfy(isInReferenceName) {
            scalars.removeSubrange(amp...)
        }
        return wasCut ? scalars : nil
    }

    /// Where a `t.co` link that ends the text starts.
    private static func trailingShortLink(_ scalars: [Unicode.Scalar]) -> Int? {
        let start = scalars.lastIndex(where: { $0.properties.isWhitespace }).map { $0 + 1 } ?? 0
        let word = String(String.UnicodeScalarView(scalars[start...]))
        guard word.hasPrefix("https://t.co/") || word.hasPrefix("http://t.co/") else { return nil }
        return start
    }

    /// A letter, digit or `#` of a reference such as `&amp;` or `&#38;`.
    private static func isInReferenceName(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#")
    }

    private static func second(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }
}
