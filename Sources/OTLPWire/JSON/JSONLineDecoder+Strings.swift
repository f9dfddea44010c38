import SpanCore

/// JSON strings: scanned eight bytes at a time, copied into the batch arena in runs, UTF-8 checked.
extension JSONLineDecoder {
    /// Reads a string value into the arena; anything else is a type error.
    @inline(__always)
    mutating func readStringValue() throws(JSONFailure) -> ByteRef {
        guard try peek() == UInt8(ascii: "\"") else { throw mismatch("a string") }
        return try scanString(copy: true)
    }

    /// Scans the string whose opening quote is at `p`. With `copy`, its unescaped contents are
    /// appended to `batch.bytes` and their place returned; without, it is only checked.
    @inline(__always)
    mutating func scanString(copy: Bool) throws(JSONFailure) -> ByteRef {
        p += 1
        let arenaStart = batch.bytes.count
        var run = p
        while true {
            // Most strings are plain ASCII: jump to the first quote, backslash, control or non-ASCII byte.
            while end - p >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
                let special = Self.specialBytes(word)
                if special != 0 {
                    p += special.trailingZeroBitCount &>> 3
                    break
                }
                p += 8
            }
            guard p < end else { throw truncated() }
            let c = p.pointee
            if c == UInt8(ascii: "\"") {
                if copy { appendRun(from: run) }
                p += 1
                guard copy else { return .empty }
                return ByteRef(offset: UInt32(arenaStart), length: UInt32(batch.bytes.count - arenaStart))
            } else if c == UInt8(ascii: "\\") {
                if copy { appendRun(from: run) }
                try unescape(copy: copy)
                run = p
            } else if c >= 0x80 {
                let n = UTF8Sequence.wellFormedLength(p, end)
                guard n > 0 else { throw JSONFailure("string has invalid UTF-8 at byte \(offset)") }
                p += n
            } else if c < 0x20 {
                let hex = String(c, radix: 16)
                throw JSONFailure("invalid JSON at byte \(offset): unescaped control character 0x\(hex) in a string")
            } else {
                p += 1
            }
        }
    }

    /// High bit set in every byte of `w` that is a quote, a backslash, below 0x20 or above 0x7F.
    /// (The lowest flagged byte is exact; borrows can only flag bytes above it.)
    @inline(__always)
    static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = w ^ 0x2222_2222_2222_2222
        let slashes = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let zeroQuote = (quotes &- ones) & ~quotes
        let zeroSlash = (slashes &- ones) & ~slashes
        let control = (w &- 0x2020_2020_2020_2020) & ~w
        return (zeroQuote | zeroSlash | control | w) & 0x8080_8080_8080_8080
    }

    @inline(__always)
    private mutating func appendRun(from run: UnsafePointer<UInt8>) {
        if p > run { batch.bytes.append(contentsOf: UnsafeBufferPointer(start: run, count: p - run)) }
    }

    /// Decodes the escape at `p` (a backslash), appending its UTF-8 when copying.
    private mutating func unescape(copy: Bool) throws(JSONFailure) {
        guard end - p >= 2 else { throw truncated() }
        let byte: UInt8
        switch p[1] {
        case UInt8(ascii: "\""): byte = 0x22
        case UInt8(ascii: "\\"): byte = 0x5C
        case UInt8(ascii: "/"): byte = 0x2F
        case UInt8(ascii: "b"): byte = 0x08
        case UInt8(ascii: "f"): byte = 0x0C
        case UInt8(ascii: "n"): byte = 0x0A
        case UInt8(ascii: "r"): byte = 0x0D
        case UInt8(ascii: "t"): byte = 0x09
        case UInt8(ascii: "u"):
            let at = offset
            p += 2
            var scalar = try hex4()
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                // A high surrogate must be followed by an escaped low one (e.g. \uD83D\uDE00).
                guard end - p >= 2, p[0] == UInt8(ascii: "\\"), p[1] == UInt8(ascii: "u") else {
                    if end - p < 2 { throw truncated() }
                    throw JSONFailure("string has a lone UTF-16 surrogate \\u\(Self.hex4(scalar)) at byte \(at)")
                }
                p += 2
                let low = try hex4()
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONFailure("string has a lone UTF-16 surrogate \\u\(Self.hex4(scalar)) at byte \(at)")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw JSONFailure("string has a lone UTF-16 surrogate \\u\(Self.hex4(scalar)) at byte \(at)")
            }
            if copy { appendUTF8(scalar) }
            return
        default:
            throw JSONFailure("invalid JSON at byte \(offset): unknown escape \\\(Character(Unicode.Scalar(p[1])))")
        }
        if copy { batch.bytes.append(byte) }
        p += 2
    }

    private mutating func hex4() throws(JSONFailure) -> UInt32 {
        guard end - p >= 4 else { throw truncated() }
        var v: UInt32 = 0
        for i in 0..<4 {
            guard let n = HexCoding.nibble(p[i]) else {
                p += i
                throw syntax("4 hex digits after \\u")
            }
            v = v << 4 | UInt32(n)
        }
        p += 4
        return v
    }

    private static func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    private mutating func appendUTF8(_ s: UInt32) {
        if s < 0x80 {
            batch.bytes.append(UInt8(s))
        } else if s < 0x800 {
            batch.bytes.append(UInt8(0xC0 | s >> 6))
            batch.bytes.append(UInt8(0x80 | s & 0x3F))
        } else if s < 0x10000 {
            batch.bytes.append(UInt8(0xE0 | s >> 12))
            batch.bytes.append(UInt8(0x80 | s >> 6 & 0x3F))
            batch.bytes.append(UInt8(0x80 | s & 0x3F))
        } else {
            batch.bytes.append(UInt8(0xF0 | s >> 18))
            batch.bytes.append(UInt8(0x80 | s >> 12 & 0x3F))
            batch.bytes.append(UInt8(0x80 | s >> 6 & 0x3F))
            batch.bytes.append(UInt8(0x80 | s & 0x3F))
        }
    }

    /// The bytes of the string at `p` when it is short, plain ASCII without escapes (enum names,
    /// "NaN"); otherwise nil. Either way the string is consumed.
    mutating func readPlainASCII() throws(JSONFailure) -> UnsafeBufferPointer<UInt8>? {
        let s = p + 1
        var q = s
        while q < end {
            let c = q.pointee
            if c == UInt8(ascii: "\"") {
                p = q + 1
                return UnsafeBufferPointer(start: s, count: q - s)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
            q += 1
        }
        _ = try scanString(copy: false)
        return nil
    }
}
