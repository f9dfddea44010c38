/// The one JSON writer: builds a document as UTF-8 bytes, keys in the order they are written
/// (the report contract fixes it), `, ` and `: ` between items. Writes bytes, not Strings: a
/// large report lists hundreds of thousands of tasks.
///
/// Escaping and number rules are in `JSONWriter+Strings` and `JSONWriter+Numbers`; writers with
/// a fixed layout of their own (OTLP JSON) call those appends directly.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// One entry per open object or array: whether the next item needs a comma before it.
    private var needsComma = [false]
    /// A key was just written, so the next value follows it with no comma.
    private var afterKey = false

    public init() {}

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: " "))
        }
        needsComma[needsComma.count - 1] = true
    }

    /// Before any value: a comma unless the value belongs to the key just written.
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
        } else {
            separator()
        }
    }

    /// Starts the member `k`; exactly one value must follow.
    public mutating func key(_ k: String) {
        separator()
        Self.appendString(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    public mutating func beginObject(_ key: String? = nil) { open(key, UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray(_ key: String? = nil) { open(key, UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ key: String?, _ bracket: UInt8) {
        if let key { self.key(key) }
        beforeValue()
        bytes.append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        needsComma.removeLast()
        bytes.append(bracket)
    }

    /// Array elements written by another writer (`, ` between them), placed as they are.
    public mutating func elements(rendered: [UInt8]) {
        guard !rendered.isEmpty else { return }
        separator()
        bytes.append(contentsOf: rendered)
    }

    private mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}

/// Values: as an array element, or after `key(_:)`; `nil` is `null`.
extension JSONWriter {
    public mutating func value(_ v: String?) {
        beforeValue()
        if let v { Self.appendString(v, to: &bytes) } else { raw("null") }
    }

    public mutating func value(_ v: Bool) {
        beforeValue()
        if v { raw("true") } else { raw("false") }
    }

    public mutating func value(_ v: Int?) { value(v.map(Int64.init)) }

    public mutating func value(_ v: Int64?) {
        beforeValue()
        if let v { Self.appendInteger(v, to: &bytes) } else { raw("null") }
    }

    /// The shortest digits that read back as `v`; NaN and infinities are `null`.
    public mutating func value(_ v: Double?) {
        beforeValue()
        if let v { Self.appendNumber(v, to: &bytes) } else { raw("null") }
    }

    /// `v` rounded to `digits` decimals, without trailing noise (`0.5`, `12.0`).
    public mutating func value(_ v: Double?, digits: Int) {
        beforeValue()
        if let v { Self.appendRounded(v, digits: digits, to: &bytes) } else { raw("null") }
    }

    /// A string element of the array being written.
    public mutating func element(_ v: String) { value(v) }
}

/// Members: `key(k)` then the value.
extension JSONWriter {
    public mutating func field(_ k: String, _ v: String?) {
        key(k)
        value(v)
    }

    public mutating func field(_ k: String, _ v: Bool) {
        key(k)
        value(v)
    }

    public mutating func field(_ k: String, _ v: Int?) {
        key(k)
        value(v)
    }

    public mutating func field(_ k: String, _ v: Int64?) {
        key(k)
        value(v)
    }

    /// Doubles in reports are rounded: 6 decimals unless told (costs 9, scores 2).
    public mutating func field(_ k: String, _ v: Double?, digits: Int = 6) {
        key(k)
        value(v, digits: digits)
    }
}
