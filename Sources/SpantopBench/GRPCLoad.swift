import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Receivers
import SpanCore

/// `spantop-bench grpc-load`: clients (one HTTP/2 connection each) calling
/// `TraceService/Export` back to back with 512-span bodies; reports spans/s and latency.
/// The client is grpc-swift's (`--client grpc-swift-loops`: its tasks on NIO's event loops), or
/// with `--client raw` frames written on a socket per thread (`GRPCRawWorker`, one call in
/// flight), as cheap as `http-load`'s.
enum GRPCLoad {
    enum Client: String {
        case grpcSwift = "grpc-swift"
        /// grpc-swift's client with its tasks on NIO's event loops, as the receiver runs its own.
        case grpcSwiftLoops = "grpc-swift-loops"
        case raw
    }

    struct Options {
        var client = Client.grpcSwift
        var host = "127.0.0.1"
        var port = 4317
        var connections = 4
        var inFlight = 2
        var batch = 512
        var seconds = 10.0
        var bodies = 32
    }

    static let export = MethodDescriptor(
        fullyQualifiedService: "opentelemetry.proto.collector.trace.v1.TraceService", method: "Export")

    static func run(_ o: Options) async {
        let set = LoadBodies(count: o.bodies, batchSpans: o.batch)
        let inFlight = o.client == .raw ? 1 : o.inFlight
        print(
            "grpc-load (\(o.client.rawValue) client): \(o.connections) connections x \(inFlight) calls in flight -> "
                + "\(o.host):\(o.port), \(o.batch) spans per request, \(Int(o.seconds)) s")
        if o.client == .raw {
            runRaw(o, set: set)
            return
        }
        let results = LoadResults()
        let cpu = ProcessCPU.seconds()
        let start = MonotonicClock.now()
        let deadline = start + .seconds(o.seconds)
        let calls = { @Sendable in
            await withTaskGroup(of: Void.self) { group in
                for connection in 0..<o.connections {
                    group.addTask {
                        results.merge(await runConnection(o, set: set, connection: connection, until: deadline))
                    }
                }
            }
        }
        if o.client == .grpcSwiftLoops {
            await withTaskExecutorPreference(EventLoopTaskExecutor.singleton) { await calls() }
        } else {
            await calls()
        }
        results.print(
            elapsed: (MonotonicClock.now() - start).seconds, spansPerRequest: o.batch, cpu: ProcessCPU.seconds() - cpu)
    }

    /// One thread per connection, as `http-load` runs.
    static func runRaw(_ o: Options, set: LoadBodies) {
        LoadResults.runThreads(o.connections, seconds: o.seconds, spansPerRequest: o.batch) { sender, deadline in
            GRPCRawWorker(options: o, set: set, sender: sender).run(until: deadline)
        }
    }

    static func runConnection(
        _ o: Options, set: LoadBodies, connection: Int, until deadline: MonotonicInstant
    ) async -> LoadResults.Part {
        do {
            let transport = try HTTP2ClientTransport.Posix(
                target: .ipv4(address: o.host, port: o.port), transportSecurity: .plaintext)
            return try await withGRPCClient(transport: transport) { client in
                await withTaskGroup(of: LoadResults.Part.self) { group in
                    for slot in 0..<o.inFlight {
                        let sender = connection * o.inFlight + slot
                        group.addTask { await callLoop(client, o, set: set, sender: sender, until: deadline) }
                    }
                    var total = LoadResults.Part()
                    for await part in group {
                        total.accepted += part.accepted
                        total.refused += part.refused
                        total.errors += part.errors
                        total.latencies += part.latencies
                    }
                    return total
                }
            }
        } catch {
            var part = LoadResults.Part()
            part.errors = 1
            return part
        }
    }

    static func callLoop(
        _ client: GRPCClient<HTTP2ClientTransport.Posix>, _ o: Options, set: LoadBodies, sender: Int,
        until deadline: MonotonicInstant
    ) async -> LoadResults.Part {
        var part = LoadResults.Part()
        var options = CallOptions.defaults
        options.timeout = .seconds(30)
        var index = 0
        var pass = 0
        var body: [UInt8] = []
        while MonotonicClock.now() < deadline {
            body = set.bodies[index]
            LoadBodies.apply(
                LoadBodies.mask(sender: sender, pass: pass), to: &body, offsets: set.idOffsets[index], base: 0)
            let sent = MonotonicClock.now()
            do {
                try await client.unary(
                    request: ClientRequest(message: body), descriptor: export, serializer: BytesSerializer(),
                    deserializer: BytesDeserializer(), options: options
                ) { response in _ = try response.message }
                part.latencies.append(MonotonicClock.now() - sent)
                part.accepted += 1
            } catch let error as RPCError where error.code == .unavailable {
                part.refused += 1
                try? await Task.sleep(for: .milliseconds(20))
                continue
            } catch {
                part.errors += 1
            }
            index += 1
            if index == set.bodies.count {
                index = 0
                pass += 1
            }
        }
        return part
    }
}

struct BytesSerializer: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes { Bytes(message) }
}

struct BytesDeserializer: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}
