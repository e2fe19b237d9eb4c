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
    /// By Unicode scalar and its properties, not by `Character`: a grapheme break per character
    /// was most of the lexicon's time on text that is not ASCII.
    static func ranges(in text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var end = scalars.startIndex  // past the word's last letter, digit or mark (or `_`)
        var index = scalars.startIndex
        var skipping = false  // inside a mention or a link, to the next white space
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            defer { index = next }
            if skipping {
                if FoldedText.isWhitespace(scalar) { skipping = false }
                continue
            }
            if scalar == "@" || (start == nil && startsLink(scalars, at: index)) {
                if let s = start { result.append(s..<end) }
                start = nil
                skipping = true
                continue
            }
            switch kind(scalar) {
            case .word:
                if start == nil { start = index }
                end = next
            case .mark where start != nil:
                end = next
            case .apostrophe where start != nil:
                continue  // inside the word when a letter follows; a trailing one is not kept
            default:
                if let s = start { result.append(s..<end) }
                start = nil
            }
        }
        if let s = start { result.append(s..<end) }
        return result
    }

    enum Kind { case word, mark, apostrophe, other }

    static func kind(_ scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x5F, 0x61...0x7A: return .word
        case 0x27, 0x2019: return .apostrophe
        case ..<0x80: return .other
        default: break
        }
        let bits = ScalarClass.of(scalar)
        if bits & ScalarClass.mark != 0 { return .mark }
        return bits & ScalarClass.word != 0 ? .word : .other
    }

    /// Whether a link starts here: `http://`, `https://` or `www.`, not inside a word.
    private static func startsLink(_ scalars: String.UnicodeScalarView, at index: String.Index) -> Bool {
        let c = scalars[index]
        guard c == "h" || c == "H" || c == "w" || c == "W" else { return false }
        if index > scalars.startIndex, kind(scalars[scalars.index(before: index)]) == .word { return false }
        let rest = String(String.UnicodeScalarView(scalars[index...].prefix(8))).lowercased()
        return rest.hasPrefix("http://") || rest.hasPrefix("https://") || rest.hasPrefix("www.")
    }
}
