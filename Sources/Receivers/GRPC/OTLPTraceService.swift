import GRPCCore

/// `opentelemetry.proto.collector.trace.v1.TraceService/Export` over gRPC, registered by hand
/// with our own (de)serializers so request bytes go straight to `ProtobufDecoder`.
///
/// Status codes as the OTLP specification asks: INVALID_ARGUMENT for undecodable data (not
/// retried), UNAVAILABLE when the inbox is full (retried with backoff), RESOURCE_EXHAUSTED for a
/// message over the size cap (not retried: it carries no RetryInfo), UNAUTHENTICATED without
/// the bearer token when one is required.
public struct OTLPTraceService: RegistrableRPCService {
    public static let export = MethodDescriptor(
        fullyQualifiedService: "opentelemetry.proto.collector.trace.v1.TraceService", method: "Export")

    let intake: ExportIntake
    let authToken: String?
    let maxMessageBytes: Int

    public init(intake: ExportIntake, authToken: String?, maxMessageBytes: Int) {
        self.intake = intake
        self.authToken = authToken
        self.maxMessageBytes = maxMessageBytes
    }

    public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: Self.export, deserializer: ExportRequestDeserializer(maxBytes: maxMessageBytes),
            serializer: ExportReplySerializer()
        ) { request, _ in
            StreamingServerResponse(single: try await handle(request))
        }
    }

    func handle(_ request: StreamingServerRequest<GRPCExportRequest>) async throws -> ServerResponse<ExportReply> {
        if let authToken, !Self.authorized(request.metadata, token: authToken) {
            intake.stats.record(.failed)
            return ServerResponse(error: RPCError(code: .unauthenticated, message: "missing or wrong bearer token"))
        }
        var message: GRPCExportRequest?
        for try await part in request.messages {
            guard message == nil else {
                intake.stats.record(.failed)
                return ServerResponse(error: RPCError(code: .invalidArgument, message: "Export is a unary call"))
            }
            message = part
        }
        switch message {
        case nil:
            intake.stats.record(.failed)
            return ServerResponse(error: RPCError(code: .invalidArgument, message: "no request message"))
        case .tooLarge(let bytes):
            intake.stats.record(.failed)
            return ServerResponse(
                error: RPCError(
                    code: .resourceExhausted,
                    message: "request of \(bytes) bytes is over the \(maxMessageBytes)-byte limit (--max-grpc-message)")
            )
        case .malformed(let reason):
            intake.stats.record(.failed)
            return ServerResponse(
                error: RPCError(code: .invalidArgument, message: "cannot decode the request: \(reason)"))
        case .decoded(let decoded):
            switch intake.offer(decoded) {
            case .accepted(_, let rejected, let firstRejection):
                let text = rejected > 0 ? "\(rejected) span(s) rejected: \(firstRejection ?? "invalid span")" : nil
                return ServerResponse(message: ExportReply(rejectedSpans: rejected, message: text))
            case .refused:
                return ServerResponse(
                    error: RPCError(code: .unavailable, message: "spantop is busy ingesting; retry later"))
            case .invalid(let reason):
                return ServerResponse(error: RPCError(code: .invalidArgument, message: reason))
            }
        }
    }

    /// Whether the `authorization` metadata carries `Bearer <token>`.
    static func authorized(_ metadata: Metadata, token: String) -> Bool {
        for value in metadata["authorization"] {
            guard case .string(let text) = value else { continue }
            let parts = text.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer",
                HTTPRequestValidation.constantTimeEqual(Array(parts[1].utf8), Array(token.utf8))
            {
                return true
            }
        }
        return false
    }
}
