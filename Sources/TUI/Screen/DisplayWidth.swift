/// Terminal column widths of Unicode scalars, so wide (CJK) characters and emoji keep
/// columns aligned. Scalars that must never reach the terminal report `nil`.
public enum DisplayWidth {
    /// 0 for combining marks and joiners (dropped), 1 or 2 for printable scalars,
    /// nil for control and format characters (replaced before drawing).
    public static func of(_ s: Unicode.Scalar) -> Int? {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return nil }
        if v < 0x300 { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        case .format, .control, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            // Bidi overrides, zero-width joiners and the like can reorder or hide text.
            return v == 0x200D ? 0 : nil
        default: break
        }
        if v >= 0xFE00 && v <= 0xFE0F { return 0 }  // variation selectors
        if isWide(v) || s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, condensed).
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD,
            0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Columns `text` takes once drawn (control characters count as the one-column `�`).
    public static func of(_ text: String) -> Int {
        var n = 0
        for s in text.unicodeScalars { n += of(s) ?? 1 }
        return n
    }
}
