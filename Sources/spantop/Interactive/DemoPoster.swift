import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import ServiceLifecycle

/// The demo's client: posts encoded OTLP protobuf requests to spantop's own OTLP/HTTP
/// receiver with AsyncHTTPClient, as an application's exporter would. The UI thread only
/// queues bodies (`send`); posting happens here, off that thread.
final class DemoPoster: Service {
    private let url: String
    private let bodies: AsyncStream<[UInt8]>
    private let queue: AsyncStream<[UInt8]>.Continuation
    private let problems = NIOLockedValueBox<[String]>([])

    init(port: Int) {
        url = "http://127.0.0.1:\(port)/v1/traces"
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        bodies = stream
        queue = continuation
    }

    /// Queues one request body; never blocks.
    func send(_ body: [UInt8]) {
        queue.yield(body)
    }

    /// What went wrong since the last call, as footer notices.
    func takeProblems() -> [String] {
        problems.withLockedValue { p in
            defer { p.removeAll() }
            return p
        }
    }

    func run() async throws {
        // Stops first on shutdown (a client of the receivers); what is still queued is dropped.
        for await body in bodies.cancelOnGracefulShutdown() {
            if let problem = await post(body) { problems.withLockedValue { $0.append(problem) } }
        }
    }

    private func post(_ body: [UInt8]) async -> String? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-protobuf")
        request.body = .bytes(body)
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return response.status.code == 200 ? nil : "demo: the receiver answered HTTP \(response.status.code)"
        } catch {
            return "demo: \(error)"
        }
    }
}
