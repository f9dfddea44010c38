import GRPCCore
import OTLPWire

/// An `Export` request as it leaves the gRPC transport: already decoded into spans, or the
/// reason it could not be. Decoding never throws here, so the service (not the transport)
/// chooses the status for bad data: INVALID_ARGUMENT.
public enum GRPCExportRequest: Sendable {
    case decoded(DecodedRequest)
    case malformed(String)
    /// Over the message size cap, by this many bytes: not decoded.
    case tooLarge(bytes: Int)
}

/// Turns the raw bytes of an `ExportTraceServiceRequest` straight into a `SpanBatch` with our
/// `ProtobufDecoder`: no swift-protobuf message objects on the hot path.
struct ExportRequestDeserializer: MessageDeserializer {
    /// The cap on a (decompressed) request; the service answers RESOURCE_EXHAUSTED above it.
    let maxBytes: Int

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> GRPCExportRequest {
        serializedMessageBytes.withUnsafeBytes { raw in
            guard raw.count <= maxBytes else { return .tooLarge(bytes: raw.count) }
            return switch ExportIntake.decode(raw, encoding: .protobuf) {
            case .success(let request): .decoded(request)
            case .failure(let error): .malformed(error.reason)
            }
        }
    }
}

/// The `ExportTraceServiceResponse` to send: empty, or a partial success.
struct ExportReply: Sendable {
    var rejectedSpans = 0
    var message: String?
}

struct ExportReplySerializer: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: ExportReply) throws -> Bytes {
        Bytes(
            ExportResponseBody.exportResponse(
                rejected: message.rejectedSpans, message: message.message, encoding: .protobuf))
    }
}
