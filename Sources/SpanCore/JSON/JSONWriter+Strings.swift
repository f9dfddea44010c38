/// JSON strings (RFC 8259 §7), for `JSONWriter` and for writers with a fixed layout.
extension JSONWriter {
    /// Appends `s` quoted and escaped.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendString($0, to: &out) }
    }

    /// Appends UTF-8 `text` quoted. Quotes, backslashes, U+0000–U+001F and DEL (so a document
    /// shown in a terminal carries no control byte) are escaped (`\b \f \n \r \t`, else
    /// `\u00XX`); other text, non-ASCII included, is copied in runs.
    /// A byte that is not part of well-formed UTF-8 (which a JSON reader would refuse) becomes
    /// `\ufffd`, one per byte.
    public static func appendString(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if let start = text.baseAddress, !text.isEmpty { appendEscaped(start, count: text.count, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ p: UnsafePointer<UInt8>, count: Int, to out: inout [UInt8]) {
        let end = p + count
        var run = p
        var q = p
        while q < end {
            let c = q.pointee
            if c >= 0x20 && c < 0x7F && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") {
                q += 1
                continue
            }
            if c >= 0x80 {
                let n = UTF8Sequence.wellFormedLength(q, end)
                if n > 0 {
                    q += n
                    continue
                }
            }
            if q > run { out.append(contentsOf: UnsafeBufferPointer(start: run, count: q - run)) }
            switch c {
            case UInt8(ascii: "\""): appendStatic("\\\"", to: &out)
            case UInt8(ascii: "\\"): appendStatic("\\\\", to: &out)
            case 0x0A: appendStatic("\\n", to: &out)
            case 0x0D: appendStatic("\\r", to: &out)
            case 0x09: appendStatic("\\t", to: &out)
            case 0x08: appendStatic("\\b", to: &out)
            case 0x0C: appendStatic("\\f", to: &out)
            case 0x80...: appendStatic("\\ufffd", to: &out)
            default:
                appendStatic("\\u00", to: &out)
                out.append(hexDigit(c >> 4))
                out.append(hexDigit(c & 0xF))
            }
            q += 1
            run = q
        }
        if q > run { out.append(contentsOf: UnsafeBufferPointer(start: run, count: q - run)) }
    }

    private static func hexDigit(_ n: UInt8) -> UInt8 {
        n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "a") + n - 10
    }

    private static func appendStatic(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}
