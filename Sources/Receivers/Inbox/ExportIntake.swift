import OTLPWire
import SpanCore

/// How an export request body is encoded.
public enum PayloadEncoding: Sendable, Equatable {
    case protobuf
    case json
}

/// What became of one export request.
public enum ExportResult: Sendable, Equatable {
    /// Queued for the store. `rejected` spans were invalid and left out (partial success).
    case accepted(spans: Int, rejected: Int, firstRejection: String?)
    /// The body could not be decoded at all; nothing was kept.
    case invalid(reason: String)
    /// The inbox is full; nothing was kept and the client should retry later.
    case refused
}

/// The protocol-independent part of a receiver: decode a request body straight into a
/// `SpanBatch`, offer it to the inbox, count the outcome. Both receivers call it, so HTTP and
/// gRPC treat the same bytes the same way.
public struct ExportIntake: Sendable {
    public let inbox: BatchInbox
    public let stats: ReceiverStats

    public init(inbox: BatchInbox, stats: ReceiverStats) {
        self.inbox = inbox
        self.stats = stats
    }

    /// Decodes `body`, hands the spans to the inbox and records the outcome in `stats`.
    public func export(_ body: UnsafeRawBufferPointer, encoding: PayloadEncoding) -> ExportResult {
        let decoded = Self.decode(body, encoding: encoding)
        switch decoded {
        case .failure(let error):
            stats.record(.failed)
            return .invalid(reason: error.reason)
        case .success(let request):
            return offer(request)
        }
    }

    /// Offers an already decoded request (the gRPC path decodes in its deserializer).
    public func offer(_ request: DecodedRequest) -> ExportResult {
        let spans = request.batch.spans.count
        let rejected = request.outcome.rejectedSpans
        guard inbox.offer(Delivery(batch: request.batch, rejectedSpans: rejected)) else {
            stats.record(.refused)
            return .refused
        }
        stats.record(.accepted(spans: spans, rejected: rejected))
        return .accepted(spans: spans, rejected: rejected, firstRejection: request.outcome.firstRejection)
    }

    /// Decodes one request body; a malformed body leaves nothing behind.
    public static func decode(_ body: UnsafeRawBufferPointer, encoding: PayloadEncoding) -> Result<
        DecodedRequest, WireError
    > {
        var request = DecodedRequest()
        do throws(WireError) {
            switch encoding {
            case .protobuf:
                var decoder = ProtobufDecoder()
                try decoder.decode(body, into: &request.batch, outcome: &request.outcome)
            case .json:
                try decodeJSON(body, into: &request)
            }
        } catch {
            return .failure(error)
        }
        return .success(request)
    }

    /// A JSON body is one `ExportTraceServiceRequest` object. It may be pretty-printed, so line
    /// breaks are whitespace here; it must not hold a second object after the first.
    private static func decodeJSON(_ body: UnsafeRawBufferPointer, into request: inout DecodedRequest)
        throws(WireError)
    {
        guard body.contains(where: { !Self.isWhitespace($0) }) else {
            throw WireError("empty JSON body (expected an ExportTraceServiceRequest object)")
        }
        try OTLPJSON.decodeLine(body, into: &request.batch, outcome: &request.outcome)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// A request body decoded into spans, plus the spans that were left out.
public struct DecodedRequest: Sendable {
    public var batch = SpanBatch()
    public var outcome = DecodeOutcome()
    public init() {}
}
