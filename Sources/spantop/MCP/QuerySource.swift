import AsyncHTTPClient
import Foundation
import NIOCore
import SpanCore

/// Where `spantop mcp` asks its questions: a store loaded from recordings, or a running
/// spantop's query API. Both answer the same request targets (`/api/v1/…`).
protocol QuerySource: Sendable {
    func get(_ target: String) async throws -> QueryAnswer
}

/// Recordings loaded once; the store is touched only through this actor.
actor LocalQuerySource: QuerySource {
    private let store: TraceStore

    init(store: sending TraceStore) {
        self.store = store
    }

    func get(_ target: String) -> QueryAnswer { store.answer(target: target) }
}

/// A running `spantop` (serve, live, demo) over HTTP, with its receiver token when it has one.
struct RemoteQuerySource: QuerySource {
    let base: String
    let token: String?
    /// Largest answer read (the API pages, so this is far above any page).
    static let maxBody = 64 << 20

    func get(_ target: String) async throws -> QueryAnswer {
        var request = HTTPClientRequest(url: base + target)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        } catch {
            throw CLIError("cannot reach spantop at \(base): \(error) (is `spantop serve` running there?)")
        }
        let body = try await response.body.collect(upTo: Self.maxBody)
        return QueryAnswer(status: Int(response.status.code), body: Array(body.readableBytesView))
    }
}
