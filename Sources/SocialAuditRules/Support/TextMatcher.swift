/// Finds lists of words in text — students' names, the lexicon's words and phrases, the
/// profile's claim phrases — in one pass over the text folded once (``FoldedText``). Every list
/// that looks for words in text is one of these.
///
/// **Phrases** are matched as whole words (``FoldedText`` says what a word is), case-, accent-
/// and width-insensitive, with only white space between their words: `happy hour` matches
/// "happy  HOUR!" but not "happy-hour"; `beer` matches "beer-pong", "#beer" and "beer's" but not
/// "beer_pong", "@beer_lover" or a link; `José Peña` matches "Jose Pena". Look-alike letters of
/// other scripts stay themselves: a Russian word is not an English one.
///
/// **Names** are matched as people write them (see ``NamePatterns``).
struct TextMatcher: Sendable {
    struct Match: Sendable {
        /// The first and last letter of the match in the folded text.
        var first: Int
        var last: Int
        var tag: String
        var isName: Bool
    }

    struct Phrase: Sendable {
        var words: [[UInt32]]
        var tag: String
    }

    private(set) var names = NamePatterns()
    private var phrases: [Phrase] = []
    /// Phrases by a hash of their first word.
    private var phrasesByFirstWord: [UInt64: [Int]] = [:]
    private var firstWords = HashBits()

    /// `phrases`: each phrase's text and tag (a lexicon category, a claim).
    init(names students: [(given: String, family: String, tag: String)] = [], phrases list: [(text: String, tag: String)] = []) {
        names = NamePatterns(students)
        for (text, tag) in list {
            let folded = FoldedText(text)
            let words = folded.words.map { word in folded.letters[word.first...word.last].map(\.plain) }
            guard !words.isEmpty else { continue }
            let hash = Self.hash(words[0][...])
            phrasesByFirstWord[hash, default: []].append(phrases.count)
            firstWords.insert(hash)
            phrases.append(Phrase(words: words, tag: tag))
        }
    }

    var isEmpty: Bool { phrases.isEmpty && names.isEmpty }

    /// Every match in `text`: names (the longest at each place, not overlapping) and phrases
    /// (not overlapping), each in the text's order.
    func matches(in text: FoldedText) -> [Match] {
        guard !isEmpty else { return [] }
        return names.matches(in: text) + phraseMatches(in: text)
    }

    /// Every match in `text`, with its range of the string.
    func matches(in text: String) -> [(range: Range<String.Index>, tag: String)] {
        guard !isEmpty else { return [] }
        let folded = FoldedText(text)
        return matches(in: folded).map { (folded.range($0.first, $0.last), $0.tag) }
    }

    /// `text` with every match replaced by `replacement(tag)`.
    func mask(_ text: String, _ replacement: (String) -> String) -> String {
        let found = matches(in: text).sorted { $0.range.lowerBound < $1.range.lowerBound }
        return text.replacing(found, with: replacement)
    }

    private func phraseMatches(in text: FoldedText) -> [Match] {
        guard !phrases.isEmpty else { return [] }
        let words = text.words
        var found: [Match] = []
        var i = 0
        while i < words.count {
            if let (length, tag) = phrase(at: i, of: words, in: text) {
                found.append(Match(first: words[i].first, last: words[i + length - 1].last, tag: tag, isName: false))
                i += length
            } else {
                i += 1
            }
        }
        return found
    }

    /// The first phrase written from word `i` on: how many words it takes, and its tag.
    private func phrase(at i: Int, of words: [FoldedText.Word], in text: FoldedText) -> (Int, String)? {
        guard !words[i].inLink else { return nil }
        let hash = words[i].hash
        guard firstWords.contains(hash), let candidates = phrasesByFirstWord[hash] else { return nil }
        for candidate in candidates {
            let phrase = phrases[candidate]
            guard i + phrase.words.count <= words.count else { continue }
            var matched = true
            for (offset, wanted) in phrase.words.enumerated() {
                let word = words[i + offset]
                // Only white space separates a phrase's words, and no possessive comes inside it.
                if offset > 0, word.inLink || text.letters[word.first].before != .spaces || words[i + offset - 1].possessiveAfter {
                    matched = false
                    break
                }
                guard word.last - word.first + 1 == wanted.count,
                      zip(text.letters[word.first...word.last], wanted).allSatisfy({ $0.plain == $1 }) else {
                    matched = false
                    break
                }
            }
            if matched { return (phrase.words.count, phrase.tag) }
        }
        return nil
    }

    static func hash<S: Sequence>(_ values: S) -> UInt64 where S.Element == UInt32 {
        values.reduce(FoldedText.hashBasis, FoldedText.hash)
    }
}

/// 65 536 bits, indexed by a hash's low bits: most words start nothing, and leave on one load
/// rather than a dictionary's look-up.
struct HashBits: Sendable {
    private var words = [UInt64](repeating: 0, count: 1024)

    mutating func insert(_ h: UInt64) { words[Int(h & 0xFFFF) >> 6] |= 1 << (h & 63) }
    func contains(_ h: UInt64) -> Bool { words[Int(h & 0xFFFF) >> 6] & (1 << (h & 63)) != 0 }
}

extension FoldedText.Boundary {
    var continuesPhraseWord: Bool {
        switch self {
        case .none, .caseChange, .underscore: true
        default: false
        }
    }
}

extension String {
    /// The text with each of `found` (in order, not overlapping) replaced by `replacement(tag)`.
    func replacing(_ found: [(range: Range<String.Index>, tag: String)], with replacement: (String) -> String) -> String {
        guard !found.isEmpty else { return self }
        var out = ""
        var cursor = startIndex
        for (range, tag) in found where range.lowerBound >= cursor {
            out += self[cursor..<range.lowerBound]
            out += replacement(tag)
            cursor = range.upperBound
        }
        out += self[cursor...]
        return out
    }
}
