import OTLPWire
import SpanCore
import SpantopTestSupport

/// Request bodies for receiver tests: the committed fixtures (emitted by the real
/// OpenTelemetry SDK) and generated Eigent-shaped batches.
enum TestData {
    /// The 15 protobuf request bodies the OTLP/HTTP exporter sent for the fixtures (64 spans).
    static let fixtureBodies: [[UInt8]] = (try? Fixtures.protobufRequests()) ?? []

    static let fixtureSpanCount = 64

    /// The fixtures as OTLP JSON lines, one request per line.
    static let fixtureJSONLines: [[UInt8]] = try! Fixtures.jsonLines()

    /// A protobuf request of `spans` generated Eigent-shaped spans.
    static func generatedBody(spans: Int, seed: UInt64 = 7) -> [UInt8] {
        ProtobufEncoder.encode(generatedBatch(spans: spans, seed: seed))
    }

    static func generatedBatch(spans: Int, seed: UInt64 = 7) -> SpanBatch {
        SpanBatch(records: Array(Workforces.records(atLeast: spans, seed: seed).prefix(spans)))
    }

    /// One span with an all-zero trace id: well-formed on the wire, invalid, so rejected.
    static func bodyWithOneInvalidSpan() -> [UInt8] {
        var batch = generatedBatch(spans: 3)
        batch.spans[1].traceID = .zero
        return ProtobufEncoder.encode(batch)
    }

    /// A small gzip body that inflates to `size` zero bytes: a decompression bomb.
    static func gzipBomb(size: Int) -> [UInt8] { TestZlib.gzip([UInt8](repeating: 0, count: size), level: 9) }
}
