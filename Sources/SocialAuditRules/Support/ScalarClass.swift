/// What the matchers ask of a scalar — a letter or digit, a capital, a combining mark, white
/// space — looked up in a table made once for the Basic Multilingual Plane: every letter of every
/// tweet that is not ASCII asks, and Unicode's property look-ups are slow (docs/performance.md).
enum ScalarClass {
    static let word: UInt8 = 1, upper: UInt8 = 2, mark: UInt8 = 4, space: UInt8 = 8

    static func of(_ scalar: Unicode.Scalar) -> UInt8 {
        let value = scalar.value
        if value < 0x10000 { return table[Int(value)] }
        // Pictographs and emoji (and their skin tones) are none of these.
        if (0x1F300...0x1FAFF).contains(value) { return 0 }
        return computed(scalar)
    }

    private static let table: [UInt8] = (0..<0x10000).map { value in
        Unicode.Scalar(UInt32(value)).map(computed) ?? 0
    }

    private static func computed(_ scalar: Unicode.Scalar) -> UInt8 {
        let properties = scalar.properties
        var bits: UInt8 = 0
        if properties.isAlphabetic || properties.numericType != nil { bits |= word }
        if properties.isUppercase || properties.generalCategory == .titlecaseLetter { bits |= upper }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: bits |= mark
        default: if (0xFE00...0xFE0F).contains(scalar.value) { bits |= mark }
        }
        if properties.isWhitespace { bits |= space }
        return bits
    }
}
