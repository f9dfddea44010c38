/// The few HTTP/2 frames `grpc-load --client raw` writes (RFC 9113 §4.1, §6), and the HPACK
/// header block of an `Export` call, encoded once without the dynamic table (RFC 7541 §6.2.2).
enum H2Frames {
    static let data: UInt8 = 0x0
    static let headers: UInt8 = 0x1
    static let resetStream: UInt8 = 0x3
    static let settings: UInt8 = 0x4
    static let ping: UInt8 = 0x6
    static let goAway: UInt8 = 0x7
    static let windowUpdate: UInt8 = 0x8
    static let continuation: UInt8 = 0x9

    static func appendFrame(
        type: UInt8, flags: UInt8, stream: UInt32, payload: ArraySlice<UInt8>, to out: inout [UInt8]
    ) {
        let length = payload.count
        out += [
            UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 8),
            UInt8(truncatingIfNeeded: length),
        ]
        out += [type, flags]
        appendUInt32(stream, to: &out)
        out += payload
    }

    static func appendSettings(_ settings: [(UInt16, UInt32)], to out: inout [UInt8]) {
        var payload: [UInt8] = []
        for (id, value) in settings {
            payload += [UInt8(id >> 8), UInt8(truncatingIfNeeded: id)]
            appendUInt32(value, to: &payload)
        }
        appendFrame(type: Self.settings, flags: 0, stream: 0, payload: payload[...], to: &out)
    }

    static func appendWindowUpdate(stream: UInt32, increment: UInt32, to out: inout [UInt8]) {
        var payload: [UInt8] = []
        appendUInt32(increment, to: &payload)
        appendFrame(type: windowUpdate, flags: 0, stream: stream, payload: payload[...], to: &out)
    }

    /// The 5 bytes before a gRPC message: not compressed, then the length.
    static func appendGRPCPrefix(length: Int, to out: inout [UInt8]) {
        out.append(0)
        appendUInt32(UInt32(length), to: &out)
    }

    /// `POST /opentelemetry.proto.collector.trace.v1.TraceService/Export` with the headers
    /// grpc-swift's client sends, a 30 s deadline included (as `grpc-load`'s default client).
    static func exportHeaders(authority: String) -> [UInt8] {
        var block: [UInt8] = [0x83, 0x86]  // :method POST, :scheme http (static table 3, 6)
        literal(nameIndex: 4, "/opentelemetry.proto.collector.trace.v1.TraceService/Export", to: &block)
        literal(nameIndex: 1, authority, to: &block)
        literal(nameIndex: 31, "application/grpc", to: &block)
        literal(name: "te", "trailers", to: &block)
        literal(name: "grpc-timeout", "30S", to: &block)
        return block
    }

    /// A literal header field without indexing, its name from the static table.
    private static func literal(nameIndex: Int, _ value: String, to out: inout [UInt8]) {
        integer(nameIndex, prefixBits: 4, firstByte: 0, to: &out)
        string(value, to: &out)
    }

    /// A literal header field without indexing, with a new name.
    private static func literal(name: String, _ value: String, to out: inout [UInt8]) {
        out.append(0)
        string(name, to: &out)
        string(value, to: &out)
    }

    private static func string(_ text: String, to out: inout [UInt8]) {
        let bytes = Array(text.utf8)
        integer(bytes.count, prefixBits: 7, firstByte: 0, to: &out)  // not Huffman-coded
        out += bytes
    }

    /// An HPACK integer with an N-bit prefix (RFC 7541 §5.1).
    private static func integer(_ value: Int, prefixBits: Int, firstByte: UInt8, to out: inout [UInt8]) {
        let limit = (1 << prefixBits) - 1
        guard value >= limit else {
            out.append(firstByte | UInt8(value))
            return
        }
        out.append(firstByte | UInt8(limit))
        var rest = value - limit
        while rest >= 128 {
            out.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private static func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
        out += [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }
}
