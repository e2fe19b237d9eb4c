/// A quick scan of a text's bytes for ``NameMatcher``: could any name start here? Every tweet of
/// an account passes here when opted-out students are on the roster; most name nobody, and leave.
///
/// Every place a name may start is tried (a word's start, a change of case or from letter to digit
/// inside a word, the letter after an apostrophe), for every length of the names' first words,
/// hashed as the full matcher hashes them. Apostrophes are skipped as the full matcher joins
/// them. A byte outside ASCII answers yes: accents, look-alike letters and invisible characters
/// are the full matcher's to fold.
struct NamePrefilter: Sendable {
    private var hashes: Set<UInt64> = []
    private var lengths: [Int] = []
    /// A bit for the first two letters of each first word (lower case): most words start no name,
    /// and leave on one load.
    private var openings = [UInt64](repeating: 0, count: 1024)
    private var hasOneLetterFirstWord = false
    private var hasNonASCIIFirstWord = false
    private(set) var isEmpty = true

    init() {}

    mutating func add(firstWord: [UInt32]) {
        isEmpty = false
        guard firstWord.allSatisfy({ $0 < 0x80 }) else {
            hasNonASCIIFirstWord = true
            return
        }
        hashes.insert(NameMatcher.hash(firstWord[...]))
        if firstWord.count < 2 {
            hasOneLetterFirstWord = true
        } else {
            let opening = Int(firstWord[0]) << 8 | Int(firstWord[1])
            openings[opening >> 6] |= 1 << UInt64(opening & 63)
        }
        if !lengths.contains(firstWord.count) { lengths = (lengths + [firstWord.count]).sorted() }
    }

    func mayMatch(_ text: String) -> Bool {
        if isEmpty { return false }
        if hasNonASCIIFirstWord { return true }
        var copy = text
        return copy.withUTF8 { bytes in
            // 0: not a letter or digit, 1: lower case, 2: upper case, 3: digit.
            func kind(_ byte: UInt8) -> UInt8 {
                switch byte {
                case 0x61...0x7A: 1
                case 0x41...0x5A: 2
                case 0x30...0x39: 3
                default: 0
                }
            }
            var previous: UInt8 = 0
            for i in bytes.indices {
                let byte = bytes[i]
                if byte >= 0x80 { return true }
                let current = kind(byte)
                defer { previous = byte == 0x27 ? 0 : current }
                guard current != 0 else { continue }
                let starts = previous == 0 || (previous == 1 && current == 2) || (previous == 3) != (current == 3)
                if starts, startsName(bytes, at: i) { return true }
            }
            return false
        }
    }

    /// Whether a first word of a name begins at byte `start`.
    private func startsName(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        if !hasOneLetterFirstWord {
            // An apostrophe in the first two letters is rare: such a start takes the long way.
            guard start + 1 < bytes.count else { return false }
            let (first, second) = (bytes[start], bytes[start + 1])
            if second != 0x27 {
                let lower = { (byte: UInt8) in byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
                let opening = Int(lower(first)) << 8 | Int(lower(second))
                if openings[opening >> 6] & (1 << UInt64(opening & 63)) == 0 { return false }
            }
        }
        var h: UInt64 = 0xcbf29ce484222325
        var length = 0
        var i = start
        for wanted in lengths {
            while length < wanted, i < bytes.count {
                let byte = bytes[i]
                i += 1
                if byte == 0x27 { continue }
                let isLetterOrDigit = (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                guard isLetterOrDigit else { return false }
                h = (h ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* 0x100000001b3
                length += 1
            }
            guard length == wanted else { return false }
            if hashes.contains(h) { return true }
        }
        return false
    }
}
