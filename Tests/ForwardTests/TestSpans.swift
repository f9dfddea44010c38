import CZlib
import SpanCore
import Workloads

/// Spans for the forwarding tests: random ones that use every field and value kind, and
/// Eigent-shaped workforces.
enum TestSpans {
    static let words = ["", "a", "ünïcödé", "日本語 🎉", "task.execution:7", String(repeating: "x", count: 100)]

    static func value(_ g: inout SplitMix64, depth: Int = 0) -> AttributeValue {
        switch Int.random(in: 0..<(depth < 2 ? 8 : 6), using: &g) {
        case 0: return .string(words.randomElement(using: &g)!)
        case 1: return .bool(Bool.random(using: &g))
        case 2: return .int(Int64.random(in: -1000...1000, using: &g))
        case 3: return .double(Double.random(in: -1e6...1e6, using: &g))
        case 4: return .bytes((0..<Int.random(in: 0..<8, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) })
        case 5: return .empty
        case 6: return .array((0..<Int.random(in: 0..<3, using: &g)).map { _ in value(&g, depth: depth + 1) })
        default:
            return .kvlist(
                (0..<Int.random(in: 0..<3, using: &g)).map { KeyValue("k\($0)", value(&g, depth: depth + 1)) })
        }
    }

    static let keys = ["service.name", "gen_ai.prompt.0.content", "log.message", "eigent.task.id", "input.value", "x"]

    static func attributes(_ g: inout SplitMix64) -> [KeyValue] {
        (0..<Int.random(in: 0..<5, using: &g)).map { _ in KeyValue(keys.randomElement(using: &g)!, value(&g)) }
    }

    /// `count` random spans over a few resources and scopes.
    static func random(_ count: Int, seed: UInt64) -> [SpanRecord] {
        var g = SplitMix64(seed: seed)
        let resources = (0..<3).map { _ in ResourceRecord(attributes: attributes(&g)) }
        return (0..<count).map { i in
            var r = SpanRecord()
            r.resource = resources[i / 7 % resources.count]
            r.scope = ScopeRecord(name: "scope\(i / 5 % 2)", version: "1")
            r.traceID = TraceID(high: g.next() | 1, low: g.next())
            r.spanID = SpanID(g.next() | 1)
            r.parentSpanID = Bool.random(using: &g) ? SpanID(g.next() | 1) : .zero
            r.name = "span \(i)"
            r.kind = UInt8.random(in: 0...5, using: &g)
            r.startTime = g.next() >> 2
            r.endTime = r.startTime + 1000
            r.statusCode = UInt8.random(in: 0...2, using: &g)
            r.statusMessage = r.statusCode == 2 ? "failed" : ""
            r.attributes = attributes(&g)
            r.events = (0..<Int.random(in: 0..<3, using: &g)).map { _ in
                EventRecord(time: g.next() >> 2, name: "event", attributes: attributes(&g))
            }
            if Bool.random(using: &g) {
                var l = LinkRecord()
                l.traceID = TraceID(high: 1, low: g.next())
                l.spanID = SpanID(g.next() | 1)
                l.attributes = attributes(&g)
                r.links = [l]
            }
            return r
        }
    }

    static func batch(_ records: [SpanRecord]) -> SpanBatch {
        var b = SpanBatch()
        b.append(records: records)
        return b
    }

    /// Eigent-shaped spans (one or more whole workforces), at least `count` of them.
    static func workforce(atLeast count: Int, seed: UInt64 = 7) -> [SpanRecord] {
        var generator = WorkforceGenerator(seed: seed)
        var out: [SpanRecord] = []
        while out.count < count { out += generator.workforce(subtasks: 10) }
        return out
    }

    /// Splits `records` into batches of `size`.
    static func batches(_ records: [SpanRecord], size: Int) -> [SpanBatch] {
        stride(from: 0, to: records.count, by: size).map { batch(Array(records[$0..<min($0 + size, records.count)])) }
    }
}

/// gunzip for checking request bodies; nil when `data` is not one valid gzip member.
func gunzip(_ data: [UInt8]) -> [UInt8]? {
    guard data.count >= 18, data[0] == 0x1F, data[1] == 0x8B else { return nil }
    var stream = z_stream()
    guard spantop_inflate_init_gzip(&stream) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var input = data
    var status: Int32 = Z_OK
    input.withUnsafeMutableBufferPointer { inBuf in
        stream.next_in = inBuf.baseAddress
        stream.avail_in = uInt(inBuf.count)
        repeat {
            chunk.withUnsafeMutableBufferPointer { outBuf in
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                status = inflate(&stream, Z_NO_FLUSH)
                out += outBuf[0..<(outBuf.count - Int(stream.avail_out))]
            }
        } while status == Z_OK
    }
    return status == Z_STREAM_END && stream.avail_in == 0 ? out : nil
}
