import Foundation

/// A text's letters and digits as people's names are compared: case, accents and width folded,
/// look-alike letters of other scripts read as the Latin letters they imitate, invisible
/// characters dropped, each letter remembering where it sits in the text, whether it was written
/// as a capital, and what separates it from the letter before.
///
/// Apostrophes inside a word join it ("O'Neil" is "oneil"); a closing `'s` is a word of its own,
/// so that "Hollis's" holds "Hollis".
struct FoldedText {
    /// What comes before a letter.
    enum Boundary: UInt8 {
        /// Nothing: the letter continues a word ("jamiehollis").
        case none
        /// A change inside a word: lower to upper case ("JamieHollis"), letter to digit or back.
        case caseChange
        /// White space only (the start of the text counts as this).
        case spaces
        /// One hyphen, underscore or full stop ("Anne-Marie", "Jamie_Hollis", "jamie.hollis@").
        case joiner
        /// A comma, with any white space around it ("Hollis, Jamie").
        case comma
        /// A full stop and white space (after an initial: "Jamie L. Hollis").
        case stopAndSpaces
        /// Anything else: `#`, `@`, `/`, other punctuation, emoji.
        case other
    }

    var letters: [UInt32] = []
    var upper: [Bool] = []
    var before: [Boundary] = []
    /// Where each letter begins in the text, and where it ends (past any accents it carries).
    var starts: [String.Index] = []
    var ends: [String.Index] = []

    init(_ text: String) {
        let scalars = text.unicodeScalars
        var gap: [Unicode.Scalar] = []
        var atStart = true
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if Self.isInvisible(scalar) || (!letters.isEmpty && gap.isEmpty && Self.isMark(scalar)) {
                if gap.isEmpty, !letters.isEmpty, Self.isMark(scalar) { ends[ends.count - 1] = next }
                index = next
                continue
            }
            if scalar == "'" || scalar == "’" {
                // Inside a word, unless `'s` closes it.
                let following = next < scalars.endIndex ? scalars[next] : " "
                if gap.isEmpty, !letters.isEmpty, Self.letterOrDigit(following) != nil, !Self.closesPossessive(scalars, at: next) {
                    index = next
                    continue
                }
            }
            guard let (folded, isUpper) = Self.letterOrDigit(scalar) else {
                gap.append(scalar)
                index = next
                continue
            }
            let boundary = atStart && gap.allSatisfy(Self.isWhitespace) ? .spaces
                : gap.isEmpty ? caseBoundary(isUpper: isUpper, digit: Self.isDigit(folded[0])) : Self.classify(gap)
            for (offset, value) in folded.enumerated() {
                letters.append(value)
                upper.append(isUpper && offset == 0)
                before.append(offset == 0 ? boundary : .none)
                starts.append(index)
                ends.append(next)
            }
            atStart = false
            gap.removeAll(keepingCapacity: true)
            index = next
        }
    }

    var count: Int { letters.count }

    /// Whether a name may end before letter `i` (the end of the text, or any boundary).
    func endsWord(before i: Int) -> Bool { i == letters.count || before[i] != .none }

    private func caseBoundary(isUpper: Bool, digit: Bool) -> Boundary {
        guard let last = letters.last else { return .spaces }
        if digit != Self.isDigit(last) { return .caseChange }
        return isUpper && !upper[upper.count - 1] && !Self.isDigit(last) ? .caseChange : .none
    }

    private static func classify(_ gap: [Unicode.Scalar]) -> Boundary {
        let marks = gap.filter { !isWhitespace($0) }
        guard let mark = marks.first else { return .spaces }
        guard marks.count == 1 else { return .other }
        if mark == "," { return .comma }
        if gap.count == 1, mark == "-" || mark == "_" || mark == "." || mark == "\u{2010}" || mark == "\u{2011}" { return .joiner }
        if mark == ".", gap[0] == "." { return .stopAndSpaces }
        return .other
    }

    /// `'s` followed by no letter: a possessive, not part of the word.
    private static func closesPossessive(_ scalars: String.UnicodeScalarView, at index: String.Index) -> Bool {
        guard index < scalars.endIndex, scalars[index] == "s" || scalars[index] == "S" else { return false }
        let after = scalars.index(after: index)
        return after == scalars.endIndex || letterOrDigit(scalars[after]) == nil
    }

    static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

    /// White space, the ASCII kinds without a property look-up.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: true
        case ..<0x80: false
        default: ScalarClass.of(scalar) & ScalarClass.space != 0
        }
    }

    /// Zero-width space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen: they
    /// change nothing a reader sees, so they are skipped, inside a name or out.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD: true
        default: false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        // No mark below the combining diacritics; most letters are there.
        guard scalar.value >= 0x300 else { return false }
        return ScalarClass.of(scalar) & ScalarClass.mark != 0
    }

    /// Each ASCII letter's folding, made once: an array literal per letter was an allocation per letter.
    private static let ascii: [[UInt32]] = (0..<0x80).map { [UInt32($0)] }

    /// A letter or digit, folded (usually to one scalar; "ß" is "ss"), and whether it was a
    /// capital; nil for anything else.
    static func letterOrDigit(_ scalar: Unicode.Scalar) -> ([UInt32], Bool)? {
        let v = scalar.value
        switch v {
        case 0x61...0x7A, 0x30...0x39: return (ascii[Int(v)], false)
        case 0x41...0x5A: return (ascii[Int(v | 0x20)], true)
        case ..<0x80: return nil
        default: break
        }
        if let latin = Confusables.latin(scalar) { return latin }
        let bits = ScalarClass.of(scalar)
        guard bits & ScalarClass.word != 0 else { return nil }
        return (LetterFold.fold(scalar), bits & ScalarClass.upper != 0)
    }
}

/// Letters of other scripts and styles that are read as Latin ones: names written in them look
/// the same to a reader ("Jаmie" with a Cyrillic а), so they must match the same.
///
/// Covered: Cyrillic а в е к м н о р с т у х і ј ѕ һ ԁ ӏ ԛ ԝ (in both cases where the capital
/// looks Latin too), Greek capitals Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ and small α ι κ ν ο ρ υ χ,
/// full-width Latin, and the mathematical bold, italic, script and sans-serif letters and digits
/// of "fancy text".
enum Confusables {
    static func latin(_ scalar: Unicode.Scalar) -> ([UInt32], Bool)? {
        let v = scalar.value
        switch v {
        case 0xFF21...0xFF3A: return ([v - 0xFF21 + 0x61], true)
        case 0xFF41...0xFF5A: return ([v - 0xFF41 + 0x61], false)
        case 0xFF10...0xFF19: return ([v - 0xFF10 + 0x30], false)
        case 0x1D400...0x1D6A3:
            let index = (v - 0x1D400) % 52
            return index < 26 ? ([0x61 + index], true) : ([0x61 + index - 26], false)
        case 0x1D7CE...0x1D7FF: return ([0x30 + (v - 0x1D7CE) % 10], false)
        default: break
        }
        if let small = lower[v] { return ([small.value], false) }
        if let capital = capitals[v] { return ([capital.value], true) }
        return nil
    }

    private static let lower: [UInt32: Unicode.Scalar] = [
        0x0430: "a", 0x0435: "e", 0x043E: "o", 0x0440: "p", 0x0441: "c", 0x0443: "y", 0x0445: "x",
        0x0456: "i", 0x0458: "j", 0x0455: "s", 0x04BB: "h", 0x0501: "d", 0x04CF: "l", 0x051B: "q",
        0x051D: "w", 0x043A: "k", 0x0450: "e", 0x0451: "e", 0x0457: "i",
        0x03B1: "a", 0x03B9: "i", 0x03BA: "k", 0x03BD: "v", 0x03BF: "o", 0x03C1: "p", 0x03C5: "u", 0x03C7: "x",
    ]

    private static let capitals: [UInt32: Unicode.Scalar] = [
        0x0410: "a", 0x0412: "b", 0x0415: "e", 0x041A: "k", 0x041C: "m", 0x041D: "h", 0x041E: "o",
        0x0420: "p", 0x0421: "c", 0x0422: "t", 0x0423: "y", 0x0425: "x", 0x0406: "i", 0x0408: "j",
        0x0405: "s", 0x04BA: "h", 0x0400: "e", 0x0401: "e", 0x0407: "i",
        0x0391: "a", 0x0392: "b", 0x0395: "e", 0x0396: "z", 0x0397: "h", 0x0399: "i", 0x039A: "k",
        0x039C: "m", 0x039D: "n", 0x039F: "o", 0x03A1: "p", 0x03A4: "t", 0x03A5: "y", 0x03A7: "x",
    ]
}

/// Case and accents folded, as Foundation folds them, one letter at a time. The Latin, Greek and
/// Cyrillic letters are folded once, in one call (one call a letter would cost a tweet in
/// Japanese a millisecond); any other letter is only lower-cased.
enum LetterFold {
    static func fold(_ scalar: Unicode.Scalar) -> [UInt32] {
        if let folded = table[scalar.value] { return folded }
        // A letter of a script without case (Japanese, Arabic, Hebrew) is itself.
        guard ScalarClass.of(scalar) & ScalarClass.upper != 0 else { return [scalar.value] }
        return scalar.properties.lowercaseMapping.unicodeScalars.map(\.value)
    }

    private static let table: [UInt32: [UInt32]] = {
        let values = Array(UInt32(0xC0)...0x24F) + Array(UInt32(0x370)...0x4FF) + Array(UInt32(0x1E00)...0x1EFF)
        let scalars = values.compactMap(Unicode.Scalar.init).filter { $0.properties.isAlphabetic }
        // One letter a line: the folding keeps the line breaks, so the results line up.
        let joined = scalars.map { String($0) }.joined(separator: "\n")
        let folded = joined.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard folded.count == scalars.count else { return [:] }
        var table: [UInt32: [UInt32]] = [:]
        for (scalar, fold) in zip(scalars, folded) {
            let values = fold.unicodeScalars.filter { !$0.properties.isDiacritic || $0.properties.isAlphabetic }.map(\.value)
            table[scalar.value] = values.isEmpty ? [scalar.value] : values
        }
        return table
    }()
}
