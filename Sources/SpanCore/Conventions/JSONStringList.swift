/// Reads the JSON string arrays Eigent puts in attributes (`["1.1", "1.2"]`) without a JSON
/// library. Anything that is not a flat array of strings gives what was read before it.
enum JSONStringList {
    static func parse(_ text: String) -> [String] {
        var result: [String] = []
        var bytes = Substring(text).utf8.makeIterator()
        var sawOpen = false
        while let b = bytes.next() {
            switch b {
            case UInt8(ascii: "["): sawOpen = true
            case UInt8(ascii: "\""):
                guard sawOpen else { return result }
                var s: [UInt8] = []
                while let c = bytes.next() {
                    if c == UInt8(ascii: "\"") { break }
                    if c == UInt8(ascii: "\\"), let escaped = bytes.next() {
                        s.append(escaped == UInt8(ascii: "n") ? 0x0A : escaped)
                        continue
                    }
                    s.append(c)
                }
                result.append(String(decoding: s, as: UTF8.self))
            case UInt8(ascii: " "), UInt8(ascii: ","), 0x0A, 0x09, 0x0D: continue
            case UInt8(ascii: "]"): return result
            default: return result
            }
        }
        return result
    }
}
