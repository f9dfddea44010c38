import Receivers
import SpanCore

/// The query API alone, for a spantop that takes no spans over the network (`replay --api`):
/// an HTTP server that answers `GET /api/v1/…` from the store the screen shows and refuses
/// exports. The store's owner calls `answer(from:)` when woken.
final class QueryServer: Sendable {
    let desk: QueryDesk
    let server: OTLPHTTPServer

    /// - Parameters:
    ///   - token: required from clients when set; without one, only loopback is allowed.
    ///   - wakeup: signalled when a query arrives (the store owner's).
    static func start(_ address: ListenAddress, token: String?, wakeup: Wakeup) async throws(CLIError) -> QueryServer {
        guard address.isLoopback || token != nil else {
            throw CLIError("--api on \(address) needs --auth-token: the query API shows prompts and errors")
        }
        let desk = QueryDesk(wakeup: wakeup)
        var configuration = OTLPHTTPConfiguration()
        configuration.queries = desk
        configuration.authToken = token
        configuration.exportRefusal = "this spantop replays a recording and takes no spans; it answers GET /api/v1/…"
        do {
            let server = try await OTLPHTTPServer.start(
                host: address.host, port: address.port, configuration: configuration,
                intake: ExportIntake(inbox: BatchInbox(capacity: 1), stats: ReceiverStats(proto: .http, address: "")))
            return QueryServer(server: server, desk: desk)
        } catch {
            throw CLIError("cannot serve the query API on \(address): \(error) (choose another with --api HOST:PORT)")
        }
    }

    private init(server: OTLPHTTPServer, desk: QueryDesk) {
        self.server = server
        self.desk = desk
    }

    var port: Int { server.port }

    /// Answers the waiting queries from `store` (the owner's thread).
    func answer(from store: TraceStore) {
        desk.answerPending(from: store)
    }

    func stop() async {
        desk.close()
        await server.shutdown(grace: .seconds(1))
    }
}
