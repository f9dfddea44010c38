/// JSON numbers (RFC 8259 §6), for `JSONWriter` and for writers with a fixed layout.
extension JSONWriter {
    /// Appends `v` in decimal, exact.
    public static func appendInteger(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        appendInteger(v.magnitude, to: &out)
    }

    /// Appends `v` in decimal, exact, without going through a String.
    public static func appendInteger(_ v: UInt64, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
            var v = v
            var i = 20
            repeat {
                i -= 1
                buf[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v != 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i...]))
        }
    }

    /// Appends the shortest digits that read back as `v` (Swift's `description`: `0.1`,
    /// `1e-07`, `-0.0`). JSON has no NaN or infinity: those are `null`.
    public static func appendNumber(_ v: Double, to out: inout [UInt8]) {
        guard v.isFinite else {
            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
            return
        }
        out.append(contentsOf: v.description.utf8)
    }

    /// Appends `v` rounded to `digits` decimals, in the report's spelling: whole numbers as
    /// `12.0`, a value that rounds to negative zero as `0.0`.
    static func appendRounded(_ v: Double, digits: Int, to out: inout [UInt8]) {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (v * scale).rounded() / scale
        if rounded == rounded.rounded() && abs(rounded) < 1e15 {
            appendInteger(Int64(rounded), to: &out)
            out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "0")])
        } else {
            appendNumber(rounded, to: &out)
        }
    }
}
