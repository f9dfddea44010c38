import Foundation

/// Reads `partial_success` from an `ExportTraceServiceResponse`, in either encoding: OTLP
/// servers answer protobuf requests in protobuf, but Langfuse answers everything in JSON.
enum PartialSuccess {
    /// Rejected spans and the server's message, or nil for a full success or a body that is
    /// not a response message at all.
    static func parse(_ body: [UInt8], contentType: String?) -> (rejected: Int, message: String)? {
        guard !body.isEmpty else { return nil }
        if contentType?.lowercased().contains("json") == true || body.first == UInt8(ascii: "{") {
            return parseJSON(body)
        }
        return parseProtobuf(body)
    }

    /// `{"partialSuccess": {"rejectedSpans": "3", "errorMessage": "…"}}`; int64 may be a
    /// string or a number.
    static func parseJSON(_ body: [UInt8]) -> (rejected: Int, message: String)? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let partial = (object["partialSuccess"] ?? object["partial_success"]) as? [String: Any]
        else { return nil }
        let raw = partial["rejectedSpans"] ?? partial["rejected_spans"]
        let rejected = (raw as? NSNumber)?.intValue ?? (raw as? String).flatMap { Int($0) } ?? 0
        let message = (partial["errorMessage"] ?? partial["error_message"]) as? String ?? ""
        return rejected > 0 ? (rejected, message) : nil
    }

    /// Field 1 (`ExportTracePartialSuccess`): field 1 varint `rejected_spans`, field 2 string
    /// `error_message`. Anything malformed reads as "no partial success".
    static func parseProtobuf(_ body: [UInt8]) -> (rejected: Int, message: String)? {
        var reader = Reader(bytes: body[...])
        while let (field, type) = reader.tag() {
            if field == 1, type == 2, let inner = reader.lengthDelimited() {
                var r = Reader(bytes: inner)
                var rejected = 0
                var message = ""
                while let (f, t) = r.tag() {
                    if f == 1, t == 0, let v = r.varint() {
                        rejected = Int(truncatingIfNeeded: v)
                    } else if f == 2, t == 2, let bytes = r.lengthDelimited() {
                        message = String(decoding: bytes, as: UTF8.self)
                    } else if !r.skip(t) {
                        return nil
                    }
                }
                return rejected > 0 ? (rejected, message) : nil
            } else if !reader.skip(type) {
                return nil
            }
        }
        return nil
    }

    private struct Reader {
        var bytes: ArraySlice<UInt8>

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let b = bytes.popFirst(), shift < 64 {
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        mutating func tag() -> (field: UInt64, type: UInt64)? {
            guard !bytes.isEmpty, let t = varint() else { return nil }
            return (t >> 3, t & 7)
        }

        mutating func lengthDelimited() -> ArraySlice<UInt8>? {
            guard let n = varint(), n <= UInt64(bytes.count) else { return nil }
            defer { bytes = bytes.dropFirst(Int(n)) }
            return bytes.prefix(Int(n))
        }

        /// Skips one value of wire type `type`; false when it cannot.
        mutating func skip(_ type: UInt64) -> Bool {
            switch type {
            case 0: return varint() != nil
            case 1, 5:
                let n = type == 1 ? 8 : 4
                guard bytes.count >= n else { return false }
                bytes = bytes.dropFirst(n)
                return true
            case 2: return lengthDelimited() != nil
            default: return false
            }
        }
    }
}
