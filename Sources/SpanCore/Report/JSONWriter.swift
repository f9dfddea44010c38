/// Builds JSON text with keys in the order they are written (the report contract fixes it).
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma = [false]

    public init() {}

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text += ", " }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    public mutating func endArray() { close("]") }

    private mutating func open(_ key: String?, _ bracket: String) {
        if let key { self.key(key) } else { separator() }
        text += bracket
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        needsComma.removeLast()
        text += bracket
    }

    private mutating func key(_ k: String) {
        separator()
        text += Self.quote(k) + ": "
    }

    public mutating func field(_ k: String, _ v: String?) {
        key(k)
        text += v.map(Self.quote) ?? "null"
    }

    public mutating func field(_ k: String, _ v: Int?) {
        key(k)
        text += v.map { String($0) } ?? "null"
    }

    public mutating func field(_ k: String, _ v: Int64?) {
        key(k)
        text += v.map { String($0) } ?? "null"
    }

    public mutating func field(_ k: String, _ v: Double?, digits: Int = 6) {
        key(k)
        text += v.map { Self.number($0, digits: digits) } ?? "null"
    }

    /// A finite number rounded to `digits` decimals, without trailing noise.
    static func number(_ v: Double, digits: Int) -> String {
        guard v.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (v * scale).rounded() / scale
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) + ".0" }
        return String(rounded)
    }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
