import Foundation
import Receivers
import SpanCore
import TUI
import Testing

@testable import spantop

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// docs/CodebaseGuide.md's "one span's path from socket to screen", followed step by step: a
/// span POSTed to a real loopback receiver is decoded and offered (1–5), wakes the sleeping
/// owner, is drained into the store (6–8) and is on the next frame (9). Step 10, curses, is
/// tui-e2e's.
struct OneSpanPathTests {
    static let body = Data(
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"path-demo"}}]},
        "scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
        "name":"invoke_agent socket-to-screen","startTimeUnixNano":"1767261600000000000",
        "endTimeUnixNano":"1767261602000000000","status":{"code":1},"attributes":[
        {"key":"gen_ai.operation.name","value":{"stringValue":"invoke_agent"}},
        {"key":"gen_ai.agent.name","value":{"stringValue":"socket-to-screen"}}]}]}]}]}
        """.utf8)

    @Test func aSpanPostedToTheReceiverIsOnTheNextFrame() async throws {
        var configuration = LiveReceiverConfiguration()
        configuration.http = ListenAddress(host: "127.0.0.1", port: 0)
        configuration.grpc = nil
        let pipeline = LivePipeline(configuration, recorder: nil, forwarder: nil)
        try await pipeline.start()
        let port = try #require(pipeline.receivers?.http?.port)
        let store = TraceStore()
        #expect(!pipeline.hasWork)

        // 1–5: the receiver reads, decodes and offers the request.
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/traces")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Self.body
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)

        // 6: the offer woke (or would wake) the owner; it drains into the store (7–8).
        #expect(pipeline.sleep(timeout: .seconds(10)) == .signalled, "the offer is waiting: no sleep")
        let drained = pipeline.pump(into: store)
        #expect(drained.requests == 1 && drained.spans == 1)
        #expect(store.statistics.spans == 1)

        // 9: the view data and the frame show the agent run as a task.
        let data = ViewData(store: store)
        var state = AppState(width: 120, height: 30, feed: FeedStatus(mode: .live))
        state.now = Timestamp(unixNanoseconds: 1_767_261_700_000_000_000)
        _ = reduce(&state, .showTab(.tasks), data: data)
        let frame = render(state, data: data)
        #expect(frame.contains("socket-to-screen"), "\(frame.textLines.joined(separator: "\n"))")

        await pipeline.stopReceivers()
        pipeline.finish(into: store)
    }
}
