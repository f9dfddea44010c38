import Foundation
import SpanCore
import SpantopTestSupport
import Testing

@testable import Forward

@Suite struct PartialSuccessTests {
    @Test func readsJSONInEitherIntegerForm() {
        let a = PartialSuccess.parse(
            Array(#"{"partialSuccess":{"rejectedSpans":"3","errorMessage":"bad ids"}}"#.utf8), contentType: nil)
        #expect(a?.rejected == 3 && a?.message == "bad ids")
        let b = PartialSuccess.parse(
            Array(#"{"partialSuccess":{"rejectedSpans":2}}"#.utf8), contentType: "application/json")
        #expect(b?.rejected == 2 && b?.message == "")
        #expect(PartialSuccess.parse(Array(#"{"partialSuccess":{}}"#.utf8), contentType: nil) == nil)
        #expect(PartialSuccess.parse(Array("{}".utf8), contentType: nil) == nil)
    }

    @Test func readsProtobuf() {
        // ExportTraceServiceResponse { partial_success { rejected_spans: 300, error_message: "too old" } }
        let inner: [UInt8] = [0x08, 0xAC, 0x02, 0x12, 0x07] + Array("too old".utf8)
        let body: [UInt8] = [0x0A, UInt8(inner.count)] + inner
        let p = PartialSuccess.parse(body, contentType: "application/x-protobuf")
        #expect(p?.rejected == 300 && p?.message == "too old")
    }

    @Test func anEmptyOrBrokenBodyIsAFullSuccess() {
        #expect(PartialSuccess.parse([], contentType: "application/x-protobuf") == nil)
        #expect(PartialSuccess.parse([0x0A, 0x7F, 0x08], contentType: "application/x-protobuf") == nil)
        #expect(PartialSuccess.parse([0xFF, 0xFF, 0xFF], contentType: nil) == nil)
    }

    @Test func rejectedSpansAreCountedAsFailedWithoutRetry() async {
        let transport = ScriptedTransport { _ in .partialSuccess(rejectedSpans: 4, message: "invalid span id") }
        let clock = ManualClock()
        let e = Exporter(
            destination: Destination(name: "t", endpoint: "http://127.0.0.1:1/v1/traces"), settings: .fast(),
            redactor: nil, transport: transport, clock: clock)
        e.start()
        e.submit(SpanBatch(records: TestSpans.random(10, seed: 1)))
        #expect(await settle(clock) { e.status.sent + e.status.failed == 10 })
        let final = await driving(clock) { await e.shutdown(drainTimeout: .seconds(1)) }
        #expect(final.sent == 6 && final.failed == 4)
        #expect(final.lastError == "partial success: 4 span(s) rejected: invalid span id")
        #expect(transport.attempts == 1)
    }
}
