import Foundation
import SpanCore
import SpantopTestSupport
import Testing

@testable import Forward

/// The exporter against scripted transports on a manual clock: flush timers, retry delays,
/// slow destinations and drain timeouts pass in virtual time, so nothing here sleeps.
@Suite struct ExporterTests {
    let destination = Destination(name: "test", endpoint: "http://127.0.0.1:1/v1/traces")
    let clock = ManualClock()

    func exporter(_ transport: ScriptedTransport, _ settings: ExporterSettings = .fast(), redactor: Redactor? = nil)
        -> Exporter
    {
        let e = Exporter(
            destination: destination, settings: settings, redactor: redactor, transport: transport, clock: clock)
        e.start()
        return e
    }

    @Test func deliversEverySpanInOrderInBoundedRequests() async {
        let transport = ScriptedTransport()
        let e = exporter(transport, .fast(batch: 100))
        let records = Workforces.records(atLeast: 1000)
        for b in TestSpans.batches(records, size: 77) { e.submit(b) }
        #expect(await settle(clock) { e.status.sent == records.count })
        #expect(transport.delivered == records)
        #expect(transport.state.withLockedValue { $0.bodies }.allSatisfy { decodeBody($0).count <= 100 })
        let status = await driving(clock) { await e.shutdown(drainTimeout: .seconds(1)) }
        #expect(status.queued == 0 && status.dropped == 0 && status.failed == 0 && status.unsent == 0)
        #expect(transport.state.withLockedValue { $0.shutDown })
    }

    @Test func aFewSpansAreSentAfterTheFlushInterval() async {
        let transport = ScriptedTransport()
        let e = exporter(transport)
        let records = TestSpans.random(3, seed: 1)
        e.submit(SpanBatch(records: records))
        #expect(await settle(clock) { e.status.sent == 3 })
        #expect(transport.delivered == records)
        _ = await driving(clock) { await e.shutdown(drainTimeout: .seconds(1)) }
    }

    @Test func retriesThrottlingUntilAccepted() async {
        // 503 with Retry-After 0, then 429, then a dropped connection, then OK.
        let transport = ScriptedTransport { n in
            switch n {
            case 0: return .status(503, retryAfter: .seconds(0))
            case 1: return .status(429)
            case 2: return .connectionFailed("reset")
            default: return .status(200)
            }
        }
        let e = exporter(transport)
        let records = TestSpans.random(10, seed: 2)
        e.submit(SpanBatch(records: records))
        #expect(await settle(clock) { e.status.sent == 10 })
        #expect(transport.attempts == 4)
        #expect(transport.delivered == records)
        let status = e.status
        #expect(!status.retrying && status.failed == 0)
        #expect(status.lastError == "connection failed: reset")
        _ = await driving(clock) { await e.shutdown(drainTimeout: .seconds(1)) }
    }

    @Test func nonRetryableStatusesAreCountedNotRetried() async {
        let transport = ScriptedTransport { n in
            n == 0
                ? .response(status: 400, retryAfter: nil, message: "{\"message\":\"invalid trace id\"}") : .status(200)
        }
        let e = exporter(transport, .fast(batch: 10))
        e.submit(SpanBatch(records: TestSpans.random(10, seed: 3)))
        #expect(await settle(clock) { e.status.failed == 10 })
        e.submit(SpanBatch(records: TestSpans.random(4, seed: 4)))
        #expect(await settle(clock) { e.status.sent == 4 })
        #expect(transport.attempts == 2)
        #expect(e.status.lastError == "HTTP 400: {\"message\":\"invalid trace id\"}")
        _ = await driving(clock) { await e.shutdown(drainTimeout: .seconds(1)) }
    }

    @Test func a500IsNotRetriedEither() async {
        let transport = ScriptedTransport { _ in .status(500) }
        let e = exporter(transport)
        e.submit(SpanBatch(records: TestSpans.random(5, seed: 5)))
        #expect(await settle(clock) { e.status.failed == 5 })
        #expect(transport.attempts == 1)
        _ = await driving(clock) { await e.shutdown(drainTimeout: .seconds(1)) }
    }

    @Test func retryingIsVisibleWhileItLasts() async {
        let transport = ScriptedTransport { _ in .status(503, retryAfter: .seconds(60)) }
        let e = exporter(
            transport,
            ExporterSettings(flushInterval: .milliseconds(10), retry: RetryPolicy(maxElapsed: .seconds(600))))
        e.submit(SpanBatch(records: TestSpans.random(5, seed: 6)))
        #expect(await settle(clock) { e.status.retrying })
        let status = e.status
        #expect(status.queued == 5 && status.sent == 0)
        #expect(
            status.nextAttempt.map { $0.since(clock.wallNow()) > .seconds(50) } == true, "Retry-After must be honoured")
        #expect(status.lastError == "HTTP 503: Service Unavailable")
        // Draining cannot outwait a 60 s Retry-After: the spans are reported as not sent.
        let final = await driving(clock, timeouts: true) { await e.shutdown(drainTimeout: .milliseconds(100)) }
        #expect(final.unsent == 5 && !final.retrying && final.sent == 0)
    }

    @Test func aFullQueueDropsTheOldestSpans() async {
        // The destination is slow, so spans pile up behind the first request.
        let transport = ScriptedTransport(delay: .milliseconds(300), clock: clock)
        let e = exporter(transport, .fast(queue: 100, batch: 50))
        let records = TestSpans.random(400, seed: 7)
        for b in TestSpans.batches(records, size: 25) { e.submit(b) }
        let final = await driving(clock) { await e.shutdown(drainTimeout: .seconds(10)) }
        #expect(final.sent + final.dropped == 400)
        #expect(final.dropped >= 250)
        let delivered = transport.delivered
        // What survived is the newest spans, plus whatever was already in flight.
        #expect(Array(delivered.suffix(100)) == Array(records.suffix(100)))
    }

    @Test func shutdownDrainsWhatIsQueued() async {
        let transport = ScriptedTransport()
        let e = Exporter(
            destination: destination, settings: ExporterSettings(flushInterval: .seconds(3600)), redactor: nil,
            transport: transport, clock: clock)
        e.start()
        let records = TestSpans.random(30, seed: 8)
        e.submit(SpanBatch(records: records))
        let final = await driving(clock) { await e.shutdown(drainTimeout: .seconds(5)) }
        #expect(final.sent == 30 && final.unsent == 0)
        #expect(transport.delivered == records)
        e.submit(SpanBatch(records: records))
        #expect(e.status.dropped == 30, "spans after shutdown are counted, not queued")
    }

    @Test func largeRequestsAreSplitUnderTheByteLimit() async {
        let transport = ScriptedTransport()
        var settings = ExporterSettings.fast()
        settings.maxBatchBytes = 16 * 1024
        let e = exporter(transport, settings)
        let records = Workforces.records(atLeast: 600)
        e.submit(SpanBatch(records: records))
        #expect(await settle(clock) { e.status.sent == records.count })
        #expect(transport.delivered == records)
        #expect(transport.state.withLockedValue { $0.bodies }.count > 4)
        _ = await driving(clock) { await e.shutdown(drainTimeout: .seconds(1)) }
    }

    @Test func redactionAppliesToWhatIsSentOnly() async {
        let transport = ScriptedTransport()
        let e = exporter(transport, redactor: Redactor())
        let records = Workforces.records(atLeast: 100)
        let batch = SpanBatch(records: records)
        e.submit(batch)
        #expect(await settle(clock) { e.status.sent == records.count })
        let keys = Set(transport.delivered.flatMap { $0.attributes.map(\.key) })
        #expect(!keys.contains("eigent.task.description") && !keys.contains("log.message"))
        #expect(keys.contains("eigent.task.id"))
        #expect(batch.records() == records)
        _ = await driving(clock) { await e.shutdown(drainTimeout: .seconds(1)) }
    }

    @Test func forwarderFansOutToEveryDestination() async {
        let a = ScriptedTransport()
        let b = ScriptedTransport { _ in .status(403) }
        let config = ForwarderConfiguration(destinations: [destination, destination], settings: .fast())
        let forwarder = Forwarder(
            config,
            exporters: [a, b].map {
                Exporter(destination: destination, settings: .fast(), redactor: nil, transport: $0, clock: clock)
            })
        forwarder.start()
        let records = TestSpans.random(20, seed: 9)
        forwarder.submit(SpanBatch(records: records))
        #expect(await settle(clock) { forwarder.status.map { $0.sent + $0.failed } == [20, 20] })
        let final = await driving(clock) { await forwarder.shutdown() }
        #expect(final.map(\.sent) == [20, 0])
        #expect(final.map(\.failed) == [0, 20])
        #expect(a.delivered == records)
    }
}
