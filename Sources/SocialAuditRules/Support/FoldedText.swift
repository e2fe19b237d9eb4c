/// A text folded once for every list that is looked for in it (students' names, the lexicon,
/// claim phrases): its letters and digits, each with its folding (case, accents and width away),
/// its reading as Latin (for names, see ``Confusables``), whether it was written as a capital,
/// where it sits in the text's UTF-8, and what separates it from the letter before. Invisible
/// characters are dropped and combining marks belong to the letter before them.
///
/// Made in one pass over the text's UTF-8 bytes through ``LetterTable``: no `Character` and no
/// Foundation call per word or letter.
///
/// **What a word is** (the rule reference, docs/rules.md, says the same): a run of letters, digits
/// and marks of any script. `_` joins (as in handles), and so does an apostrophe between letters
/// (`don't`, `O'Neil`); hyphens, other punctuation, emoji and spaces separate; a closing `'s` or
/// `’s` belongs to the word before it. A hashtag's words count (`#beer` is `beer`); the letters
/// of a mention (`@beer_lover`) and of a link (`https://…`, `www.…`, up to the next white space)
/// are marked, and no phrase is read in them. Names are read more widely (``TextMatcher``).
struct FoldedText {
    /// What comes before a letter.
    enum Boundary: UInt8 {
        /// Nothing: the letter continues a word ("jamiehollis").
        case none
        /// A change inside a word: lower to upper case ("JamieHollis"), letter to digit or back.
        case caseChange
        /// One underscore ("Jamie_Hollis", "beer_pong"): a name's parts may be joined so; a phrase's word goes on.
        case underscore
        /// White space only (the start of the text counts as this).
        case spaces
        /// One hyphen or full stop ("Anne-Marie", "jamie.hollis@").
        case joiner
        /// A comma, with any white space around it ("Hollis, Jamie").
        case comma
        /// A full stop and white space (after an initial: "Jamie L. Hollis").
        case stopAndSpaces
        /// Anything else: `#`, `@`, `/`, other punctuation, emoji.
        case other
    }

    struct Letter {
        /// Case, accents and width folded.
        var plain: UInt32
        /// The folding, with look-alike letters read as Latin.
        var latin: UInt32
        /// Where the letter's bytes begin in the text, and end (past any marks it carries).
        var start: Int32
        var end: Int32
        var before: Boundary
        var upper: Bool
        /// In a mention or a link.
        var inLink: Bool
        /// The `s` of a closing `'s` (a possessive).
        var possessive: Bool
    }

    /// A word, as phrases read them (a change of case or an underscore does not end it; the `s`
    /// of a possessive is no word): its first and last letter, whether it is in a mention or a
    /// link, whether a possessive `'s` follows it, and a hash of its folded letters.
    struct Word {
        var first: Int
        var last: Int
        var inLink: Bool
        var possessiveAfter: Bool
        var hash: UInt64
    }

    let text: String
    private(set) var letters: [Letter] = []
    private(set) var words: [Word] = []

    init(_ text: String) {
        self.text = text
        var copy = text
        var words = WordBuilder()
        letters = copy.withUTF8 { bytes in
            words.words.reserveCapacity(bytes.count / 4 + 1)
            // At most two letters a byte ("ß", two bytes, folds to "ss"; no folding is longer than its UTF-8).
            return [Letter](unsafeUninitializedCapacity: 2 * bytes.count) { buffer, count in
                count = Self.fold(bytes, into: buffer, words: &words)
            }
        }
        self.words = words.finish()
    }

    static let hashBasis: UInt64 = 0xcbf29ce484222325

    @inline(__always)
    static func hash(_ h: UInt64, _ value: UInt32) -> UInt64 { (h ^ UInt64(value)) &* 0x100000001b3 }

    var count: Int { letters.count }

    /// Whether a word may end before letter `i` (the end of the text, or any boundary).
    func endsWord(before i: Int) -> Bool { i == letters.count || letters[i].before != .none }

    /// The text's own bytes from letter `first` to letter `last`, as a range of the string.
    func range(_ first: Int, _ last: Int) -> Range<String.Index> {
        let utf8 = text.utf8
        return utf8.index(utf8.startIndex, offsetBy: Int(letters[first].start))..<utf8.index(utf8.startIndex, offsetBy: Int(letters[last].end))
    }

    static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

    /// The scalars since the last letter, as far as a boundary needs them.
    private struct Gap {
        var count = 0
        var others = 0
        var first: UInt32 = 0
        var firstOther: UInt32 = 0

        mutating func add(_ value: UInt32, isSpace: Bool) {
            if count == 0 { first = value }
            count += 1
            if !isSpace {
                if others == 0 { firstOther = value }
                others += 1
            }
        }

        var boundary: FoldedText.Boundary {
            guard others > 0 else { return .spaces }
            guard others == 1 else { return .other }
            if firstOther == 0x2C { return .comma }
            if count == 1 {
                switch firstOther {
                case 0x5F: return .underscore
                case 0x2D, 0x2E, 0x2010, 0x2011: return .joiner
                default: break
                }
            }
            return firstOther == 0x2E && first == 0x2E ? .stopAndSpaces : .other
        }
    }

    /// Writes the letters of `bytes` into `letters` (written straight to the array's storage:
    /// `append` checked its capacity and uniqueness once a letter) and says how many.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into letters: UnsafeMutableBufferPointer<Letter>,
                             words: inout WordBuilder) -> Int {
        var folder = Folder(bytes: bytes, letters: letters)
        while folder.i < bytes.count {
            let (value, next) = scalar(bytes, folder.i)
            let entry = LetterTable.entry(value, folder.bmp)
            let at = folder.i
            folder.i = next
            let isSpace = entry.bits & LetterTable.space != 0
            if folder.inLink, isSpace { folder.inLink = false }
            if !folder.inLink, value == 0x40 || (!folder.previousIsWord && startsLink(bytes, at)) { folder.inLink = true }
            folder.previousIsWord = entry.plain != 0 || entry.bits & LetterTable.mark != 0
            let n = folder.n, gap = folder.gap
            if entry.plain == 0 {
                if entry.bits & LetterTable.invisible != 0 { continue }
                if entry.bits & LetterTable.mark != 0, gap.count == 0, n > 0 {
                    letters[n - 1].end = Int32(next)
                } else if !(isApostrophe(value) && gap.count == 0 && n > 0 && continuesWord(bytes, at: next)) {
                    folder.gap.add(value, isSpace: isSpace)
                }
                continue
            }
            let possessive = gap.count == 1 && isApostrophe(gap.first) && value | 0x20 == 0x73 && n > 0 && closesPossessive(bytes, at: at)
            let before: Boundary? = n == 0 && gap.others == 0 ? .spaces : gap.count > 0 ? gap.boundary : nil
            folder.gap = Gap()
            folder.run(from: entry, at: at, next, before: before, possessive: possessive, words: &words)
        }
        return folder.n
    }

    /// The fold's place in the text and what it knows of the letters before.
    private struct Folder {
        let bytes: UnsafeBufferPointer<UInt8>
        let letters: UnsafeMutableBufferPointer<Letter>
        let bmp = LetterTable.bmp
        var i = 0, n = 0
        var lastUpper = false, lastDigit = false
        var gap = Gap()
        var inLink = false, previousIsWord = false

        init(bytes: UnsafeBufferPointer<UInt8>, letters: UnsafeMutableBufferPointer<Letter>) {
            (self.bytes, self.letters) = (bytes, letters)
        }

        /// Writes a letter (its boundary given, or nil for one that goes on a word) and the
        /// letters and marks that follow it with no gap: most of a text's scalars are these, and
        /// none of them can start a link, a mention or a possessive.
        @inline(__always)
        mutating func run(from first: LetterTable.Entry, at firstAt: Int, _ firstNext: Int, before given: Boundary?,
                          possessive: Bool, words: inout WordBuilder) {
            // The place and the last letter's class in locals, stored back once: as fields of
            // `self` they were written to memory at every letter.
            var (i, n, last) = (self.i, self.n, (upper: lastUpper, digit: lastDigit))
            defer { (self.i, self.n, lastUpper, lastDigit) = (i, n, last.upper, last.digit) }
            write(first, at: firstAt, firstNext, before: given, possessive: possessive, startsWord: true, &n, &last, &words)
            // The next scalars while they go on the run: letters, and marks the letter before carries.
            while i < bytes.count {
                let (value, next) = FoldedText.scalar(bytes, i)
                let entry = LetterTable.entry(value, bmp)
                if entry.plain == 0 {
                    guard entry.bits & (LetterTable.mark | LetterTable.invisible) == LetterTable.mark, n > 0 else { return }
                    letters[n - 1].end = Int32(truncatingIfNeeded: next)
                } else {
                    write(entry, at: i, next, before: nil, possessive: false, startsWord: false, &n, &last, &words)
                }
                i = next
            }
        }

        /// Writes one letter of the text (two or more where its folding is). Inlined
        /// at its two calls, each with its own constants: the run's first letter, which may start
        /// a word, and the letters that go on it.
        @inline(__always)
        private func write(_ entry: LetterTable.Entry, at: Int, _ next: Int, before given: Boundary?, possessive: Bool,
                           startsWord: Bool, _ n: inout Int, _ last: inout (upper: Bool, digit: Bool), _ words: inout WordBuilder) {
            let isUpper = entry.bits & LetterTable.upper != 0
            let (plain, latin) = (LetterTable.scalar(entry.plain, 0), LetterTable.scalar(entry.latin, 0))
            let digit = FoldedText.isDigit(latin)
            let before = given ?? (digit != last.digit || (isUpper && !last.upper && !last.digit) ? .caseChange : .none)
            // A text's offsets fit 32 bits: a record is read only up to the reader's limit, far below.
            let (start, end) = (Int32(truncatingIfNeeded: at), Int32(truncatingIfNeeded: next))
            guard n < letters.count else { return }
            letters.initializeElement(at: n, to: Letter(plain: plain, latin: latin, start: start, end: end, before: before,
                                                        upper: isUpper, inLink: inLink, possessive: possessive))
            if startsWord { words.add(letters[n], at: n) } else { words.extend(plain, at: n) }
            (n, last) = (n + 1, (isUpper, digit))
            guard (entry.plain | entry.latin) & LetterTable.expansionBit != 0 else { return }
            // "ß" is "ss": one letter of the text, two of the folding; the second goes on the word.
            for k in 1..<max(LetterTable.length(entry.plain), LetterTable.length(entry.latin)) where n < letters.count {
                let letter = Letter(plain: LetterTable.scalar(entry.plain, k), latin: LetterTable.scalar(entry.latin, k),
                                    start: start, end: end, before: .none, upper: false, inLink: inLink, possessive: possessive)
                letters.initializeElement(at: n, to: letter)
                words.extend(letter.plain, at: n)
                (n, last) = (n + 1, (false, FoldedText.isDigit(letter.latin)))
            }
        }
    }

    /// The words, made letter by letter as the fold writes them; the word being made is kept
    /// apart until it ends (a change to an element of `words` checks the array's uniqueness).
    private struct WordBuilder {
        var words: [Word] = []
        private var word = Word(first: 0, last: 0, inLink: false, possessiveAfter: false, hash: 0)
        private var open = false, inPossessive = false

        @inline(__always)
        mutating func add(_ letter: Letter, at n: Int) {
            if letter.possessive {
                if open { words.append(word) }
                if !words.isEmpty { words[words.count - 1].possessiveAfter = true }
                (open, inPossessive) = (false, true)
            } else if letter.before.continuesPhraseWord, open || inPossessive {
                if open { (word.last, word.hash) = (n, hash(word.hash, letter.plain)) }
            } else {
                if open { words.append(word) }
                word = Word(first: n, last: n, inLink: letter.inLink, possessiveAfter: false, hash: hash(hashBasis, letter.plain))
                (open, inPossessive) = (true, false)
            }
        }

        /// A letter that goes on the word before it (no boundary but a change of case, no possessive).
        @inline(__always)
        mutating func extend(_ plain: UInt32, at n: Int) {
            if open { (word.last, word.hash) = (n, hash(word.hash, plain)) }
        }

        mutating func finish() -> [Word] {
            if open { words.append(word) }
            return words
        }
    }

    private static func isApostrophe(_ value: UInt32) -> Bool { value == 0x27 || value == 0x2019 }

    /// Whether an apostrophe before byte `i` is inside a word ("don't", "O'Neil"): a letter
    /// follows, and not the `s` of a closing possessive.
    private static func continuesWord(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i < bytes.count && LetterTable.entry(scalar(bytes, i).0).plain != 0 && !closesPossessive(bytes, at: i)
    }

    /// The scalar at byte `i` of valid UTF-8, and the byte after it.
    @inline(__always)
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, i + 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1]) & 0x3F, i + 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | UInt32(bytes[i + 2]) & 0x3F, i + 3) }
        return ((b0 & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6
                | UInt32(bytes[i + 3]) & 0x3F, i + 4)
    }

    /// `s` followed by no letter: the end of a possessive `'s`, not part of the word.
    private static func closesPossessive(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i < bytes.count, bytes[i] | 0x20 == 0x73 else { return false }
        return i + 1 == bytes.count || LetterTable.entry(scalar(bytes, i + 1).0).plain == 0
    }

    /// Whether a link starts at byte `i`: `http://`, `https://` or `www.`, in any case.
    private static func startsLink(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = bytes[i] | 0x20
        guard c == 0x68 || c == 0x77 else { return false }
        func lowered(_ prefix: StaticString) -> Bool {
            let n = prefix.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            for k in 0..<n where bytes[i + k] | 0x20 != prefix.utf8Start[k] | 0x20 { return false }
            return true
        }
        return c == 0x77 ? lowered("www.") : lowered("http://") || lowered("https://")
    }
}
