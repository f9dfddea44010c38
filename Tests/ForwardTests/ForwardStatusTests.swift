import Foundation
import SpanCore
import SpantopTestSupport
import Testing

@testable import Forward

@Suite struct ForwardStatusTests {
    @Test func jsonHasEveryFieldWithNullForUnknown() throws {
        var s = ForwardStatus(name: "langfuse", endpoint: "https://cloud.langfuse.com/api/public/otel/v1/traces")
        s.sent = 10
        s.dropped = 2
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(s.jsonObject.utf8)) as? [String: Any])
        #expect(
            Set(object.keys)
                == [
                    "name", "endpoint", "sent", "queued", "retrying", "next_attempt", "dropped", "failed", "unsent",
                    "requests", "last_error", "last_error_at",
                ])
        #expect(object["sent"] as? Int == 10 && object["dropped"] as? Int == 2)
        #expect(object["last_error"] is NSNull && object["next_attempt"] is NSNull)
    }

    @Test func errorsAreEscaped() throws {
        var s = ForwardStatus(name: "x", endpoint: "http://h/v1/traces")
        s.lastError = "HTTP 400: {\"message\":\"bad\\id\"}\n\u{1}"
        s.retrying = true
        s.nextAttempt = Timestamp(unixNanoseconds: 0)
        let array = try #require(
            JSONSerialization.jsonObject(with: Data(ForwardStatus.jsonArray([s, s]).utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["last_error"] as? String == s.lastError)
        #expect(array[0]["next_attempt"] as? String == "1970-01-01T00:00:00Z")
    }

    @Test func shutdownDeliversWhatWasSubmittedBeforeIt() async {
        let transport = ScriptedTransport()
        let destination = Destination(name: "t", endpoint: "http://127.0.0.1:1/v1/traces")
        let forwarder = Forwarder(
            ForwarderConfiguration(destinations: [destination]),
            exporters: [Exporter(destination: destination, settings: .fast(), redactor: nil, transport: transport)])
        forwarder.start()
        forwarder.submit(SpanBatch(records: TestSpans.random(7, seed: 1)))
        let statuses = await forwarder.shutdown()
        #expect(statuses.map(\.sent) == [7])
    }
}
