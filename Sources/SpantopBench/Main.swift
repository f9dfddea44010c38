import Forward
import Foundation
import OTLPReference
import OTLPWire
import Recordings
import SpanCore
import SwiftProtobuf

/// Benchmarks for the ingest path. Build with `-c release`; see BENCHMARKS.md.
@main
struct SpantopBench {
    static func main() async throws {
        var args = Array(CommandLine.arguments.dropFirst())
        let mode = args.isEmpty ? "help" : args.removeFirst()
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else {
                return fallback
            }
            return v
        }
        func stringOption(_ name: String, _ fallback: String) -> String {
            guard let i = args.firstIndex(of: name), i + 1 < args.count else { return fallback }
            return args[i + 1]
        }
        let spans = option("--spans", 1_000_000)
        let batch = option("--batch", 1024)
        switch mode {
        case "protobuf": protobuf(spans: spans, batch: batch)
        case "json": try json(spans: spans, batch: batch, path: stringOption("--file", "/tmp/spantop-bench.jsonl"))
        case "memory": memory(spans: spans, batch: batch)
        case "insights": InsightBench.run(tasks: option("--tasks", 10_000))
        case "agents": AgentBench.run(spans: spans, batch: batch, concurrent: option("--concurrent", 64))
        case "content":
            try ContentBench.run(
                spans: spans, batch: batch, file: args.contains("--file") ? stringOption("--file", "") : nil)
        case "frame":
            FrameBench.frames(
                spans: spans, width: option("--width", 200), height: option("--height", 60),
                frames: option("--frames", 2000))
        case "replay":
            FrameBench.replay(
                path: stringOption("--file", "/tmp/spantop-bench.jsonl"), width: option("--width", 200),
                height: option("--height", 60))
        case "forward":
            try await ForwardBench.run(
                spans: spans, batch: batch, url: stringOption("--to", "http://127.0.0.1:4318/v1/traces"),
                queue: option("--queue", 8192), rounds: option("--rounds", 3))
        case "forward-file":
            let redactKeys = args.indices.filter { args[$0] == "--redact-key" && $0 + 1 < args.count }.map {
                args[$0 + 1]
            }
            let redact = args.contains("--redact")
            try await ForwardBench.file(
                path: stringOption("--file", "Tests/Fixtures/workforce.otlp.jsonl"),
                url: stringOption("--to", "http://127.0.0.1:4318/v1/traces"),
                redactor: redact || !redactKeys.isEmpty
                    ? Redactor(extraPatterns: redactKeys, includeContentKeys: redact) : nil)
        case "http-load":
            var o = HTTPLoad.Options()
            o.host = stringOption("--host", o.host)
            o.port = option("--port", o.port)
            o.path = stringOption("--path", o.path)
            o.connections = option("--connections", o.connections)
            o.batch = option("--batch", 512)
            o.seconds = Double(option("--seconds", 10))
            HTTPLoad.run(o)
        case "grpc-load":
            var o = GRPCLoad.Options()
            o.host = stringOption("--host", o.host)
            o.port = option("--port", o.port)
            o.connections = option("--connections", o.connections)
            o.inFlight = option("--in-flight", o.inFlight)
            guard let client = GRPCLoad.Client(rawValue: stringOption("--client", o.client.rawValue)) else {
                print("grpc-load: --client is grpc-swift, grpc-swift-loops or raw")
                exit(2)
            }
            o.client = client
            o.batch = option("--batch", 512)
            o.seconds = Double(option("--seconds", 10))
            await GRPCLoad.run(o)
        case "grpc-sink":
            try await GRPCSink.run(host: stringOption("--host", "127.0.0.1"), port: option("--port", 4317))
        case "http-sink":
            try await HTTPSink.run(host: stringOption("--host", "127.0.0.1"), port: option("--port", 4318))
        case "soak":
            var o = SoakLoad.Options()
            o.host = stringOption("--host", o.host)
            o.port = option("--port", o.port)
            o.pid = Int32(option("--pid", 0))
            o.rate = option("--rate", o.rate)
            o.spans = option("--spans", o.spans)
            o.cap = option("--cap", o.cap)
            o.repeatEvery = option("--repeat-every", 0)
            o.projects = option("--projects", o.projects)
            o.batch = option("--batch", 512)
            o.samplesPath = args.contains("--samples") ? stringOption("--samples", "") : nil
            if !SoakLoad.run(o) { exit(1) }
        case "diff": DiffBench.run(tasks: option("--tasks", 10_000), rounds: option("--rounds", 20))
        case "write-jsonl":
            try writeJSONL(spans: spans, batch: batch, path: stringOption("--file", "/tmp/spantop-bench.jsonl"))
        default:
            print(
                """
                usage: spantop-bench MODE [--spans N] [--batch N] [--file PATH] [--to URL]
                  protobuf     decode + ingest of OTLP protobuf requests (and swift-protobuf's decode of the same bytes)
                  json         write OTLP JSON lines to --file, then load them into a store (MB/s)
                  memory       resident memory per stored span after ingesting --spans spans
                  diff         RunDiff over two generated runs of a --tasks-task job (default 10,000), best/median of --rounds
                  write-jsonl  only write the OTLP JSON lines file (for timing `spantop report`)
                  agents       ingest of pydantic-ai-shaped agent traces (--concurrent in flight, default 64), as agent
                               traces and as plain ones: what rebuilding runs costs
                  content      memory per span of --file (scripts/make-content-workload.py) and conversation search
                               time per keystroke over it, or over --spans of the demo's agent runs
                  insights     critical path, outliers, ETA and timeline rows of one --tasks task project (default 10,000)
                  frame        TUI frame time (reduce + render + diff) per screen with --spans loaded [--width --height --frames]
                  replay       first frame and load time of a replay of --file at max speed
                  forward      decode + ingest with and without forwarding to --to (an OTLP/HTTP sink), [--queue N] [--rounds N]
                  forward-file send every span of --file (OTLP JSON lines) to --to [--redact] [--redact-key GLOB]...
                  http-load    POST --batch-span protobuf bodies over --connections keep-alive connections to
                               --host/--port/--path (default 127.0.0.1:4318 /v1/traces) for --seconds; spans/s, p50/p99
                  grpc-load    the same as TraceService/Export calls to --host/--port (default :4317),
                               --connections clients x --in-flight concurrent calls; --client grpc-swift-loops: the same
                               client on NIO's event loops; --client raw: HTTP/2 frames on a socket per connection,
                               one call in flight (a client as cheap as http-load's)
                  grpc-sink    the OTLP/gRPC receiver's transport on --host/--port answering every Export unread
                               (no decode, no store): the transport's own ceiling under grpc-load
                  http-sink    the same for OTLP/HTTP: NIO's HTTP/1.1 server answering every POST 200, body unread
                  soak         send --spans workforce spans (default 10M) at --rate/s (default 40,000) to a running
                               `spantop serve` at --host/--port, sampling --pid's RSS every 2 s; fails if it grows
                               past 10% + 8 MB of its value when --cap spans were sent [--repeat-every RUNS]
                               [--samples FILE.tsv]
                """)
        }
    }

    static func protobuf(spans: Int, batch: Int) {
        var data = BenchData(batchSpans: batch)
        var requests: [[UInt8]] = []
        var bytes = 0
        for _ in 0..<(spans / batch) {
            let r = ProtobufEncoder.encode(data.nextBatch())
            bytes += r.count
            requests.append(r)
        }
        let total = requests.count * batch
        print(
            "protobuf: \(format(Double(total))) spans in \(requests.count) requests of \(batch), \(format(Double(bytes) / Double(total), 0)) bytes/span"
        )

        // Decode alone, reusing one batch.
        var decoder = ProtobufDecoder()
        var scratch = SpanBatch()
        var t = MonotonicClock.measure {
            for r in requests {
                scratch.removeAll()
                var outcome = DecodeOutcome()
                try? decoder.decode(r, into: &scratch, outcome: &outcome)
            }
        }
        print(
            "  fast decode only:          \(format(Double(total) / seconds(t))) spans/s  (\(format(Double(bytes) / seconds(t) / 1e6, 1)) MB/s)"
        )

        t = MonotonicClock.measure {
            for r in requests {
                _ = try? Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest(serializedBytes: r)
            }
        }
        print("  swift-protobuf decode:     \(format(Double(total) / seconds(t))) spans/s")

        let store = TraceStore(maxSpans: Int.max)
        t = MonotonicClock.measure {
            for r in requests {
                scratch.removeAll()
                var outcome = DecodeOutcome()
                try? decoder.decode(r, into: &scratch, outcome: &outcome)
                store.ingest(scratch)
            }
        }
        print(
            "  decode + ingest:           \(format(Double(total) / seconds(t))) spans/s  (\(store.statistics.spans) stored, \(store.tasks.count) tasks)"
        )
    }

    @discardableResult
    static func writeJSONL(spans: Int, batch: Int, path: String) throws -> Int {
        var data = BenchData(batchSpans: batch)
        guard
            let out = FileHandle(forWritingAtPath: path)
                ?? {
                    _ = FileManager.default.createFile(atPath: path, contents: nil)
                    return FileHandle(forWritingAtPath: path)
                }()
        else { throw CocoaError(.fileWriteUnknown) }
        try out.truncate(atOffset: 0)
        var bytes = 0
        var line: [UInt8] = []
        // Encoding alone (what the recorder does per batch), not generating or writing.
        var encoding = Nanoseconds.zero
        for _ in 0..<(spans / batch) {
            line.removeAll(keepingCapacity: true)
            let next = data.nextBatch()
            encoding = encoding + MonotonicClock.measure { OTLPJSON.encode(next, into: &line) }
            line.append(0x0A)
            bytes += line.count
            try out.write(contentsOf: line)
        }
        try out.close()
        print(
            "wrote \(format(Double(spans / batch * batch))) spans, \(format(Double(bytes) / 1e6, 1)) MB of OTLP JSON lines to \(path)"
        )
        print("  OTLP JSON encode: \(format(Double(bytes) / 1e6 / seconds(encoding))) MB/s")
        return bytes
    }

    static func json(spans: Int, batch: Int, path: String) throws {
        let bytes = try writeJSONL(spans: spans, batch: batch, path: path)
        var best = Double.infinity
        var stored = 0
        for _ in 0..<3 {
            let store = TraceStore(maxSpans: Int.max)
            let loader = RecordingLoader(store: store) { print("  diagnostic: \($0)") }
            let t = MonotonicClock.measure { _ = try? loader.load(path: path) }
            best = min(best, seconds(t))
            stored = store.statistics.spans
        }
        print(
            "  JSON lines load into store (best of 3): \(format(Double(bytes) / best / 1e6, 1)) MB/s, \(format(Double(stored) / best)) spans/s"
        )
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "scripts/bench_json_loads.py", path]
        let pipe = Pipe()
        python.standardOutput = pipe
        if (try? python.run()) != nil {
            python.waitUntilExit()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            print(
                "  Python json.loads line by line, same file: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    static func memory(spans: Int, batch: Int) {
        var data = BenchData(batchSpans: batch)
        var decoder = ProtobufDecoder()
        var scratch = SpanBatch()
        // Warm up allocator and scratch buffers before the baseline.
        _ = ProtobufEncoder.encode(data.nextBatch())
        let store = TraceStore(maxSpans: Int.max)
        let before = residentBytes()
        var wireBytes = 0
        for _ in 0..<(spans / batch) {
            let request = ProtobufEncoder.encode(data.nextBatch())
            wireBytes += request.count
            scratch.removeAll()
            var outcome = DecodeOutcome()
            try? decoder.decode(request, into: &scratch, outcome: &outcome)
            store.ingest(scratch)
        }
        scratch = SpanBatch()
        data = BenchData(batchSpans: batch)
        let after = residentBytes()
        let trimmed = HeapTrim.returnFreePages() ? residentBytes() : nil
        let n = store.statistics.spans
        print("memory: \(format(Double(n))) spans stored (\(store.tasks.count) tasks, \(store.traceCount) traces)")
        print(
            "  resident growth: \(format(Double(after - before) / 1e6, 1)) MB = \(format(Double(after - before) / Double(n), 1)) bytes/span"
        )
        if let trimmed {
            let d = Double(trimmed - before)
            print("  after malloc_trim: \(format(d / 1e6, 1)) MB = \(format(d / Double(n), 1)) bytes/span")
        }
        let f = store.footprint()
        let per = { (bytes: Int) in format(Double(bytes) / Double(n), 1) }
        print(
            "  store estimate per span: spans \(per(f.spans)), attributes \(per(f.attributes)), events+links \(per(f.eventsAndLinks)), span index \(per(f.spanIndexes)), strings \(per(f.strings)), tasks \(per(f.tasks)), workers \(per(f.workers)) = \(per(f.total))"
        )
        print(
            "  as OTLP protobuf: \(format(Double(wireBytes) / Double(n), 1)) bytes/span; interned strings: \(format(Double(store.strings.arenaBytes) / 1e6, 1)) MB in \(format(Double(store.strings.count))) strings"
        )
        // The allocator's own view (bytes in use vs obtained from the system), on stderr: tells
        // live memory outside the store's estimate from fragmentation.
        #if canImport(Glibc)
            if let stats = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_stats") {
                unsafeBitCast(stats, to: (@convention(c) () -> Void).self)()
            }
        #endif
        withExtendedLifetime(store) {}
    }
}
