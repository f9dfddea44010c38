import Forward
import Foundation
import OTLPWire
import SpanCore

/// `spantop-bench forward` and `forward-file`: forwarding throughput, its cost to ingest, and
/// a whole recording sent to a sink (the interop script's Swift side).
enum ForwardBench {
    /// Decode + ingest with and without forwarding to `url`, then forwarding alone for memory.
    static func run(spans: Int, batch: Int, url: String, queue: Int, rounds: Int) async throws {
        var data = BenchData(batchSpans: batch)
        let requests = (0..<(spans / batch)).map { _ in ProtobufEncoder.encode(data.nextBatch()) }
        let total = requests.count * batch
        print("forward: \(format(Double(total))) spans in \(requests.count) requests of \(batch), to \(url)")

        // What the send loop spends per request, on its own thread: encode, then gzip.
        var decoder = ProtobufDecoder()
        let batches = requests.map { r in
            var batch = SpanBatch()
            var outcome = DecodeOutcome()
            try? decoder.decode(r, into: &batch, outcome: &outcome)
            return batch
        }
        var encoded: [[UInt8]] = []
        let encodeTime = MonotonicClock.measure { encoded = batches.map(ProtobufEncoder.encode) }
        var compressed = 0
        let gzipTime = MonotonicClock.measure {
            for body in encoded { compressed += Gzip.compress(body).count }
        }
        print(
            "  send-loop work alone: encode \(format(Double(total) / seconds(encodeTime))) spans/s, gzip level \(Gzip.defaultLevel) \(format(Double(total) / seconds(gzipTime))) spans/s (\(format(Double(compressed) / Double(total), 1)) bytes/span), both \(format(Double(total) / seconds(encodeTime + gzipTime))) spans/s"
        )

        // Alternate runs without and with forwarding, so machine noise hits both alike.
        var ratios: [Double] = []
        for round in 1...rounds {
            let without = ingest(requests, forwarder: nil)
            let forwarder = try makeForwarder(url: url, queue: queue)
            let started = MonotonicClock.now()
            let with = ingest(requests, forwarder: forwarder)
            let final = await forwarder.shutdown(drainTimeout: .seconds(60))
            let forwardSeconds = seconds(MonotonicClock.now() - started)
            ratios.append(without / with)
            let s = final[0]
            print(
                "  round \(round): decode + ingest \(format(Double(total) / without)) spans/s; with forwarding \(format(Double(total) / with)) spans/s = \(format(without / with * 100, 1))%; forwarder sent \(format(Double(s.sent))) (\(format(Double(s.sent) / forwardSeconds)) spans/s until drained), dropped \(format(Double(s.dropped))), failed \(s.failed), unsent \(s.unsent)"
            )
        }
        ratios.sort()
        print("  median: ingest with forwarding at \(format(ratios[ratios.count / 2] * 100, 1))% of the rate without")

        // Memory: forwarding alone (no store) over all requests, several times: resident
        // memory must stay flat, bounded by the queue rather than by what passed through.
        let memoryForwarder = try makeForwarder(url: url, queue: queue)
        var scratch = SpanBatch()
        var samples: [Int] = []
        let base = residentBytes()
        for _ in 0..<3 {
            for r in requests {
                scratch.removeAll()
                var outcome = DecodeOutcome()
                try? decoder.decode(r, into: &scratch, outcome: &outcome)
                memoryForwarder.submit(scratch)
            }
            samples.append(residentBytes() - base)
        }
        let status = await memoryForwarder.shutdown(drainTimeout: .seconds(60))
        print(
            "  forward only, \(format(Double(total * 3))) spans through a \(queue)-span queue: resident growth after each pass \(samples.map { format(Double($0) / 1e6, 1) + " MB" }.joined(separator: ", ")); sent \(format(Double(status.map(\.sent).reduce(0, +)))), dropped \(format(Double(status.map(\.dropped).reduce(0, +))))"
        )
    }

    /// Seconds to decode and ingest every request into a fresh store, submitting each batch.
    static func ingest(_ requests: [[UInt8]], forwarder: Forwarder?) -> Double {
        var decoder = ProtobufDecoder()
        var scratch = SpanBatch()
        let store = TraceStore(maxSpans: Int.max)
        let t = MonotonicClock.measure {
            for r in requests {
                scratch.removeAll()
                var outcome = DecodeOutcome()
                try? decoder.decode(r, into: &scratch, outcome: &outcome)
                store.ingest(scratch)
                forwarder?.submit(scratch)
            }
        }
        return seconds(t)
    }

    static func makeForwarder(url: String, queue: Int, redactor: Redactor? = nil) throws -> Forwarder {
        let destination = try OTLPEndpoint.destination(url: url, headers: [])
        let forwarder = Forwarder(
            ForwarderConfiguration(
                destinations: [destination], settings: ExporterSettings(queueCapacity: queue), redactor: redactor))
        forwarder.start()
        return forwarder
    }

    /// Sends every span of an OTLP JSON lines file to `url` and prints the final status.
    /// Exits 1 unless every span was accepted.
    static func file(path: String, url: String, redactor: Redactor?) async throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ForwardConfigurationError("cannot read \(path)")
        }
        // A queue as large as the file: this is an upload, nothing may be dropped.
        let forwarder = try makeForwarder(url: url, queue: max(8192, data.count / 64), redactor: redactor)
        var batch = SpanBatch()
        var spans = 0
        for line in data.split(separator: 0x0A) where !line.isEmpty {
            var outcome = DecodeOutcome()
            try OTLPJSON.decodeLine(Array(line), into: &batch, outcome: &outcome)
            if batch.spans.count >= 512 {
                spans += batch.spans.count
                forwarder.submit(batch)
                batch = SpanBatch()
            }
        }
        spans += batch.spans.count
        forwarder.submit(batch)
        let final = await forwarder.shutdown(drainTimeout: .seconds(30))
        for s in final { print(s.summary) }
        print("spans read: \(spans)")
        if final.contains(where: { $0.sent != spans }) { exit(1) }
    }
}
