#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// JSON structure: whitespace, objects, arrays, literals, and skipping values nobody asked for.
extension JSONLineDecoder {
    var offset: Int { p - start }

    @inline(__always)
    mutating func skipWhitespace() {
        while p < end {
            let c = p.pointee
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            p += 1
        }
    }

    /// The next non-whitespace byte, not consumed; the line ending here means it was cut short.
    @inline(__always)
    mutating func peek() throws(JSONFailure) -> UInt8 {
        // Compact JSON almost never has whitespace between tokens.
        if p < end && p.pointee > 0x20 { return p.pointee }
        skipWhitespace()
        guard p < end else { throw truncated() }
        return p.pointee
    }

    func truncated() -> JSONFailure {
        JSONFailure("line ends at byte \(end - start) in the middle of a value (truncated?)")
    }

    /// A syntax error at the current byte.
    func syntax(_ expected: String) -> JSONFailure {
        guard p < end else { return truncated() }
        return JSONFailure("invalid JSON at byte \(offset): expected \(expected), got \(Self.describe(p.pointee))")
    }

    /// A well-formed value of the wrong JSON type at the current byte.
    func mismatch(_ expected: String) -> JSONFailure {
        guard p < end else { return truncated() }
        return JSONFailure("expected \(expected), got \(Self.describe(p.pointee))")
    }

    /// What a value starting with `c` is, for messages.
    static func describe(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(c)))'"
        default: return "byte 0x" + String(c, radix: 16, uppercase: true)
        }
    }

    @inline(__always)
    mutating func enter() throws(JSONFailure) {
        depth += 1
        if depth > Self.maxNesting { throw JSONFailure("JSON nested deeper than \(Self.maxNesting) levels") }
    }

    /// Consumes `{`; then call `nextField` until it returns nil.
    @inline(__always)
    mutating func openObject() throws(JSONFailure) {
        guard try peek() == UInt8(ascii: "{") else { throw mismatch("an object") }
        p += 1
        try enter()
    }

    /// Consumes `[`; then call `nextElement` until it returns false.
    @inline(__always)
    mutating func openArray() throws(JSONFailure) {
        guard try peek() == UInt8(ascii: "[") else { throw mismatch("an array") }
        p += 1
        try enter()
    }

    /// Reads the next key and its colon; nil after the closing brace. Members whose value is
    /// `null` are passed over: OTLP JSON treats null as absent.
    mutating func nextField(_ first: inout Bool) throws(JSONFailure) -> JSONField? {
        while true {
            guard try nextMember(&first) else { return nil }
            let field = try readKey()
            guard try peek() == UInt8(ascii: ":") else { throw syntax("':' after a key") }
            p += 1
            if try peek() == UInt8(ascii: "n") {
                try literal("null")
                continue
            }
            return field
        }
    }

    /// Moves to the next member's key; false after the closing brace.
    @inline(__always)
    mutating func nextMember(_ first: inout Bool) throws(JSONFailure) -> Bool {
        var c = try peek()
        if first {
            first = false
        } else if c == UInt8(ascii: ",") {
            p += 1
            c = try peek()
            guard c == UInt8(ascii: "\"") else { throw syntax("a quoted key") }
            return true
        } else if c != UInt8(ascii: "}") {
            throw syntax("',' or '}'")
        }
        if c == UInt8(ascii: "}") {
            p += 1
            depth -= 1
            return false
        }
        guard c == UInt8(ascii: "\"") else { throw syntax("a quoted key or '}'") }
        return true
    }

    /// Moves to the next element; false after the closing bracket.
    @inline(__always)
    mutating func nextElement(_ first: inout Bool) throws(JSONFailure) -> Bool {
        let c = try peek()
        if first {
            first = false
            if c != UInt8(ascii: "]") { return true }
        } else if c == UInt8(ascii: ",") {
            p += 1
            return true
        } else if c != UInt8(ascii: "]") {
            throw syntax("',' or ']'")
        }
        p += 1
        depth -= 1
        return false
    }

    /// Reads a quoted key at `p` and says which field it names.
    @inline(__always)
    mutating func readKey() throws(JSONFailure) -> JSONField {
        let s = p + 1
        var q = s
        while end - q >= 8 {
            let special = Self.specialBytes(UInt64(littleEndian: UnsafeRawPointer(q).loadUnaligned(as: UInt64.self)))
            if special != 0 {
                q += special.trailingZeroBitCount &>> 3
                break
            }
            q += 8
        }
        while q < end {
            let c = q.pointee
            if c == UInt8(ascii: "\"") {
                keyStart = s
                keyCount = q - s
                p = q + 1
                return JSONField.lookup(s, q - s)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { return try readUnusualKey() }
            q += 1
        }
        throw truncated()
    }

    /// A key with escapes or non-ASCII text: decoded through the arena, matched, then dropped from it.
    mutating func readUnusualKey() throws(JSONFailure) -> JSONField {
        let ref = try scanString(copy: true)
        let count = Int(ref.length)
        let field = batch.bytes.withUnsafeBufferPointer { buf in
            count == 0 ? JSONField.unknown : JSONField.lookup(buf.baseAddress! + Int(ref.offset), count)
        }
        batch.bytes.removeLast(count)
        keyCount = -1  // the key bytes are gone; see keyName
        return field
    }

    /// Consumes `word` (true, false, null, ...) or fails.
    mutating func literal(_ word: StaticString) throws(JSONFailure) {
        let n = word.utf8CodeUnitCount
        let available = min(n, end - p)
        guard memcmp(p, word.utf8Start, available) == 0 else { throw syntax("a JSON value") }
        guard available == n else { throw truncated() }
        p += n
    }

    /// Reads `true` or `false`.
    mutating func readBool() throws(JSONFailure) -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default:
            throw mismatch("true or false")
        }
    }

    /// Skips any JSON value, checking its syntax, without recursion: open containers are
    /// tracked as bits (1 = array), which `maxNesting` keeps within 128.
    mutating func skipValue() throws(JSONFailure) {
        let baseDepth = depth
        var arrays: UInt128 = 0
        value: while true {
            var c = try peek()
            switch c {
            case UInt8(ascii: "{"):
                p += 1
                try enter()
                arrays &= ~(1 << UInt128(depth - baseDepth - 1))
                if try peek() == UInt8(ascii: "}") {
                    p += 1
                    depth -= 1
                } else {
                    try skipKeyAndColon()
                    continue value
                }
            case UInt8(ascii: "["):
                p += 1
                try enter()
                arrays |= 1 << UInt128(depth - baseDepth - 1)
                if try peek() == UInt8(ascii: "]") {
                    p += 1
                    depth -= 1
                } else {
                    continue value
                }
            case UInt8(ascii: "\""):
                _ = try scanString(copy: false)
            case UInt8(ascii: "t"):
                try literal("true")
            case UInt8(ascii: "f"):
                try literal("false")
            case UInt8(ascii: "n"):
                try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                _ = try scanNumber()
            default:
                throw syntax("a JSON value")
            }
            // One value is complete: close containers until one has another member.
            while depth > baseDepth {
                let isArray = arrays & (1 << UInt128(depth - baseDepth - 1)) != 0
                c = try peek()
                if c == UInt8(ascii: ",") {
                    p += 1
                    if !isArray { try skipKeyAndColon() }
                    continue value
                }
                guard c == (isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) else {
                    throw syntax(isArray ? "',' or ']'" : "',' or '}'")
                }
                p += 1
                depth -= 1
            }
            return
        }
    }

    private mutating func skipKeyAndColon() throws(JSONFailure) {
        guard try peek() == UInt8(ascii: "\"") else { throw syntax("a quoted key") }
        _ = try scanString(copy: false)
        guard try peek() == UInt8(ascii: ":") else { throw syntax("':' after a key") }
        p += 1
    }
}
