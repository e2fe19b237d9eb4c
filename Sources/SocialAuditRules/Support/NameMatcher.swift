import Foundation

/// Finds people's full names in text as whole words — case-, diacritic- and width-insensitive,
/// with any white space between the parts — and masks them.
///
/// `Riley Barnes` matches "riley  BARNES!" but not "Rileyson Barneswood"; `José Peña` matches
/// "Jose Pena". Words are runs of letters, digits, apostrophes and hyphens inside a word.
struct NameMatcher: Sendable {
    struct Name: Sendable {
        var words: [String]
        var tag: String
    }

    private var names: [Name] = []
    /// Names by their first word, for a quick look-up per word of the text.
    private var byFirstWord: [String: [Int]] = [:]
    /// Hashes of the first words that are ASCII once folded, for a quick no on most texts.
    private var firstWordHashes: Set<UInt64> = []
    /// Whether some first word is not ASCII even when folded (then every text takes the full path).
    private var hasNonASCIIFirstWord = false

    /// `minimumWords`: 2 for people's full names (a first name alone is no match); 1 for a lexicon.
    init(_ names: [(fullName: String, tag: String)], minimumWords: Int = 2) {
        for (fullName, tag) in names {
            let words = Self.words(in: fullName).map { Self.fold(String(fullName[$0])) }
            guard words.count >= minimumWords, !words.isEmpty else { continue }
            byFirstWord[words[0], default: []].append(self.names.count)
            self.names.append(Name(words: words, tag: tag))
            if words[0].utf8.allSatisfy({ $0 < 0x80 }) {
                firstWordHashes.insert(Self.hash(words[0].utf8))
            } else {
                hasNonASCIIFirstWord = true
            }
        }
    }

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x100000001b3
        }
        return h
    }

    /// A quick scan of the text's bytes: could any name start here? Words made only of ASCII are
    /// lower-cased and looked up by hash; a word with any other byte answers yes (the full path
    /// folds accents and widths). Most tweets name no student, and leave here.
    func mayMatch(_ text: String) -> Bool {
        if hasNonASCIIFirstWord { return true }
        // The word so far (committed) and the word with held apostrophes and hyphens (tentative):
        // those belong to the word only when a letter or digit follows them.
        struct State {
            var h: UInt64 = 0xcbf29ce484222325
            var previous: (UInt64, UInt64) = (0, 0)
            var lastTwo: (UInt8, UInt8) = (0, 0)
            var length = 0
            var nonASCII = false

            mutating func add(_ byte: UInt8) {
                previous = (previous.1, h)
                h = (h ^ UInt64(byte)) &* 0x100000001b3
                lastTwo = (lastTwo.1, byte)
            }
        }
        // `word` takes every byte; `beforeHeld` is the word as it was before the apostrophes and
        // hyphens still held (taken only when one arrives), for a word that ends with them.
        var word = State()
        var beforeHeld = State()
        var held = 0
        func endWord() -> Bool {
            let ended = held > 0 ? beforeHeld : word
            word = State()
            held = 0
            guard ended.length > 0 else { return false }
            if ended.nonASCII { return true }
            return firstWordHashes.contains(ended.h)
                || (ended.lastTwo == (0x27, 0x73) && firstWordHashes.contains(ended.previous.0))
        }
        for byte in text.utf8 {
            let isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isAlnum || byte >= 0x80 {
                if byte >= 0x80 { word.nonASCII = true }
                word.add(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                word.length += 1
                held = 0
            } else if word.length > 0 && (byte == 0x27 || byte == 0x2D) {
                if held == 0 { beforeHeld = word }
                word.add(byte)
                held += 1
            } else if word.length > 0 {
                if endWord() { return true }
            }
        }
        return endWord()
    }

    var isEmpty: Bool { names.isEmpty }

    static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
    }

    /// The ranges of the words of `text`.
    static func words(in text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "'" || c == "’" || c == "-" }
        while index < text.endIndex {
            let c = text[index]
            if c.isLetter || c.isNumber || (start != nil && isWordCharacter(c)) {
                if start == nil { start = index }
            } else if let s = start {
                result.append(s..<index)
                start = nil
            }
            index = text.index(after: index)
        }
        if let s = start { result.append(s..<text.endIndex) }
        // Trailing apostrophes or hyphens are not part of a word ("Barnes'" is "Barnes").
        return result.map { range in
            var end = range.upperBound
            while end > range.lowerBound, let last = text[range.lowerBound..<end].last, last == "'" || last == "’" || last == "-" {
                end = text.index(before: end)
            }
            return range.lowerBound..<end
        }.filter { !$0.isEmpty }
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
        let found = matches(in: text)
        guard !found.isEmpty else { return text }
        var out = ""
        var cursor = text.startIndex
        for (range, tag) in found {
            out += text[cursor..<range.lowerBound]
            out += replacement(tag)
            cursor = range.upperBound
        }
        out += text[cursor...]
        return out
    }
}
