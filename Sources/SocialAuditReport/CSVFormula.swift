import Foundation
import SocialAuditCore

extension FindingsCSV {
    /// Characters a spreadsheet skips before it decides that a cell is a formula: spaces, the
    /// no-break space, a byte-order mark, line breaks, tabs and the bidirectional controls.
    static func isSkippedBeforeFormula(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0xA0, 0xFEFF, 0x0A, 0x0D, 0x09: true
        default: BidiControls.contains(scalar)
        }
    }

    /// Whether the first visible character of `value` starts a formula (or a DDE command) in some
    /// spreadsheet: `=`, `+`, `-`, `@`, the full-width `＝`, `|`; a leading tab or carriage return
    /// is treated so as well, as before.
    static func startsLikeFormula(_ value: String) -> Bool {
        // Most cells start with a letter or a digit: decided on the first byte.
        if let first = value.utf8.first, first < 0x80, first > 0x20,
           !"=+-@|".utf8.contains(first) { return false }
        if let first = value.utf8.first, first == 0x09 || first == 0x0D { return true }
        guard let visible = value.unicodeScalars.first(where: { !isSkippedBeforeFormula($0) }) else { return false }
        return "=+-@|\u{FF1D}".unicodeScalars.contains(visible)
    }
}
