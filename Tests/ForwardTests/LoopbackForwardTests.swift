import Foundation
import SpanCore
import SpantopTestSupport
import Testing

@testable import Forward

/// The real HTTP path (AsyncHTTPClient → loopback socket → NIO sink), faults included.
@Suite(.serialized) struct LoopbackForwardTests {
    func withSink(
        _ reply: @escaping @Sendable (Int) -> LoopbackSink.Reply = { _ in .init(status: 200) },
        _ body: (LoopbackSink) async throws -> Void
    ) async throws {
        let sink = LoopbackSink(reply: reply)
        try await sink.start()
        do {
            try await body(sink)
        } catch {
            try? await sink.shutdown()
            throw error
        }
        try await sink.shutdown()
    }

    func spans(in sink: LoopbackSink) -> [SpanRecord] {
        sink.requests.filter { $0.method == "POST" }.flatMap { decodeBody($0.body) }
    }

    @Test func langfuseRequestsCarryPathAuthAndGzipProtobuf() async throws {
        try await withSink { sink in
            let env = ForwardEnvironment(process: [
                "LANGFUSE_PUBLIC_KEY": "pk-lf-test", "LANGFUSE_SECRET_KEY": "sk-lf-secret",
                "LANGFUSE_BASE_URL": "http://127.0.0.1:\(sink.port)",
            ])
            let destination = try Langfuse.destination(from: env).get()
            let exporter = Exporter(destination: destination, settings: .fast(batch: 300))
            exporter.start()
            let records = Workforces.records(atLeast: 700)
            for b in TestSpans.batches(records, size: 128) { exporter.submit(b) }
            let final = await exporter.shutdown(drainTimeout: .seconds(10))
            #expect(final.sent == records.count && final.failed == 0 && final.unsent == 0)
            #expect(spans(in: sink) == records)
            for r in sink.requests {
                #expect(r.method == "POST")
                #expect(r.uri == "/api/public/otel/v1/traces")
                #expect(r.header("Content-Type") == "application/x-protobuf")
                #expect(r.header("Content-Encoding") == "gzip")
                #expect(
                    r.header("Authorization") == "Basic " + Data("pk-lf-test:sk-lf-secret".utf8).base64EncodedString())
                #expect(r.header("x-langfuse-ingestion-version") == "4")
                #expect(TestZlib.gunzip(r.body) != nil, "body must be one valid gzip member")
                #expect(decodeBody(r.body).count <= 300)
            }
            #expect(!final.summary.contains("sk-lf-secret"))
        }
    }

    @Test func customHeadersReachTheSink() async throws {
        try await withSink { sink in
            let d = try OTLPEndpoint.destination(
                url: "http://127.0.0.1:\(sink.port)", headers: [try OTLPEndpoint.parseHeader("X-Scope-OrgID=tenant-1")])
            let exporter = Exporter(destination: d, settings: .fast())
            exporter.start()
            exporter.submit(SpanBatch(records: TestSpans.random(5, seed: 1)))
            await exporter.shutdown(drainTimeout: .seconds(5))
            #expect(sink.requests.first?.uri == "/v1/traces")
            #expect(sink.requests.first?.header("X-Scope-OrgID") == "tenant-1")
        }
    }

    @Test func retryAfterFromA503IsHonoured() async throws {
        try await withSink({ n in
            n == 0 ? .init(status: 503, headers: [("Retry-After", "1")]) : .init(status: 200)
        }) { sink in
            let exporter = Exporter(destination: Destination(name: "sink", endpoint: sink.url), settings: .fast())
            exporter.start()
            let records = TestSpans.random(40, seed: 2)
            let started = ContinuousClock.now
            exporter.submit(SpanBatch(records: records))
            #expect(await eventually { exporter.status.retrying })
            #expect(await eventually { exporter.status.sent == 40 })
            #expect(ContinuousClock.now - started >= .seconds(1))
            #expect(sink.requests.count == 2)
            #expect(spans(in: sink).suffix(40) == records[...])
            await exporter.shutdown(drainTimeout: .seconds(1))
        }
    }

    @Test func a429WithAnHTTPDateIsRetried() async throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        try await withSink({ n in
            n == 0
                ? .init(status: 429, headers: [("Retry-After", formatter.string(from: Date().addingTimeInterval(1)))])
                : .init(status: 200)
        }) { sink in
            let exporter = Exporter(destination: Destination(name: "sink", endpoint: sink.url), settings: .fast())
            exporter.start()
            exporter.submit(SpanBatch(records: TestSpans.random(10, seed: 3)))
            #expect(await eventually { exporter.status.sent == 10 })
            #expect(exporter.status.lastError == "HTTP 429: {}")
            await exporter.shutdown(drainTimeout: .seconds(1))
        }
    }

    @Test(arguments: [400, 500])
    func refusedRequestsAreCountedOnce(status: Int) async throws {
        try await withSink({ _ in .init(status: status, body: "{\"message\":\"nope\"}") }) { sink in
            let exporter = Exporter(destination: Destination(name: "sink", endpoint: sink.url), settings: .fast())
            exporter.start()
            exporter.submit(SpanBatch(records: TestSpans.random(12, seed: 4)))
            #expect(await eventually { exporter.status.failed == 12 })
            let final = await exporter.shutdown(drainTimeout: .seconds(1))
            #expect(sink.requests.count == 1)
            #expect(final.lastError == "HTTP \(status): {\"message\":\"nope\"}")
            #expect(final.sent == 0 && final.unsent == 0)
        }
    }

    @Test func slowResponsesTimeOutAndAreRetried() async throws {
        try await withSink({ n in n == 0 ? .init(status: 200, delay: .seconds(3)) : .init(status: 200) }) { sink in
            var settings = ExporterSettings.fast()
            settings.requestTimeout = .milliseconds(500)
            let exporter = Exporter(destination: Destination(name: "sink", endpoint: sink.url), settings: settings)
            exporter.start()
            let records = TestSpans.random(8, seed: 5)
            exporter.submit(SpanBatch(records: records))
            #expect(await eventually { exporter.status.sent == 8 })
            #expect(exporter.status.lastError == "timed out waiting for a response")
            #expect(sink.requests.count >= 2)
            await exporter.shutdown(drainTimeout: .seconds(1))
        }
    }

    @Test func aSinkThatIsDownAndComesBackLosesNothing() async throws {
        try await withSink { sink in
            let port = sink.port
            try await sink.stop()
            let exporter = Exporter(
                destination: Destination(name: "sink", endpoint: sink.url), settings: .fast(batch: 64))
            exporter.start()
            let records = Workforces.records(atLeast: 500)
            for b in TestSpans.batches(records, size: 50) { exporter.submit(b) }
            #expect(await eventually { exporter.status.retrying })
            #expect(exporter.status.lastError?.hasPrefix("connection failed") == true)
            // Down for a couple of seconds while spans keep arriving, then back on the same port
            // (a real socket and real retries: this wait is real time).
            try await Task.sleep(for: .seconds(2))
            let more = TestSpans.random(30, seed: 6)
            exporter.submit(SpanBatch(records: more))
            try await sink.start(port: port)
            let final = await exporter.shutdown(drainTimeout: .seconds(15))
            #expect(final.sent == records.count + 30)
            #expect(final.dropped == 0 && final.failed == 0 && final.unsent == 0)
            #expect(spans(in: sink) == records + more)
        }
    }

    @Test func connectionRefusedUntilTheDrainTimeoutIsReportedAsUnsent() async throws {
        try await withSink { sink in
            try await sink.stop()
            let exporter = Exporter(destination: Destination(name: "sink", endpoint: sink.url), settings: .fast())
            exporter.start()
            exporter.submit(SpanBatch(records: TestSpans.random(25, seed: 7)))
            #expect(await eventually { exporter.status.retrying })
            let final = await exporter.shutdown(drainTimeout: .milliseconds(300))
            #expect(final.unsent == 25 && final.sent == 0)
            #expect(final.summary.contains("not sent 25"))
        }
    }
}

extension LoopbackForwardTests {
    @Test func aPartialSuccessFromTheSinkIsCounted() async throws {
        try await withSink({ _ in
            .init(status: 200, body: #"{"partialSuccess":{"rejectedSpans":"2","errorMessage":"span too old"}}"#)
        }) { sink in
            let exporter = Exporter(destination: Destination(name: "sink", endpoint: sink.url), settings: .fast())
            exporter.start()
            exporter.submit(SpanBatch(records: TestSpans.random(9, seed: 8)))
            let final = await exporter.shutdown(drainTimeout: .seconds(5))
            #expect(final.sent == 7 && final.failed == 2 && sink.requests.count == 1)
            #expect(final.lastError == "partial success: 2 span(s) rejected: span too old")
        }
    }
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes. Only for these tests:
/// a real socket and a real HTTP client take real time, which a manual clock cannot move.
func eventually(timeout: Duration = .seconds(15), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))  // real sockets: real time
    }
    return condition()
}
