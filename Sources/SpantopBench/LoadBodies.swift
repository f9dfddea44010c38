import OTLPWire
import SpanCore

/// A set of consecutive 512-span (or other size) OTLP protobuf request bodies for load tests,
/// with the byte offsets of every trace and span id, so each pass over the set can give the
/// spans fresh ids (a sender replaying one captured body would only measure deduplication).
struct LoadBodies {
    /// The request bodies, consecutive batches of one generated workforce stream.
    var bodies: [[UInt8]]
    /// Per body: offsets of the trace ids and span ids (including parent span ids) inside it.
    var idOffsets: [[Int]]
    let spansPerBody: Int

    init(count: Int, batchSpans: Int) {
        var data = BenchData(batchSpans: batchSpans)
        bodies = (0..<count).map { _ in ProtobufEncoder.encode(data.nextBatch()) }
        idOffsets = bodies.map(Self.idOffsets)
        spansPerBody = batchSpans
    }

    /// The id change for pass `pass` of sender `sender`: the same for every body of a pass, so
    /// traces spanning several bodies stay whole, and different for every pass and sender.
    static func mask(sender: Int, pass: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: (sender &+ 1) &* 0x9E37_79B1)
            ^ UInt32(truncatingIfNeeded: (pass &+ 1) &* 0x85EB_CA77)
    }

    /// XORs `mask` into the first 4 bytes of every id in `bytes` (offsets shifted by `base`).
    static func apply(_ mask: UInt32, to bytes: inout [UInt8], offsets: [Int], base: Int) {
        bytes.withUnsafeMutableBytes { raw in
            for offset in offsets {
                let p = raw.baseAddress! + base + offset
                p.storeBytes(of: p.loadUnaligned(as: UInt32.self) ^ mask, as: UInt32.self)
            }
        }
    }

    /// Offsets of `Span.trace_id` (1), `span_id` (2) and `parent_span_id` (4) inside an
    /// `ExportTraceServiceRequest`.
    static func idOffsets(_ body: [UInt8]) -> [Int] {
        var out: [Int] = []
        func walk(_ range: Range<Int>, depth: Int) {
            var i = range.lowerBound
            while i < range.upperBound {
                let (tag, afterTag) = varint(body, i)
                let field = tag >> 3
                let wire = tag & 7
                i = afterTag
                switch wire {
                case 0: i = varint(body, i).1
                case 1: i += 8
                case 5: i += 4
                case 2:
                    let (length, start) = varint(body, i)
                    let end = start + Int(length)
                    switch (depth, field) {
                    // request → resource spans → scope spans → span
                    case (0, 1), (1, 2), (2, 2): walk(start..<end, depth: depth + 1)
                    case (3, 1), (3, 2), (3, 4): if length >= 8 { out.append(start) }
                    default: break
                    }
                    i = end
                default: return
                }
            }
        }
        walk(0..<body.count, depth: 0)
        return out
    }

    private static func varint(_ bytes: [UInt8], _ start: Int) -> (UInt64, Int) {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            value |= UInt64(b & 0x7F) << shift
            i += 1
            if b < 0x80 { break }
            shift += 7
        }
        return (value, i)
    }
}

/// Where a sender is in a `LoadBodies` set: the body it sends next, and how many times it has
/// been through them all (each pass gives the spans new ids, `LoadBodies.mask`).
struct BodyCursor {
    private(set) var index = 0
    private(set) var pass = 0

    /// On to the next body; after the last, the first again in a new pass.
    mutating func advance(over set: LoadBodies) {
        index += 1
        if index == set.bodies.count {
            index = 0
            pass += 1
        }
    }
}
