#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JSON number as scanned: its digits as an integer and a decimal exponent, no allocation.
struct JSONNumber {
    var start: UnsafePointer<UInt8>
    var end: UnsafePointer<UInt8>
    var negative = false
    /// All significant digits, while they fit in 64 bits.
    var mantissa: UInt64 = 0
    /// True when the digits did not fit in `mantissa`.
    var overflow = false
    /// Value = mantissa × 10^exponent (when not overflowed).
    var exponent = 0
    /// No fraction and no exponent were written.
    var isInteger = true

    init(start: UnsafePointer<UInt8>) {
        self.start = start
        self.end = start
    }

    var text: String { String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self) }

    /// The value as an unsigned integer when it is integral and in range.
    var uint64: UInt64? {
        if isInteger && !overflow && exponent == 0 {
            return negative && mantissa != 0 ? nil : mantissa
        }
        // "1e3", "1.0": allowed when integral, as protobuf JSON parsers do.
        guard let d = double, d == d.rounded(), d >= 0, d < 18_446_744_073_709_551_616.0 else { return nil }
        return UInt64(d)
    }

    /// The value as a signed integer when it is integral and in range.
    var int64: Int64? {
        if isInteger && !overflow && exponent == 0 {
            if negative {
                return mantissa <= 1 << 63 ? Int64(bitPattern: 0 &- mantissa) : nil
            }
            return mantissa <= UInt64(Int64.max) ? Int64(mantissa) : nil
        }
        guard let d = double, d == d.rounded(), d >= -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0
        else { return nil }
        return Int64(d)
    }

    /// The value as a double, correctly rounded; nil when it is out of a double's range.
    var double: Double? {
        // Exact when both the digits and the power of ten are exact doubles (Clinger's fast path).
        if !overflow && mantissa < 1 << 53 && exponent >= -22 && exponent <= 22 {
            var d = Double(mantissa)
            if exponent > 0 {
                d *= Self.powersOfTen[exponent]
            } else if exponent < 0 {
                d /= Self.powersOfTen[-exponent]
            }
            return negative ? -d : d
        }
        let count = end - start
        let d = withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buf -> Double in
            let base = buf.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: start, byteCount: count)
            base[count] = 0
            return strtod(base, nil)
        }
        return d.isFinite ? d : nil
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}

/// JSON numbers, and the OTLP habit of writing 64-bit integers (and special doubles) as strings.
extension JSONLineDecoder {
    /// Scans a number at `p` per the JSON grammar.
    mutating func scanNumber() throws(JSONFailure) -> JSONNumber {
        var n = JSONNumber(start: p)
        if p < end && p.pointee == UInt8(ascii: "-") {
            n.negative = true
            p += 1
        }
        guard p < end else { throw truncated() }
        var digit = p.pointee &- UInt8(ascii: "0")
        if digit == 0 {
            p += 1
        } else if digit <= 9 {
            // Timestamps have 19 digits: take eight at a time while the total surely fits.
            while end - p >= 8 && n.mantissa <= Self.eightMoreDigitsFit, let v = Self.eightDigits(p) {
                n.mantissa = n.mantissa &* 100_000_000 &+ v
                p += 8
            }
            while p < end {
                digit = p.pointee &- UInt8(ascii: "0")
                guard digit <= 9 else { break }
                n.accumulate(digit)
                p += 1
            }
        } else {
            throw syntax("a digit")
        }
        if p < end && p.pointee == UInt8(ascii: ".") {
            n.isInteger = false
            p += 1
            guard p < end else { throw truncated() }
            digit = p.pointee &- UInt8(ascii: "0")
            guard digit <= 9 else { throw syntax("a digit after '.'") }
            while end - p >= 8 && !n.overflow && n.mantissa <= Self.eightMoreDigitsFit, let v = Self.eightDigits(p) {
                n.mantissa = n.mantissa &* 100_000_000 &+ v
                n.exponent -= 8
                p += 8
            }
            guard p < end else { n.end = p; return n }
            digit = p.pointee &- UInt8(ascii: "0")
            while digit <= 9 {
                if !n.overflow {
                    n.accumulate(digit)
                    if !n.overflow { n.exponent -= 1 }
                }
                p += 1
                guard p < end else { break }
                digit = p.pointee &- UInt8(ascii: "0")
            }
        }
        if p < end && p.pointee | 0x20 == UInt8(ascii: "e") {
            n.isInteger = false
            p += 1
            var negativeExponent = false
            if p < end && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) {
                negativeExponent = p.pointee == UInt8(ascii: "-")
                p += 1
            }
            guard p < end else { throw truncated() }
            digit = p.pointee &- UInt8(ascii: "0")
            guard digit <= 9 else { throw syntax("a digit in the exponent") }
            var e = 0
            repeat {
                if e < 1_000_000 { e = e * 10 + Int(digit) }
                p += 1
                guard p < end else { break }
                digit = p.pointee &- UInt8(ascii: "0")
            } while digit <= 9
            n.exponent += negativeExponent ? -e : e
        }
        n.end = p
        return n
    }

    /// Largest mantissa that can take eight more digits without overflowing 64 bits.
    static var eightMoreDigitsFit: UInt64 { 184_467_440_736 }  // (UInt64.max - 99_999_999) / 10^8

    /// The value of the eight ASCII digits at `p`, or nil if one is not a digit (simdjson's trick).
    @inline(__always)
    static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let highNibbles = w & 0xF0F0_F0F0_F0F0_F0F0
        let carried = ((w &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4
        guard highNibbles | carried == 0x3333_3333_3333_3333 else { return nil }
        // Combine neighbours: pairs, then quads, then all eight (first digit most significant).
        var v = w &- 0x3030_3030_3030_3030
        v = (v &* 10 &+ v >> 8) & 0x00FF_00FF_00FF_00FF
        v = (v &* 100 &+ v >> 16) & 0x0000_FFFF_0000_FFFF
        v = (v &* 10_000 &+ v >> 32) & 0xFFFF_FFFF
        return v
    }

    /// Reads an integer written as a number or a decimal string ("1700000000000000000").
    @inline(__always)
    mutating func readIntegerToken(_ what: StaticString) throws(JSONFailure) -> JSONNumber {
        let c = try peek()
        if c == UInt8(ascii: "\"") {
            return try numberInString(what)
        }
        guard c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) else {
            throw mismatch("\(what)")
        }
        return try scanNumber()
    }

    /// A number written inside a string; anything else in the string is a type error.
    private mutating func numberInString(_ what: StaticString) throws(JSONFailure) -> JSONNumber {
        let quote = p
        p += 1
        var parsed: JSONNumber?
        do throws(JSONFailure) {
            let n = try scanNumber()
            if p < end && p.pointee == UInt8(ascii: "\"") { parsed = n }
        } catch {}
        if let n = parsed {
            p += 1
            return n
        }
        p = quote
        let s = try scanString(copy: true)
        let text = batch.string(s)
        batch.bytes.removeLast(Int(s.length))
        throw JSONFailure("expected \(what), got \"\(text.prefix(40))\"")
    }

    /// An unsigned 64-bit integer (times in nanoseconds).
    @inline(__always)
    mutating func readUInt64() throws(JSONFailure) -> UInt64 {
        let n = try readIntegerToken("an unsigned integer")
        guard let v = n.uint64 else { throw JSONFailure("\(n.text) is out of range for an unsigned 64-bit integer") }
        return v
    }

    /// A signed 64-bit integer (`intValue`).
    @inline(__always)
    mutating func readInt64() throws(JSONFailure) -> Int64 {
        let n = try readIntegerToken("an integer")
        guard let v = n.int64 else { throw JSONFailure("\(n.text) is out of range for a 64-bit integer") }
        return v
    }

    /// An unsigned 32-bit integer (counts, flags).
    @inline(__always)
    mutating func readUInt32() throws(JSONFailure) -> UInt32 {
        let n = try readIntegerToken("an unsigned integer")
        guard let v = n.uint64, v <= UInt64(UInt32.max) else {
            throw JSONFailure("\(n.text) is out of range for an unsigned 32-bit integer")
        }
        return UInt32(v)
    }

    /// A double: a number, a numeric string, or "NaN" / "Infinity" / "-Infinity" (quoted or not).
    mutating func readDouble() throws(JSONFailure) -> Double {
        let c = try peek()
        if c == UInt8(ascii: "\"") {
            let quote = p
            if let text = try readPlainASCII(), let special = Self.specialDouble(text) { return special }
            p = quote
        } else if let special = try bareSpecialDouble() {
            return special
        }
        let n = try readIntegerToken("a number")
        guard let d = n.double else { throw JSONFailure("\(n.text) is out of range for a double") }
        return d
    }

    /// NaN, Infinity or -Infinity written without quotes (Python's json module does this).
    mutating func bareSpecialDouble() throws(JSONFailure) -> Double? {
        switch p.pointee {
        case UInt8(ascii: "N"):
            try literal("NaN")
            return .nan
        case UInt8(ascii: "I"):
            try literal("Infinity")
            return .infinity
        case UInt8(ascii: "-") where end - p > 1 && p[1] == UInt8(ascii: "I"):
            try literal("-Infinity")
            return -.infinity
        default:
            return nil
        }
    }

    private static func specialDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        switch text.count {
        case 3 where text.elementsEqual("NaN".utf8): return .nan
        case 8 where text.elementsEqual("Infinity".utf8): return .infinity
        case 9 where text.elementsEqual("-Infinity".utf8): return -.infinity
        default: return nil
        }
    }
}

extension JSONNumber {
    /// Adds one significant digit, noting when the digits no longer fit.
    @inline(__always)
    mutating func accumulate(_ digit: UInt8) {
        let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
        if o1 || o2 {
            overflow = true
        } else {
            mantissa = sum
        }
    }
}
