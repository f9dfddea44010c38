import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Receivers

/// `spantop-bench grpc-sink`: the OTLP/gRPC receiver's transport, configured as `serve`
/// configures it, answering `TraceService/Export` with an empty response and dropping the
/// request unread. No decode and no store: what grpc-swift costs per request on its own.
enum GRPCSink {
    static func run(host: String, port: Int) async throws {
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: host, port: port), transportSecurity: .plaintext,
            config: OTLPGRPCConfiguration().transportConfig)
        let server = GRPCServer(transport: transport, services: [DropExports()])
        print("grpc-sink: answering TraceService/Export on \(host):\(port), requests dropped unread")
        try await withTaskExecutorPreference(EventLoopTaskExecutor.singleton) { try await server.serve() }
    }
}

/// `TraceService/Export`, replying with an empty `ExportTraceServiceResponse` to every call.
struct DropExports: RegistrableRPCService {
    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: GRPCLoad.export, deserializer: DropMessage(), serializer: EmptyMessage()
        ) { request, _ in
            for try await _ in request.messages {}
            return StreamingServerResponse(single: ServerResponse(message: ()))
        }
    }
}

/// Takes the request's bytes as the transport hands them over and keeps nothing.
struct DropMessage: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws {}
}

/// An empty message: zero bytes on the wire.
struct EmptyMessage: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: Void) throws -> Bytes { Bytes([]) }
}
