/// English words that are also people's names, or parts of them: a name made only of such words
/// ("Will Park", "Grace Hill") reads as ordinary words unless it is written as a name.
///
/// Not a dictionary: the words people write every day that rosters also hold as given or family
/// names — modal and common verbs, months, colours, places and things, virtues, trades. A word
/// missing here makes a name match in any case (the safe side: masked more, not less).
enum OrdinaryWords {
    /// Whether a folded word (as ``FoldedText`` folds it) is one of them.
    static func contains(_ folded: [UInt32]) -> Bool {
        words.contains(String(String.UnicodeScalarView(folded.compactMap(Unicode.Scalar.init))))
    }

    static let words: Set<String> = Set("""
        a an and are as at be but by can do for go had has have he her his i in is it me my no not of on or
        our so that the their them they this to up us was we were what when who why will with you your
        able add ask back bad ball be beam beat bell belle best big bill black blaze bloom blue bond boom
        born bow brand brave bright brook brooks brown buck bud bush cane cannon care carol case
        cash chance chase cheer chip church clay clear close cloud coal cook cooper cross crown dale
        dash dawn day dean deer dell dew diamond dove down drew duke dusty early earl east easter ever faith
        fall fame far field fields fine fish fisher flower ford forest fox frank free friend frost
        gale gay gem gift glad glass glen gold golden good grace grant gray green grey grove hale hall
        happy hardy harmony haven hay hazel heart heath heather high hill holly honor hope house hunt
        hunter iris ivy jack jade jay jewel joy judge june just keen kind king knight lake lamb
        land lane lark laurel legend liberty light lily little long lord love lucky major march
        mark marsh mason may meadow mercy merry miles mill miller mint misty moon moss much
        new noble north oak ocean olive page park pat patience peace pearl penny pepper
        pike pine poor pope porter power price prince rain ranger ray read reed rich ridge river rivers
        robin rock rose ruby rush rusty sage sandy savage shade sharp shepherd short silver
        sky small smith snow south spark spring star steel sterling stone storm strong summer sunny swan
        sweet swift thorn trinity true trust turner vale valley violet wade walker ward warren
        waters way weaver wells west white wild will willow wind winter wise wolf wood woods worth wren young
        """.split(whereSeparator: \.isWhitespace).map(String.init))
}
