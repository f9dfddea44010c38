/// Builds JSON text with keys in the order they are written (the report contract fixes it).
/// Writes bytes, not Strings: a large report lists hundreds of thousands of tasks.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma = [false]

    public init() {}

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: " "))
        }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject(_ key: String? = nil) { open(key, UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray(_ key: String? = nil) { open(key, UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ key: String?, _ bracket: UInt8) {
        if let key { self.key(key) } else { separator() }
        bytes.append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        needsComma.removeLast()
        bytes.append(bracket)
    }

    private mutating func key(_ k: String) {
        separator()
        appendQuoted(k)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    private mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    public mutating func field(_ k: String, _ v: String?) {
        key(k)
        if let v { appendQuoted(v) } else { raw("null") }
    }

    public mutating func field(_ k: String, _ v: Bool) {
        key(k)
        raw(v ? "true" : "false")
    }

    /// A string element of the array being written.
    public mutating func element(_ v: String) {
        separator()
        appendQuoted(v)
    }

    public mutating func field(_ k: String, _ v: Int?) {
        key(k)
        raw(v.map { String($0) } ?? "null")
    }

    public mutating func field(_ k: String, _ v: Int64?) {
        key(k)
        raw(v.map { String($0) } ?? "null")
    }

    public mutating func field(_ k: String, _ v: Double?, digits: Int = 6) {
        key(k)
        raw(v.map { Self.number($0, digits: digits) } ?? "null")
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

    /// Appends `s` as a JSON string. Swift strings are valid UTF-8, so only quotes, backslashes
    /// and control characters need escaping.
    private mutating func appendQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
