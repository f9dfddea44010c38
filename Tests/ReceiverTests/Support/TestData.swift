import CZlib
import Foundation
import OTLPWire
import SpanCore
import Workloads

/// Request bodies for receiver tests: the committed fixtures (emitted by the real
/// OpenTelemetry SDK) and generated Eigent-shaped batches.
enum TestData {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The 15 protobuf request bodies the OTLP/HTTP exporter sent for the fixtures (64 spans).
    static let fixtureBodies: [[UInt8]] = {
        let dir = fixtures.appendingPathComponent("workforce-pb")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".pb") }.sorted().map {
            [UInt8](FileManager.default.contents(atPath: dir.appendingPathComponent($0).path)!)
        }
    }()

    static let fixtureSpanCount = 64

    /// The fixtures as OTLP JSON lines, one request per line.
    static let fixtureJSONLines: [[UInt8]] = {
        let data = FileManager.default.contents(atPath: fixtures.appendingPathComponent("workforce.otlp.jsonl").path)!
        return data.split(separator: 0x0A).map { [UInt8]($0) }.filter { !$0.isEmpty }
    }()

    /// A protobuf request of `spans` generated Eigent-shaped spans.
    static func generatedBody(spans: Int, seed: UInt64 = 7) -> [UInt8] {
        ProtobufEncoder.encode(generatedBatch(spans: spans, seed: seed))
    }

    static func generatedBatch(spans: Int, seed: UInt64 = 7) -> SpanBatch {
        var generator = WorkforceGenerator(seed: seed)
        var records: [SpanRecord] = []
        while records.count < spans { records.append(contentsOf: generator.workforce(subtasks: 10)) }
        var batch = SpanBatch()
        batch.append(records: Array(records.prefix(spans)))
        return batch
    }

    /// One span with an all-zero trace id: well-formed on the wire, invalid, so rejected.
    static func bodyWithOneInvalidSpan() -> [UInt8] {
        var batch = generatedBatch(spans: 3)
        batch.spans[1].traceID = .zero
        return ProtobufEncoder.encode(batch)
    }

    /// gzip-compresses `bytes`.
    static func gzip(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        precondition(spantop_deflate_init_gzip(&stream, level) == Z_OK)
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = o.baseAddress
                stream.avail_out = UInt32(o.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return o.count - Int(stream.avail_out)
            }
        }
        return Array(out.prefix(produced))
    }

    /// A small gzip body that inflates to `size` zero bytes: a decompression bomb.
    static func gzipBomb(size: Int) -> [UInt8] { gzip([UInt8](repeating: 0, count: size), level: 9) }
}
