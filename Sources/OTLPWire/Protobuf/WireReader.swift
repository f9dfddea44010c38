import SpanCore

/// Protobuf wire types.
enum WireType: UInt8 {
    case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
}

/// A cursor over protobuf bytes that never reads past `end` and never allocates.
struct WireReader {
    let base: UnsafeRawPointer
    var position: Int
    let end: Int

    init(base: UnsafeRawPointer, range: Range<Int>) {
        self.base = base
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    var isAtEnd: Bool { position >= end }

    @inline(__always)
    mutating func varint() throws(WireError) -> UInt64 {
        // Fast path: one byte is by far the most common case (tags, small lengths).
        if position < end {
            let b = base.load(fromByteOffset: position, as: UInt8.self)
            if b < 0x80 {
                position += 1
                return UInt64(b)
            }
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw WireError("truncated varint at byte \(position)") }
            let b = base.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            if shift == 63 && b > 1 { throw WireError("varint longer than 64 bits at byte \(position - 1)") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// Reads a field tag; returns the field number and wire type.
    @inline(__always)
    mutating func tag() throws(WireError) -> (field: UInt32, type: WireType) {
        let key = try varint()
        let field = key >> 3
        guard field > 0, field <= 0x1FFF_FFFF else {
            throw WireError("invalid field number \(field) at byte \(position)")
        }
        guard let type = WireType(rawValue: UInt8(key & 7)) else {
            throw WireError("invalid wire type \(key & 7) at byte \(position)")
        }
        return (UInt32(field), type)
    }

    @inline(__always)
    mutating func fixed64() throws(WireError) -> UInt64 {
        guard end - position >= 8 else { throw WireError("truncated fixed64 at byte \(position)") }
        let v = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return UInt64(littleEndian: v)
    }

    @inline(__always)
    mutating func fixed32() throws(WireError) -> UInt32 {
        guard end - position >= 4 else { throw WireError("truncated fixed32 at byte \(position)") }
        let v = base.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position += 4
        return UInt32(littleEndian: v)
    }

    /// Reads a length prefix and returns the byte range it covers.
    @inline(__always)
    mutating func lengthDelimited() throws(WireError) -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - position) else {
            throw WireError("length \(length) at byte \(position) runs past the end of its message")
        }
        let start = position
        position += Int(length)
        return start..<position
    }

    /// Skips a field of an unknown number, as protobuf requires.
    mutating func skip(_ type: WireType, field: UInt32, depth: Int = 0) throws(WireError) {
        switch type {
        case .varint: _ = try varint()
        case .fixed64: _ = try fixed64()
        case .fixed32: _ = try fixed32()
        case .lengthDelimited: _ = try lengthDelimited()
        case .startGroup:
            guard depth < WireLimits.maxValueDepth else { throw WireError("groups nested too deeply") }
            while true {
                guard !isAtEnd else { throw WireError("unterminated group \(field)") }
                let (f, t) = try tag()
                if t == .endGroup {
                    guard f == field else { throw WireError("mismatched end of group \(f), expected \(field)") }
                    return
                }
                try skip(t, field: f, depth: depth + 1)
            }
        case .endGroup: throw WireError("unexpected end of group \(field)")
        }
    }

    @inline(__always)
    func expect(_ type: WireType, is expected: WireType, field: UInt32, in message: StaticString) throws(WireError) {
        if type != expected {
            throw WireError("\(message) field \(field) has wire type \(type.rawValue), expected \(expected.rawValue)")
        }
    }
}
