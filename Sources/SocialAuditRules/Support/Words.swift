import Foundation

/// What a word is, for the lexicon and the claim phrases (the rule reference says the same):
///
/// - a run of letters, digits and marks of any script; `_` joins (as in handles: `beer_pong` is
///   one word), and so does an apostrophe between letters (`don't`, `O'Neil`);
/// - hyphens, other punctuation, emoji and spaces separate (`beer-pong` is `beer` and `pong`);
///   a closing `'s` or `’s` belongs to the word before it (the matcher reads `Barnes's` as `Barnes`);
/// - a hashtag's words count (`#beer` is `beer`); a mention (`@beer_lover`) and a link
///   (`https://…`, `www.…`) are not the account's words and hold none.
enum Words {
    static func ranges(in text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        var skipping = false  // inside a mention or a link, to the next white space
        while index < text.endIndex {
            let c = text[index]
            if skipping {
                if c.isWhitespace { skipping = false }
                index = text.index(after: index)
                continue
            }
            if c == "@" || (start == nil && startsLink(text, at: index)) {
                if let s = start { result.append(s..<index) }
                start = nil
                skipping = true
                index = text.index(after: index)
                continue
            }
            if c.isLetter || c.isNumber || c == "_" || (start != nil && (c == "'" || c == "’")) {
                if start == nil { start = index }
            } else if let s = start {
                result.append(s..<index)
                start = nil
            }
            index = text.index(after: index)
        }
        if let s = start { result.append(s..<text.endIndex) }
        // Trailing apostrophes are not part of a word ("Barnes'" is "Barnes").
        return result.map { range in
            var end = range.upperBound
            while end > range.lowerBound, let last = text[range.lowerBound..<end].last, last == "'" || last == "’" {
                end = text.index(before: end)
            }
            return range.lowerBound..<end
        }.filter { !$0.isEmpty }
    }

    /// Whether a link starts here: `http://`, `https://` or `www.`, not inside a word.
    private static func startsLink(_ text: String, at index: String.Index) -> Bool {
        let c = text[index]
        guard c == "h" || c == "H" || c == "w" || c == "W" else { return false }
        if index > text.startIndex {
            let before = text[text.index(before: index)]
            if before.isLetter || before.isNumber || before == "_" { return false }
        }
        let rest = text[index...].prefix(8).lowercased()
        return rest.hasPrefix("http://") || rest.hasPrefix("https://") || rest.hasPrefix("www.")
    }
}
