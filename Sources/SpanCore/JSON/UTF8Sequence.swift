/// UTF-8 well-formedness, one sequence at a time: the JSON and protobuf readers refuse what is
/// not well-formed, and `JSONWriter` replaces it. Inlinable: it runs on every non-ASCII byte.
public enum UTF8Sequence {
    /// The length of the well-formed sequence starting at `p` (a byte >= 0x80), or 0.
    @inlinable @inline(__always)
    public static func wellFormedLength(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        let b0 = p[0]
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        let need: Int
        switch b0 {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; upper = 0x9F  // no UTF-16 surrogates
        case 0xF0: need = 3; lower = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; upper = 0x8F
        default: return 0
        }
        guard end - p > need else { return 0 }
        guard p[1] >= lower && p[1] <= upper else { return 0 }
        if need >= 2 && p[2] & 0xC0 != 0x80 { return 0 }
        if need == 3 && p[3] & 0xC0 != 0x80 { return 0 }
        return need + 1
    }
}
