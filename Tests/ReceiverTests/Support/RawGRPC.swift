import GRPCCore
import GRPCNIOTransportHTTP2Posix

/// Sends raw request bytes as `TraceService/Export`, so tests can send anything (garbage,
/// truncated messages) through a real grpc-swift client.
struct RawBytesSerializer: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes { Bytes(message) }
}

struct RawBytesDeserializer: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}

enum RawGRPC {
    /// The outcome of one call: the response bytes or the status code.
    enum Outcome: Equatable {
        case ok([UInt8])
        case failed(RPCError.Code)
    }

    /// Runs `body` with a client connected to `127.0.0.1:port` (gzip-capable).
    static func withClient<R: Sendable>(
        port: Int, gzip: Bool = false, _ body: (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> R
    ) async throws -> R {
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext,
            config: .defaults { config in
                config.compression.enabledAlgorithms = .all
                if gzip { config.compression.algorithm = .gzip }
            })
        return try await withGRPCClient(transport: transport) { client in try await body(client) }
    }

    static func export(
        _ client: GRPCClient<HTTP2ClientTransport.Posix>, _ bytes: [UInt8], metadata: Metadata = [:],
        gzip: Bool = false
    ) async -> Outcome {
        var options = CallOptions.defaults
        options.timeout = .seconds(10)
        options.maxRequestMessageBytes = 64 << 20
        if gzip { options.compression = .gzip }
        do {
            return try await client.unary(
                request: ClientRequest(message: bytes, metadata: metadata),
                descriptor: OTLPTraceServiceDescriptor.export,
                serializer: RawBytesSerializer(), deserializer: RawBytesDeserializer(), options: options
            ) { response in .ok(try response.message) }
        } catch let error as RPCError {
            return .failed(error.code)
        } catch {
            return .failed(.unknown)
        }
    }
}

enum OTLPTraceServiceDescriptor {
    static let export = MethodDescriptor(
        fullyQualifiedService: "opentelemetry.proto.collector.trace.v1.TraceService", method: "Export")
}
