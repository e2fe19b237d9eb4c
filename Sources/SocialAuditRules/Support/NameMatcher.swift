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

    /// `minimumWords`: 2 for people's full names (a first name alone is no match); 1 for a lexicon.
    init(_ names: [(fullName: String, tag: String)], minimumWords: Int = 2) {
        for (fullName, tag) in names {
            let words = Self.words(in: fullName).map { Self.fold(String(fullName[$0])) }
            guard words.count >= minimumWords, !words.isEmpty else { continue }
            byFirstWord[words[0], default: []].append(self.names.count)
            self.names.append(Name(words: words, tag: tag))
        }
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
        guard !names.isEmpty else { return [] }
        let ranges = Self.words(in: text)
        let folded = ranges.map { Self.fold(String(text[$0])) }
        var result: [(Range<String.Index>, String)] = []
        var i = 0
        while i < ranges.count {
            var matched = false
            for candidate in byFirstWord[folded[i]] ?? [] {
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
