import Foundation

/// What the text matcher knows of each scalar, looked up in tables made once for the Basic
/// Multilingual Plane: whether it is a letter or digit, a capital, a combining mark or white
/// space; its folding (case, accents and width: `É` is `e`); and its reading as Latin (the
/// folding, with look-alike letters of other scripts read as the Latin letters they imitate).
/// Every letter of every tweet passes here; Unicode's property look-ups and Foundation's
/// folding per letter were most of an audit's time on text that is not ASCII (docs/performance.md).
enum LetterTable {
    static let word: UInt8 = 1, upper: UInt8 = 2, mark: UInt8 = 4, space: UInt8 = 8
    /// Zero-width space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen: they
    /// change nothing a reader sees, inside a word or out.
    static let invisible: UInt8 = 16

    /// A scalar's entry: its class bits, and its folding and Latin reading (each one scalar, or
    /// an index into ``expansions`` with the top bit set; 0 for what is not a letter or digit).
    struct Entry {
        var bits: UInt8
        var plain: UInt32
        var latin: UInt32
    }

    static let expansionBit: UInt32 = 0x8000_0000

    /// The BMP's entries (and plane 1's symbols after them), for a loop over a text to fetch
    /// once (each fetch of a static checks that it is made).
    static var bmp: UnsafeMutableBufferPointer<Entry> { table.entries }

    @inline(__always)
    static func entry(_ value: UInt32, _ bmp: UnsafeMutableBufferPointer<Entry> = bmp) -> Entry {
        if value < 0x10000 { return bmp[Int(value)] }
        // Emoji, flags and the other symbols of plane 1's last blocks, from the table too.
        if (0x1F000..<0x20000).contains(value) { return bmp[0x10000 + Int(value - 0x1F000)] }
        guard let scalar = Unicode.Scalar(value) else { return Entry(bits: 0, plain: 0, latin: 0) }
        var expansions: [[UInt32]] = []
        let entry = computed(scalar, &expansions)
        // A folding of more than one scalar beyond the BMP is kept as its first.
        func first(_ v: UInt32) -> UInt32 { v & expansionBit == 0 ? v : expansions[Int(v & ~expansionBit)][0] }
        return Entry(bits: entry.bits, plain: first(entry.plain), latin: first(entry.latin))
    }

    /// How many scalars a folding or reading has (one unless it is an expansion).
    @inline(__always)
    static func length(_ value: UInt32) -> Int {
        value & expansionBit == 0 ? 1 : table.expansions[Int(value & ~expansionBit)].count
    }

    /// Scalar `k` of a folding or reading (its last where it is shorter than `k`): a letter that
    /// does not expand is its own value, with no array to fetch.
    @inline(__always)
    static func scalar(_ value: UInt32, _ k: Int) -> UInt32 {
        guard value & expansionBit != 0 else { return value }
        let scalars = table.expansions[Int(value & ~expansionBit)]
        return scalars[min(k, scalars.count - 1)]
    }

    /// The BMP's entries, made once and never freed: a buffer rather than an array, so that a
    /// look-up retains nothing.
    private struct Table: @unchecked Sendable {
        let entries: UnsafeMutableBufferPointer<Entry>
        let expansions: [[UInt32]]
    }

    private static let table: Table = {
        // The BMP, then U+1F000-U+1FFFF (emoji and symbols) at 0x10000 on.
        let entries = UnsafeMutableBufferPointer<Entry>.allocate(capacity: 0x11000)
        var expansions: [[UInt32]] = []
        for value in 0x1F000..<0x20000 {
            let entry = computed(Unicode.Scalar(UInt32(value))!, &expansions)
            // A folding of more than one scalar here is kept as its first.
            func first(_ v: UInt32) -> UInt32 { v & expansionBit == 0 ? v : expansions[Int(v & ~expansionBit)][0] }
            entries[0x10000 + value - 0x1F000] = Entry(bits: entry.bits, plain: first(entry.plain), latin: first(entry.latin))
        }
        for value in 0..<0x10000 {
            // The big caseless blocks (CJK ideographs, Hangul syllables) are letters that fold to themselves.
            if (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xAC00...0xD7A3).contains(value) {
                entries[value] = Entry(bits: word, plain: UInt32(value), latin: UInt32(value))
            } else if let scalar = Unicode.Scalar(UInt32(value)) {
                entries[value] = computed(scalar, &expansions)
            } else {
                entries[value] = Entry(bits: 0, plain: 0, latin: 0)
            }
        }
        return Table(entries: entries, expansions: expansions)
    }()

    private static func computed(_ scalar: Unicode.Scalar, _ expansions: inout [[UInt32]]) -> Entry {
        let v = scalar.value
        var bits: UInt8 = 0
        func stored(_ values: [UInt32]) -> UInt32 {
            if values.count == 1 { return values[0] }
            expansions.append(values)
            return expansionBit | UInt32(expansions.count - 1)
        }
        switch v {
        case 0x30...0x39, 0x61...0x7A: return Entry(bits: word, plain: v, latin: v)
        case 0x41...0x5A: return Entry(bits: word | upper, plain: v | 0x20, latin: v | 0x20)
        case 0x20, 0x09...0x0D: return Entry(bits: space, plain: 0, latin: 0)
        case ..<0x80: return Entry(bits: 0, plain: 0, latin: 0)
        default: break
        }
        let properties = scalar.properties
        let category = properties.generalCategory
        // The table's making is a pause before the first tweet is matched: the categories whose
        // entry they decide alone (a third of the BMP) skip the other look-ups.
        switch category {
        case .unassigned, .privateUse, .surrogate: return Entry(bits: 0, plain: 0, latin: 0)
        case .otherLetter:
            // Caseless letters: alphabetic, never a capital, a mark or white space, and none a look-alike.
            let plain = stored(LetterFold.fold(scalar, word))
            return Entry(bits: word, plain: plain, latin: plain)
        default: break
        }
        // Unicode's data, checked over every scalar: beside the caseless letters above, only numbers
        // have a numeric type, and only separators and controls are white space; the property
        // look-ups each cost as much as the category's.
        let isNumber = category == .decimalNumber || category == .letterNumber || category == .otherNumber
        if properties.isAlphabetic || isNumber && properties.numericType != nil { bits |= word }
        if properties.isUppercase || category == .titlecaseLetter { bits |= upper }
        switch category {
        case .nonspacingMark, .spacingMark, .enclosingMark: bits |= mark
        default: if (0xFE00...0xFE0F).contains(v) { bits |= mark }
        }
        switch category {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control: if properties.isWhitespace { bits |= space }
        default: break
        }
        if v == 0xAD || (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF { bits |= invisible }
        let look = Confusables.latin(v)
        guard bits & word != 0 || look != nil else { return Entry(bits: bits, plain: 0, latin: 0) }
        // Full-width ASCII is ASCII; other letters fold as Foundation folds them.
        let plain = (0xFF21...0xFF3A).contains(v) || (0xFF41...0xFF5A).contains(v) || (0xFF10...0xFF19).contains(v)
            ? [look!.value] : LetterFold.fold(scalar, bits)
        return Entry(bits: bits | word, plain: stored(plain), latin: look.map { $0.value } ?? stored(plain))
    }
}

/// Letters of other scripts and styles that are read as Latin ones: names written in them look
/// the same to a reader ("Jаmie" with a Cyrillic а), so they must match the same. Phrases are
/// not read this way: a Russian word is not an English one.
///
/// Covered: Cyrillic а в е к м н о р с т у х і ј ѕ һ ԁ ӏ ԛ ԝ (in both cases where the capital
/// looks Latin too), Greek capitals Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ and small α ι κ ν ο ρ υ χ,
/// full-width Latin, and the mathematical bold, italic, script and sans-serif letters and digits
/// of "fancy text".
enum Confusables {
    static func latin(_ v: UInt32) -> Unicode.Scalar? {
        switch v {
        case 0xFF21...0xFF3A: return Unicode.Scalar(v - 0xFF21 + 0x61)
        case 0xFF41...0xFF5A: return Unicode.Scalar(v - 0xFF41 + 0x61)
        case 0xFF10...0xFF19: return Unicode.Scalar(v - 0xFF10 + 0x30)
        case 0x1D400...0x1D6A3: return Unicode.Scalar(0x61 + (v - 0x1D400) % 52 % 26)
        case 0x1D7CE...0x1D7FF: return Unicode.Scalar(0x30 + (v - 0x1D7CE) % 10)
        // The tables' letters are all Greek and Cyrillic.
        case 0x370...0x52F: return lower[v] ?? capitals[v]
        default: return nil
        }
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

/// Case and accents folded, as Foundation folds them. The Latin, Greek and Cyrillic letters are
/// folded in one call when the table is made; any other letter is only lower-cased.
enum LetterFold {
    static func fold(_ scalar: Unicode.Scalar, _ bits: UInt8) -> [UInt32] {
        if let folded = latinGreekCyrillic[scalar.value] { return folded }
        // A letter of a script without case (Japanese, Arabic, Hebrew) is itself.
        guard bits & LetterTable.upper != 0 else { return [scalar.value] }
        return scalar.properties.lowercaseMapping.unicodeScalars.map(\.value)
    }

    private static let latinGreekCyrillic: [UInt32: [UInt32]] = {
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
