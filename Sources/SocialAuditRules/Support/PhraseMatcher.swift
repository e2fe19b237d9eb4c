import Foundation

/// Finds the lexicon's words and phrases (and the profile's claim phrases) in text as whole
/// words — case-, diacritic- and width-insensitive, with any white space between the words.
/// People's names are ``NameMatcher``'s: they are written in more ways than phrases are.
///
/// `happy hour` matches "happy  HOUR!" but not "Happy-hour"; `José Peña` matches "Jose Pena";
/// `beer` matches "beer-pong" and "#beer" but not "beer_pong", "@beer_lover" or a link. Words are
/// ``Words``' (the rule reference says what a word is).
struct PhraseMatcher: Sendable {
    struct Name: Sendable {
        var words: [String]
        var tag: String
    }

    private var names: [Name] = []
    /// Names by their first word, for a quick look-up per word of the text.
    private var byFirstWord: [String: [Int]] = [:]
    /// The names' first words, for a quick no on most texts.
    private(set) var prefilter = Prefilter()

    /// `minimumWords`: how many words a phrase needs to be kept.
    init(_ names: [(fullName: String, tag: String)], minimumWords: Int = 1) {
        for (fullName, tag) in names {
            let words = Self.words(in: fullName).map { Self.fold(String(fullName[$0])) }
            guard words.count >= minimumWords, !words.isEmpty else { continue }
            byFirstWord[words[0], default: []].append(self.names.count)
            self.names.append(Name(words: words, tag: tag))
            prefilter.add(firstWord: words[0])
        }
    }

    /// The first words of one or more matchers' names: one scan of a text says whether any of
    /// them may match it (the rule pass asks once per tweet for all the word lists).
    struct Prefilter: Sendable {
        /// Hashes of the first words that are ASCII once folded.
        private var firstWordHashes: Set<UInt64> = []
        /// A bit per hash value's low 16 bits: most words are no first word, and leave on one load.
        private var firstWordBits = HashBits()
        /// Whether some first word is not ASCII even when folded (then every text may match).
        private var hasNonASCIIFirstWord = false
        private(set) var isEmpty = true

        init() {}

        /// The first words of all these matchers.
        init(merging matchers: [PhraseMatcher]) {
            for matcher in matchers {
                firstWordHashes.formUnion(matcher.prefilter.firstWordHashes)
                for hash in matcher.prefilter.firstWordHashes { firstWordBits.insert(hash) }
                hasNonASCIIFirstWord = hasNonASCIIFirstWord || matcher.prefilter.hasNonASCIIFirstWord
                isEmpty = isEmpty && matcher.prefilter.isEmpty
            }
        }

        mutating func add(firstWord: String) {
            isEmpty = false
            if firstWord.utf8.allSatisfy({ $0 < 0x80 }) {
                firstWordHashes.insert(PhraseMatcher.hash(firstWord.utf8))
                firstWordBits.insert(PhraseMatcher.hash(firstWord.utf8))
            } else {
                hasNonASCIIFirstWord = true
            }
        }

        /// A quick scan of the text's bytes: could any name start here? Words made only of ASCII are
        /// lower-cased and looked up by hash; a word with any other byte answers yes (the full path
        /// folds accents and widths). Most tweets name no student, and leave here.
        ///
        /// One pass over the bytes, each word hashed as it is scanned (every tweet passes here, so
        /// this is measured in the benchmark).
        func mayMatch(_ text: String) -> Bool {
            if hasNonASCIIFirstWord { return true }
            if isEmpty { return false }
            var copy = text
            return copy.withUTF8 { b in
                PhraseMatcher.byteClasses.withUnsafeBufferPointer { classes in
                    // A word: letters, digits, `_` and bytes outside ASCII, with apostrophes inside
                    // it (which count only when a letter or digit follows them). Its hash is
                    // made as it is scanned: up to its last letter or digit, and up to the byte
                    // before its last apostrophe (for a possessive `'s`).
                    let n = b.count
                    var i = 0
                    while i < n {
                        // To the next word.
                        while i < n, classes[Int(b[i])] & PhraseMatcher.wordByte == 0 { i += 1 }
                        if i == n { break }
                        var h: UInt64 = 0xcbf29ce484222325
                        var hashOfWord = h
                        // The last apostrophe inside the word (one that a letter or digit follows).
                        var beforeApostrophe: UInt64 = 0
                        var apostropheAt = -1
                        var pendingHash: UInt64 = 0
                        var pendingAt = -1
                        var end = i
                        var nonASCII = false
                        while i < n {
                            let byte = b[i]
                            let c = classes[Int(byte)]
                            if c & PhraseMatcher.wordByte != 0 {
                                if pendingAt >= 0 {
                                    apostropheAt = pendingAt
                                    beforeApostrophe = pendingHash
                                    pendingAt = -1
                                }
                                h = (h ^ UInt64(c & PhraseMatcher.upper != 0 ? byte | 0x20 : byte)) &* 0x100000001b3
                                hashOfWord = h
                                end = i + 1
                                if c & PhraseMatcher.highByte != 0 { nonASCII = true }
                            } else if c & PhraseMatcher.joiner != 0 {
                                if byte == 0x27 {
                                    pendingHash = h
                                    pendingAt = i
                                }
                                h = (h ^ UInt64(byte)) &* 0x100000001b3
                            } else {
                                break
                            }
                            i += 1
                        }
                        if nonASCII { return true }
                        if firstWordBits.contains(hashOfWord) && firstWordHashes.contains(hashOfWord) { return true }
                        // "Barnes's": the word before the `'s`.
                        if apostropheAt == end - 2, b[end - 1] | 0x20 == 0x73,
                           firstWordBits.contains(beforeApostrophe) && firstWordHashes.contains(beforeApostrophe) {
                            return true
                        }
                    }
                    return false
                }
            }
        }
    }

    /// 65 536 bits, indexed by a hash's low bits.
    struct HashBits: Sendable {
        private var words = [UInt64](repeating: 0, count: 1024)

        mutating func insert(_ h: UInt64) { words[Int(h & 0xFFFF) >> 6] |= 1 << (h & 63) }
        func contains(_ h: UInt64) -> Bool { words[Int(h & 0xFFFF) >> 6] & (1 << (h & 63)) != 0 }
    }

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x100000001b3
        }
        return h
    }

    /// Could any name start in `text`? (See ``Prefilter/mayMatch(_:)``.)
    func mayMatch(_ text: String) -> Bool { prefilter.mayMatch(text) }

    fileprivate static let wordByte: UInt8 = 1, highByte: UInt8 = 2, joiner: UInt8 = 4, upper: UInt8 = 8
    /// Each byte's class: a word's byte (letter, digit, `_`, above ASCII), an apostrophe (which
    /// joins the parts of a word), or anything else.
    fileprivate static let byteClasses: [UInt8] = (0..<256).map { byte -> UInt8 in
        switch byte {
        case 0x41...0x5A: return wordByte | upper
        case 0x30...0x39, 0x5F, 0x61...0x7A: return wordByte
        case 0x80...: return wordByte | highByte
        case 0x27: return joiner
        default: return 0
        }
    }

    var isEmpty: Bool { names.isEmpty }

    /// Case, accents and width folded, the typographic apostrophe made plain: one scalar at a
    /// time through ``LetterFold``'s table (as ``FoldedText`` folds names), with no Foundation call
    /// per word. Look-alike letters of other scripts stay themselves: a Russian word is not English.
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            guard word.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return word }
            return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            var value = scalar.value
            if value == 0x2019 { value = 0x27 }
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }  // full-width ASCII
            if value < 0x80 {
                out.append(Unicode.Scalar(UInt8(value >= 0x41 && value <= 0x5A ? value + 0x20 : value)))
                continue
            }
            guard !FoldedText.isMark(scalar) else { continue }  // an accent written apart
            for folded in LetterFold.fold(scalar) { if let s = Unicode.Scalar(folded) { out.append(s) } }
        }
        return String(out)
    }

    /// The ranges of the words of `text` (``Words/ranges(in:)``).
    static func words(in text: String) -> [Range<String.Index>] {
        Words.ranges(in: text)
    }

    /// Every match in `text`: its range and the tag of the name matched.
    func matches(in text: String) -> [(range: Range<String.Index>, tag: String)] {
        guard !names.isEmpty, mayMatch(text) else { return [] }
        let ranges = Self.words(in: text)
        let folded = ranges.map { Self.fold(String(text[$0])) }
        var result: [(Range<String.Index>, String)] = []
        var i = 0
        while i < ranges.count {
            var matched = false
            var candidates = byFirstWord[folded[i]] ?? []
            if folded[i].hasSuffix("'s") { candidates += byFirstWord[String(folded[i].dropLast(2))] ?? [] }
            for candidate in candidates {
                let name = names[candidate]
                guard i + name.words.count <= ranges.count else { continue }
                var ok = true
                for (offset, word) in name.words.enumerated() where folded[i + offset] != word {
                    // The last word may carry a possessive: "Barnes's", "O'Neil's".
                    if offset == name.words.count - 1, folded[i + offset] == word + "'s" { continue }
                    ok = false
                    break
                }
                // Only white space may separate the words of a name.
                if ok, name.words.count > 1 {
                    for offset in 1..<name.words.count {
                        let gap = text[ranges[i + offset - 1].upperBound..<ranges[i + offset].lowerBound]
                        if !gap.allSatisfy(\.isWhitespace) { ok = false; break }
                    }
                }
                if ok {
                    result.append((ranges[i].lowerBound..<ranges[i + name.words.count - 1].upperBound, name.tag))
                    i += name.words.count
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
        return result
    }

    /// `text` with every name replaced by `replacement(tag)`.
    func mask(_ text: String, _ replacement: (String) -> String) -> String {
        text.replacing(matches(in: text), with: replacement)
    }
}

extension String {
    /// The text with each of `found` (in order, not overlapping) replaced by `replacement(tag)`.
    func replacing(_ found: [(range: Range<String.Index>, tag: String)], with replacement: (String) -> String) -> String {
        guard !found.isEmpty else { return self }
        var out = ""
        var cursor = startIndex
        for (range, tag) in found {
            out += self[cursor..<range.lowerBound]
            out += replacement(tag)
            cursor = range.upperBound
        }
        out += self[cursor...]
        return out
    }
}
