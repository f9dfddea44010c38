import SpanCore

/// JSON string escaping for the writer.
extension OTLPJSONWriter {
    /// Writes the arena string `ref` as a quoted JSON string.
    mutating func string(_ ref: ByteRef) {
        out.append(UInt8(ascii: "\""))
        if ref.length > 0 { escape(arena.baseAddress! + Int(ref.offset), count: Int(ref.length)) }
        out.append(UInt8(ascii: "\""))
    }

    /// Escapes quotes, backslashes and control characters; other text, including non-ASCII
    /// UTF-8, is copied in runs. Ill-formed UTF-8 (which a JSON reader would refuse) becomes U+FFFD.
    private mutating func escape(_ p: UnsafePointer<UInt8>, count: Int) {
        let end = p + count
        var run = p
        var q = p
        while q < end {
            let c = q.pointee
            if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") && c < 0x80 {
                q += 1
                continue
            }
            if c >= 0x80 {
                let n = JSONUTF8.sequenceLength(q, end)
                if n > 0 {
                    q += n
                    continue
                }
            }
            if q > run { out.append(contentsOf: UnsafeBufferPointer(start: run, count: q - run)) }
            switch c {
            case UInt8(ascii: "\""): appendStatic("\\\"")
            case UInt8(ascii: "\\"): appendStatic("\\\\")
            case 0x0A: appendStatic("\\n")
            case 0x0D: appendStatic("\\r")
            case 0x09: appendStatic("\\t")
            case 0x08: appendStatic("\\b")
            case 0x0C: appendStatic("\\f")
            case 0x80...: appendStatic("\\ufffd")
            default:
                appendStatic("\\u00")
                out.append(Self.hexDigit(c >> 4))
                out.append(Self.hexDigit(c & 0xF))
            }
            q += 1
            run = q
        }
        if q > run { out.append(contentsOf: UnsafeBufferPointer(start: run, count: q - run)) }
    }

    private static func hexDigit(_ n: UInt8) -> UInt8 {
        n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "a") + n - 10
    }

    private mutating func appendStatic(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}
