/// Appends protobuf wire data to a byte buffer. Nested messages are written in place and
/// their length prefix patched afterwards, so no size pre-pass is needed.
struct WireWriter {
    var out: [UInt8]

    init(reserving capacity: Int = 0) {
        out = []
        out.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    @inline(__always)
    mutating func tag(_ field: UInt32, _ type: WireType) {
        varint(UInt64(field) << 3 | UInt64(type.rawValue))
    }

    mutating func fixed64(_ field: UInt32, _ value: UInt64) {
        guard value != 0 else { return }
        tag(field, .fixed64)
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    mutating func fixed32(_ field: UInt32, _ value: UInt32) {
        guard value != 0 else { return }
        tag(field, .fixed32)
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    mutating func uint(_ field: UInt32, _ value: UInt64) {
        guard value != 0 else { return }
        tag(field, .varint)
        varint(value)
    }

    /// Writes a length-delimited field; empty ones are omitted, as proto3 does.
    mutating func bytes(_ field: UInt32, _ source: ArraySlice<UInt8>) {
        guard !source.isEmpty else { return }
        tag(field, .lengthDelimited)
        varint(UInt64(source.count))
        out.append(contentsOf: source)
    }

    mutating func bigEndian(_ field: UInt32, _ words: UInt64...) {
        tag(field, .lengthDelimited)
        varint(UInt64(words.count * 8))
        for w in words {
            withUnsafeBytes(of: w.bigEndian) { out.append(contentsOf: $0) }
        }
    }

    /// Starts a nested message; pass the result to `endMessage`.
    mutating func beginMessage(_ field: UInt32) -> Int {
        tag(field, .lengthDelimited)
        out.append(0)  // one-byte length placeholder, widened in endMessage if needed
        return out.count
    }

    mutating func endMessage(_ start: Int) {
        let length = out.count - start
        if length < 0x80 {
            out[start - 1] = UInt8(length)
            return
        }
        var prefix: [UInt8] = []
        var v = UInt64(length)
        while v >= 0x80 {
            prefix.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        prefix.append(UInt8(v))
        out.replaceSubrange((start - 1)..<start, with: prefix)
    }
}
