/// Roster students' names as people write them, for ``TextMatcher``.
///
/// A name is the roster's given name and family name (without a suffix such as "Jr." or "III"),
/// found:
/// - in either order: "Jamie Hollis", "Hollis, Jamie", "Hollis Jamie";
/// - with up to two middle names or initials, each capitalised, between them: "Jamie Lynn Hollis",
///   "Jamie L. Hollis";
/// - joined: "#JamieHollis", "JamieHollis", "jamiehollis", "Jamie_Hollis", "Jamie.Hollis@…",
///   "/jamie-hollis-wins"; a hyphen, a space or nothing between the parts of a double name
///   ("Anne-Marie", "Anne Marie", "AnneMarie" are one);
/// - whatever the case, accents and width, with zero-width characters and soft hyphens inside,
///   and with look-alike letters of other scripts (see ``Confusables``).
///
/// A name counts only where it begins and ends at a word's edge (or where a joined word changes
/// case: "#GoJamieHollis"): "Rileyson Barneswood" is not Riley Barnes.
///
/// **Written as a name.** A name whose words are all ordinary English words (``OrdinaryWords``:
/// "Will Park") counts only where every word of it starts with a capital (capitals throughout
/// count: "WILL PARK") or is written exactly as the roster writes it: "we will park the buses" and
/// "#willpark" name nobody. A name with any other word ("Jamie Hollis", "Jamie Park") counts in any case.
struct NamePatterns: Sendable {
    /// One way of writing one student's name: the words in order, and where the given name ends.
    struct Pattern: Sendable {
        var words: [[UInt32]]
        /// Each word's capitals as the roster writes them.
        var capitals: [[Bool]]
        /// The index of the first word after the junction of given and family name.
        var junction: Int
        var reversed: Bool
        var needsWrittenAsName: Bool
        var tag: String
    }

    private var patterns: [Pattern] = []
    /// Patterns by a hash of their first word, for one look-up per word length at each word's start.
    private var byFirstWord: [UInt64: [Int]] = [:]
    private var firstWords = HashBits()
    private var firstWordLengths: [Int] = []
    /// The first two letters of every first word (a one-letter word's one), by one bit each (``mayStartName(in:at:)``).
    private var openings = HashBits()

    /// Suffixes of a family name that people leave out.
    static let suffixes: Set<[UInt32]> = Set(["jr", "sr", "ii", "iii", "iv", "2nd", "3rd"].map { $0.unicodeScalars.map(\.value) })

    init(_ students: [(given: String, family: String, tag: String)] = []) {
        var lengths = Set<Int>()
        for (given, family, tag) in students {
            let givenWords = Self.words(given)
            var familyWords = Self.words(family)
            while familyWords.count > 1, let last = familyWords.last, Self.suffixes.contains(last.letters) { familyWords.removeLast() }
            guard !givenWords.isEmpty, !familyWords.isEmpty else { continue }
            let ordinary = (givenWords + familyWords).allSatisfy { OrdinaryWords.contains($0.letters) }
            for reversed in [false, true] {
                let ordered = reversed ? familyWords + givenWords : givenWords + familyWords
                let pattern = Pattern(words: ordered.map(\.letters), capitals: ordered.map(\.capitals),
                                      junction: reversed ? familyWords.count : givenWords.count,
                                      reversed: reversed, needsWrittenAsName: ordinary, tag: tag)
                let first = pattern.words[0]
                byFirstWord[TextMatcher.hash(first), default: []].append(patterns.count)
                firstWords.insert(TextMatcher.hash(first))
                openings.insert(TextMatcher.hash(first.prefix(2)))
                lengths.insert(first.count)
                patterns.append(pattern)
            }
        }
        firstWordLengths = lengths.sorted()
    }

    var isEmpty: Bool { patterns.isEmpty }

    /// The words of a roster field, folded, with their capitals.
    private static func words(_ field: String) -> [(letters: [UInt32], capitals: [Bool])] {
        let folded = FoldedText(field)
        var words: [(letters: [UInt32], capitals: [Bool])] = []
        for letter in folded.letters {
            // Only a real gap separates a roster's words ("McDonald" is one word, "Anne-Marie" two).
            let separate = switch letter.before { case .none, .caseChange: false; default: true }
            if words.isEmpty || separate { words.append(([], [])) }
            words[words.count - 1].letters.append(letter.latin)
            words[words.count - 1].capitals.append(letter.upper)
        }
        return words
    }

    /// Every name in `text`, in order and not overlapping.
    func matches(in text: FoldedText) -> [TextMatcher.Match] {
        guard !patterns.isEmpty else { return [] }
        var result: [TextMatcher.Match] = []
        var i = 0
        while i < text.count {
            if text.letters[i].before != .none, mayStartName(in: text, at: i), let (end, tag) = longestMatch(in: text, at: i) {
                result.append(TextMatcher.Match(first: i, last: end - 1, tag: tag, isName: true))
                i = end
            } else {
                i += 1
            }
        }
        return result
    }

    /// Whether some name's first word begins as the text does at letter `start` (its first two
    /// letters, or its one): most places where a word begins are left here.
    @inline(__always)
    private func mayStartName(in text: FoldedText, at start: Int) -> Bool {
        let one = FoldedText.hash(FoldedText.hashBasis, text.letters[start].latin)
        return start + 1 < text.count && openings.contains(FoldedText.hash(one, text.letters[start + 1].latin))
            || firstWordLengths.first == 1 && openings.contains(one)
    }

    /// The longest name that starts at letter `start`: its end (one past its last letter) and tag.
    private func longestMatch(in text: FoldedText, at start: Int) -> (Int, String)? {
        var best: (Int, String)?
        var h = FoldedText.hashBasis
        var length = 0
        for wanted in firstWordLengths {
            while length < wanted, start + length < text.count {
                h = FoldedText.hash(h, text.letters[start + length].latin)
                length += 1
            }
            guard length == wanted else { break }
            guard firstWords.contains(h) else { continue }
            for index in byFirstWord[h] ?? [] {
                if let end = match(patterns[index], in: text, at: start), end > (best?.0 ?? 0) { best = (end, patterns[index].tag) }
            }
        }
        return best
    }

    /// Where `pattern` ends if it is written at letter `start` (from word `word` on).
    private func match(_ pattern: Pattern, in text: FoldedText, at start: Int, word: Int = 0, middleNames: Bool = true) -> Int? {
        var position = start
        for index in word..<pattern.words.count {
            // The gap before `word` is the caller's to judge.
            if index > word {
                guard position < text.count else { return nil }
                let gap = text.letters[position].before
                if index == pattern.junction, !pattern.reversed, middleNames, gap == .spaces {
                    return match(pattern, in: text, at: position, word: index, middleNames: false)
                        ?? matchAfterMiddleNames(pattern, in: text, at: position)
                }
                let allowed: Bool = switch gap {
                case .none, .caseChange, .underscore, .spaces, .joiner: true
                case .comma: pattern.reversed && index == pattern.junction
                case .stopAndSpaces, .other: false
                }
                guard allowed else { return nil }
            }
            guard spells(pattern, word: index, in: text, at: position) else { return nil }
            position += pattern.words[index].count
        }
        return text.endsWord(before: position) ? position : nil
    }

    /// Whether word `index` of the pattern is written at `position`, and written as a name where it must be.
    private func spells(_ pattern: Pattern, word index: Int, in text: FoldedText, at position: Int) -> Bool {
        let word = pattern.words[index]
        guard position + word.count <= text.count else { return false }
        let written = text.letters[position..<position + word.count]
        guard written.elementsEqual(word, by: { $0.latin == $1 }),
              written.dropFirst().allSatisfy({ $0.before == .none || $0.before == .caseChange }) else { return false }
        guard pattern.needsWrittenAsName else { return true }
        return text.letters[position].upper || written.elementsEqual(pattern.capitals[index], by: { $0.upper == $1 })
    }

    /// The family name after one or two middle names or initials ("Jamie Lynn Hollis", "Jamie L. Hollis").
    private func matchAfterMiddleNames(_ pattern: Pattern, in text: FoldedText, at position: Int) -> Int? {
        var cursor = position
        for _ in 0..<2 {
            // A middle name: a whole capitalised word of letters, then white space (or a full stop
            // and white space after an initial).
            guard cursor < text.count, text.letters[cursor].upper, !FoldedText.isDigit(text.letters[cursor].latin) else { return nil }
            var end = cursor + 1
            while end < text.count, text.letters[end].before == .none { end += 1 }
            guard end < text.count else { return nil }
            let gap = text.letters[end].before
            guard gap == .spaces || (gap == .stopAndSpaces && end == cursor + 1) else { return nil }
            if let found = match(pattern, in: text, at: end, word: pattern.junction, middleNames: false) { return found }
            cursor = end
        }
        return nil
    }
}
