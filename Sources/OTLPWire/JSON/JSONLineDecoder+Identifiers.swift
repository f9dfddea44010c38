import SpanCore

/// A trace or span id as read from a hex string, before anyone judges its length.
struct HexID {
    var high: UInt64 = 0
    var low: UInt64 = 0
    /// Characters in the string.
    var digits = 0
    var isHex = true
    /// The string as written, for messages.
    var text: UnsafeBufferPointer<UInt8>

    /// The id's length in bytes for `SpanValidation` (only meaningful when there is no `problem`).
    var byteLength: Int { digits / 2 }

    /// A reason when the string is not usable hex. With `strict`, any length but `expectedDigits`
    /// (or empty) is one too; otherwise lengths are left to `SpanValidation`.
    func problem(_ name: @autoclosure () -> String, expectedDigits: Int, strict: Bool = false) -> String? {
        if !isHex {
            let shown = String(decoding: text.prefix(48), as: UTF8.self)
            return "\(name()) \"\(shown)\" is not hex"
        }
        if digits % 2 != 0 || (strict && digits != expectedDigits) {
            return "\(name()) has \(digits) hex digits, expected \(expectedDigits)"
        }
        return nil
    }
}

/// The closed sets OTLP writes as integers or enum names.
enum JSONEnum {
    case kind, statusCode
}

/// Hex ids and enums.
extension JSONLineDecoder {
    /// Reads a hex id string (either case). Up to 32 digits are kept; odd lengths, other
    /// characters and escapes are reported through `HexID`, not thrown, so only the span is lost.
    mutating func readHexID() throws(JSONFailure) -> HexID {
        guard try peek() == UInt8(ascii: "\"") else { throw mismatch("a hex string") }
        let s = p + 1
        // Fast paths: exactly 32 or 16 hex digits, eight at a time.
        if end - s > 32 && s[32] == UInt8(ascii: "\""), let a = Self.hex8(s), let b = Self.hex8(s + 8),
            let c = Self.hex8(s + 16), let d = Self.hex8(s + 24)
        {
            p = s + 33
            return HexID(
                high: a << 32 | b, low: c << 32 | d, digits: 32, text: UnsafeBufferPointer(start: s, count: 32))
        }
        if end - s > 16 && s[16] == UInt8(ascii: "\""), let a = Self.hex8(s), let b = Self.hex8(s + 8) {
            p = s + 17
            return HexID(low: a << 32 | b, digits: 16, text: UnsafeBufferPointer(start: s, count: 16))
        }
        var q = s
        var id = HexID(text: UnsafeBufferPointer(start: s, count: 0))
        while q < end {
            let c = q.pointee
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 {
                // Escapes or non-ASCII: never hex. Check the string properly and move on.
                _ = try scanString(copy: false)
                id.isHex = false
                id.digits = p - 1 - s
                id.text = UnsafeBufferPointer(start: s, count: p - 1 - s)
                return id
            }
            if let n = HexCoding.nibble(c) {
                id.high = id.high << 4 | id.low >> 60
                id.low = id.low << 4 | n
            } else {
                id.isHex = false
            }
            q += 1
        }
        guard q < end else { throw truncated() }
        p = q + 1
        id.digits = q - s
        id.text = UnsafeBufferPointer(start: s, count: q - s)
        return id
    }

    /// The value of the eight hex digits (either case) at `p`, or nil if one is not a hex digit.
    @inline(__always)
    static func hex8(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // Per byte, with no carries between bytes since every byte is below 0x80:
        // a digit is >= 0x30 and < 0x3A; a letter, lowercased, is >= 0x61 and < 0x67.
        let lower = w | 0x2020_2020_2020_2020
        let digit = (w &+ 0x5050_5050_5050_5050) & ~(w &+ 0x4646_4646_4646_4646)
        let letter = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x1919_1919_1919_1919)
        guard w & highBits == 0, (digit | letter) & highBits == highBits else { return nil }
        // Nibble values: the low four bits, plus 9 for letters (bit 0x40).
        let nibbles = (w & 0x0F0F_0F0F_0F0F_0F0F) &+ ((w >> 6) & 0x0101_0101_0101_0101) &* 9
        // The first digit is the most significant: reverse, then merge neighbours pairwise.
        var x = nibbles.byteSwapped
        x = (x | x >> 4) & 0x00FF_00FF_00FF_00FF
        x = (x | x >> 8) & 0x0000_FFFF_0000_FFFF
        x = (x | x >> 16) & 0xFFFF_FFFF
        return x
    }

    /// An enum as an integer, a numeric string, or its name ("SPAN_KIND_SERVER", "SERVER",
    /// "STATUS_CODE_ERROR", "error"; any case).
    mutating func readEnum(_ kind: JSONEnum) throws(JSONFailure) -> UInt8 {
        let what = kind == .kind ? "span kind" : "status code"
        let c = try peek()
        if c == UInt8(ascii: "\"") {
            let quote = p
            if let text = try readPlainASCII() {
                if let v = Self.enumValue(kind, text) { return v }
                if let d = text.first, d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") {
                    p = quote
                } else {
                    throw JSONFailure("unknown \(what) \"\(String(decoding: text.prefix(48), as: UTF8.self))\"")
                }
            } else {
                throw JSONFailure("unknown \(what)")
            }
        }
        let n = try readIntegerToken(
            kind == .kind ? "a span kind (integer or name)" : "a status code (integer or name)")
        guard let v = n.uint64, v <= 255 else { throw JSONFailure("\(what) \(n.text) is out of range") }
        return UInt8(v)
    }

    private static func enumValue(_ kind: JSONEnum, _ text: UnsafeBufferPointer<UInt8>) -> UInt8? {
        switch kind {
        case .kind:
            let from = hasPrefix(text, "SPAN_KIND_") ? 10 : 0
            if equalsFolded(text, from, "UNSPECIFIED") { return 0 }
            if equalsFolded(text, from, "INTERNAL") { return 1 }
            if equalsFolded(text, from, "SERVER") { return 2 }
            if equalsFolded(text, from, "CLIENT") { return 3 }
            if equalsFolded(text, from, "PRODUCER") { return 4 }
            if equalsFolded(text, from, "CONSUMER") { return 5 }
        case .statusCode:
            let from = hasPrefix(text, "STATUS_CODE_") ? 12 : 0
            if equalsFolded(text, from, "UNSET") { return StatusCode.unset }
            if equalsFolded(text, from, "OK") { return StatusCode.ok }
            if equalsFolded(text, from, "ERROR") { return StatusCode.error }
        }
        return nil
    }

    private static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        return text.count > n && equalsFolded(UnsafeBufferPointer(rebasing: text[0..<n]), 0, prefix)
    }

    /// `text[from...]` equals the uppercase ASCII `word`, ignoring case.
    private static func equalsFolded(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard text.count - from == n else { return false }
        let w = word.utf8Start
        for i in 0..<n {
            var c = text[from + i]
            if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") { c -= 32 }
            if c != w[i] { return false }
        }
        return true
    }
}
