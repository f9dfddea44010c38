/// A 16-byte OpenTelemetry trace id, kept as two integers so it hashes and compares cheaply.
public struct TraceID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static let zero = TraceID(high: 0, low: 0)
    public var isZero: Bool { high == 0 && low == 0 }

    /// Lowercase hex, 32 characters, as OTLP JSON writes it.
    public var hex: String { HexCoding.hex(high) + HexCoding.hex(low) }
    public var description: String { hex }

    public static func < (a: TraceID, b: TraceID) -> Bool { (a.high, a.low) < (b.high, b.low) }

    /// Parses 32 hex digits (either case); nil otherwise.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 32, let h = HexCoding.parse(utf8[0..<16]), let l = HexCoding.parse(utf8[16..<32]) else {
            return nil
        }
        self.init(high: h, low: l)
    }
}

/// An 8-byte span id; zero means "none" (OTLP treats all-zero ids as invalid).
public struct SpanID: Hashable, Sendable, CustomStringConvertible {
    public var raw: UInt64
    public init(_ raw: UInt64) { self.raw = raw }
    public static let zero = SpanID(0)
    public var isZero: Bool { raw == 0 }
    public var hex: String { HexCoding.hex(raw) }
    public var description: String { hex }

    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 16, let v = HexCoding.parse(utf8[...]) else { return nil }
        self.init(v)
    }
}

/// Hex helpers shared by ids and JSON coding.
public enum HexCoding {
    @usableFromInline static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// 16 lowercase hex digits of `value`, big-endian.
    public static func hex(_ value: UInt64) -> String {
        var out = [UInt8](repeating: 0, count: 16)
        var v = value
        for i in stride(from: 15, through: 0, by: -1) {
            out[i] = digits[Int(v & 0xF)]
            v >>= 4
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends 16 lowercase hex digits of `value` to `buffer`.
    @inlinable
    public static func appendHex(_ value: UInt64, to buffer: inout [UInt8]) {
        var shift: UInt64 = 60
        for _ in 0..<16 {
            buffer.append(digits[Int((value >> shift) & 0xF)])
            shift &-= 4
        }
    }

    @inlinable
    public static func nibble(_ c: UInt8) -> UInt64? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Parses up to 16 hex digits into an integer.
    @inlinable
    public static func parse(_ bytes: some Collection<UInt8>) -> UInt64? {
        var v: UInt64 = 0
        for c in bytes {
            guard let n = nibble(c) else { return nil }
            v = v << 4 | n
        }
        return v
    }
}
