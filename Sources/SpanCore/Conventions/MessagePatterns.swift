/// The quality score inside an Eigent error such as
/// "Task 3 failed quality check (score: 45). Issues: …".
enum QualityScore {
    static func parse(_ message: String) -> Double? {
        MessageBytes.after("quality check (score: ", in: message) { rest in
            let digits = rest.prefix { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }
            return Double(String(decoding: digits, as: UTF8.self))
        }
    }
}

/// The task an Eigent log line is about: "Task X failed (attempt 1/3): …".
enum LogMention {
    static func taskID(in message: String) -> String? {
        MessageBytes.after("Task ", in: message) { rest in
            var end = rest.startIndex
            while end < rest.endIndex {
                let b = rest[end]
                // Beyond ASCII a Unicode space may end the id: let Character decide there.
                if b >= 0x80 { return slowID(String(decoding: rest, as: UTF8.self)) }
                if b == UInt8(ascii: ":") || b == UInt8(ascii: "(") || b == UInt8(ascii: ",") || b == 0x20
                    || (b >= 0x09 && b <= 0x0D)
                {
                    break
                }
                end += 1
            }
            return end == rest.startIndex ? nil : String(decoding: rest[..<end], as: UTF8.self)
        }
    }

    private static func slowID(_ rest: String) -> String? {
        let id = rest.prefix { !$0.isWhitespace && $0 != ":" && $0 != "(" && $0 != "," }
        return id.isEmpty ? nil : String(id)
    }
}

/// Substring search over UTF-8 bytes: Foundation's `range(of:)` cost ~14,000 instructions per
/// failed attempt on the ingest path.
enum MessageBytes {
    /// Calls `body` with the bytes after the first `needle` in `message`; nil when absent.
    static func after<R>(_ needle: StaticString, in message: String, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> R?)
        -> R?
    {
        var message = message
        return message.withUTF8 { hay -> R? in
            let n = needle.utf8CodeUnitCount
            guard n > 0, hay.count >= n else { return nil }
            let first = needle.utf8Start.pointee
            var i = 0
            while i + n <= hay.count {
                if hay[i] == first && memcmp(hay.baseAddress! + i, needle.utf8Start, n) == 0 {
                    return body(hay[(i + n)...])
                }
                i += 1
            }
            return nil
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
