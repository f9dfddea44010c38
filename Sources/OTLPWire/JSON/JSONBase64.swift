/// Base64 for `bytesValue`: standard alphabet on output; standard or URL-safe, padded or not, on input.
enum JSONBase64 {
    private static let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    /// Appends the base64 of `count` bytes at `p` to `out`, padded.
    static func encode(_ p: UnsafePointer<UInt8>, count: Int, into out: inout [UInt8]) {
        let a = alphabet.utf8Start
        var i = 0
        while i + 3 <= count {
            let v = UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2])
            out.append(a[Int(v >> 18)])
            out.append(a[Int(v >> 12 & 63)])
            out.append(a[Int(v >> 6 & 63)])
            out.append(a[Int(v & 63)])
            i += 3
        }
        let rest = count - i
        if rest == 1 {
            let v = UInt32(p[i]) << 16
            out.append(a[Int(v >> 18)])
            out.append(a[Int(v >> 12 & 63)])
            out.append(UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        } else if rest == 2 {
            let v = UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8
            out.append(a[Int(v >> 18)])
            out.append(a[Int(v >> 12 & 63)])
            out.append(a[Int(v >> 6 & 63)])
            out.append(UInt8(ascii: "="))
        }
    }

    /// Decodes the base64 text at `p` over itself; returns the decoded length, or nil when the
    /// text is not base64.
    static func decodeInPlace(_ p: UnsafeMutablePointer<UInt8>, count: Int) -> Int? {
        var n = count
        // Up to two '=' of padding, and then the length must be a whole number of quads.
        if n > 0 && p[n - 1] == UInt8(ascii: "=") {
            n -= 1
            if n > 0 && p[n - 1] == UInt8(ascii: "=") { n -= 1 }
            guard count % 4 == 0 else { return nil }
        }
        guard n % 4 != 1 else { return nil }
        var out = 0
        var acc: UInt32 = 0
        var bits = 0
        for i in 0..<n {
            guard let v = sextet(p[i]) else { return nil }
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                p[out] = UInt8(truncatingIfNeeded: acc >> UInt32(bits))
                out += 1
            }
        }
        return out
    }

    @inline(__always)
    private static func sextet(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
