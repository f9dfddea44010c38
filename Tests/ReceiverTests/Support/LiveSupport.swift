import Foundation

@testable import Receivers

/// Runs blocking client code on its own thread, so it never starves the concurrency pool the
/// gRPC server's handlers run on.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

/// An OTLP/HTTP server on a free loopback port for one test.
struct LiveHTTP {
    let server: OTLPHTTPServer
    let inbox: BatchInbox
    let stats: ReceiverStats

    static func start(
        inboxCapacity: Int = 1 << 22, _ configure: (inout OTLPHTTPConfiguration) -> Void = { _ in }
    ) async throws -> LiveHTTP {
        var configuration = OTLPHTTPConfiguration()
        configure(&configuration)
        let inbox = BatchInbox(capacity: inboxCapacity)
        let stats = ReceiverStats(proto: .http, address: "")
        let server = try await OTLPHTTPServer.start(
            host: "127.0.0.1", port: 0, configuration: configuration, intake: ExportIntake(inbox: inbox, stats: stats))
        return LiveHTTP(server: server, inbox: inbox, stats: stats)
    }

    var port: Int { server.port }

    func drainedSpans() -> Int {
        var spans = 0
        inbox.drain { spans += $0.batch.spans.count }
        return spans
    }
}
