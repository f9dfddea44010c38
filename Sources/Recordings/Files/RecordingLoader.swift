import OTLPWire
import SpanCore

/// What loading one or more files did.
public struct LoadSummary: Equatable, Sendable {
    public var files = 0
    public var lines = 0
    public var bytes = 0
    public var spans = 0
    /// Lines that could not be decoded and were skipped.
    public var badLines = 0
    /// Spans left out because they were invalid (bad ids, end before start).
    public var rejectedSpans = 0
    public init() {}
}

/// Loads recordings — OTLP JSON lines and flat span lines, mixed, optionally gzip-compressed,
/// or a raw protobuf request (`.pb`) — into a store, in batches.
public final class RecordingLoader {
    private let deliver: (SpanBatch) -> Void
    private let rejected: (Int) -> Void
    private let batchSpans: Int
    private let diagnostics: (String) -> Void
    private var batch = SpanBatch()
    private var protobuf = ProtobufDecoder()
    public private(set) var summary = LoadSummary()

    /// - Parameters:
    ///   - batchSpans: spans gathered before each `ingest`, so aggregates update once per batch.
    ///   - diagnostics: receives one `file:line: reason` message per skipped line.
    public convenience init(store: TraceStore, batchSpans: Int = 1024, diagnostics: @escaping (String) -> Void) {
        self.init(
            batchSpans: batchSpans, diagnostics: diagnostics, rejected: { store.noteRejected($0) },
            deliver: { store.ingest($0) })
    }

    /// A loader that hands its batches to `deliver` instead of a store (the replayer keeps
    /// them to play back later).
    /// - Parameters:
    ///   - batchSpans: spans gathered before each delivery; 1 delivers each line on its own.
    ///   - rejected: told how many spans a decoder rejected.
    public init(
        batchSpans: Int, diagnostics: @escaping (String) -> Void, rejected: @escaping (Int) -> Void,
        deliver: @escaping (SpanBatch) -> Void
    ) {
        self.batchSpans = batchSpans
        self.diagnostics = diagnostics
        self.rejected = rejected
        self.deliver = deliver
    }

    public func load(path: String) throws(LoadError) {
        summary.files += 1
        if path.hasSuffix(".pb") || path.hasSuffix(".binpb") {
            try loadProtobuf(path: path)
        } else {
            try loadLines(path: path)
        }
        flush()
    }

    private func loadProtobuf(path: String) throws(LoadError) {
        let file = try ChunkedFile(path: path)
        var bytes: [UInt8] = []
        while try file.read(into: &bytes) {}
        summary.bytes += bytes.count
        var outcome = DecodeOutcome()
        let before = batch.spans.count
        do {
            try protobuf.decode(bytes, into: &batch, outcome: &outcome)
            summary.spans += batch.spans.count - before
            note(outcome, path: path, line: nil)
        } catch {
            summary.badLines += 1
            diagnostics("\(path): \(error.reason)")
        }
    }

    private func loadLines(path: String) throws(LoadError) {
        let file = try ChunkedFile(path: path)
        var buffer: [UInt8] = []
        var lineNumber = 0
        var consumed = 0
        var more = true
        while more {
            more = try file.read(into: &buffer)
            // Decode every complete line in the buffer; keep the unfinished tail.
            buffer.withUnsafeBytes { raw in
                var start = consumed
                while let nl = Self.newline(in: raw, from: start) {
                    lineNumber += 1
                    decodeLine(
                        UnsafeRawBufferPointer(rebasing: raw[start..<nl]), path: path, line: lineNumber, isLast: false)
                    start = nl + 1
                }
                consumed = start
            }
            if !more && consumed < buffer.count {
                lineNumber += 1
                buffer.withUnsafeBytes { raw in
                    decodeLine(
                        UnsafeRawBufferPointer(rebasing: raw[consumed...]), path: path, line: lineNumber, isLast: true)
                }
                consumed = buffer.count
            }
            buffer.removeFirst(consumed)
            consumed = 0
        }
        if file.truncatedGzip {
            diagnostics("\(path): gzip stream ends early (a recording cut short); loaded what was there")
        }
    }

    private static func newline(in raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < raw.count, let base = raw.baseAddress else { return nil }
        guard let p = memchr(base + start, 0x0A, raw.count - start) else { return nil }
        return UnsafeRawPointer(p) - base
    }

    private func decodeLine(_ line: UnsafeRawBufferPointer, path: String, line number: Int, isLast: Bool) {
        summary.lines += 1
        summary.bytes += line.count + 1
        if Self.isBlank(line) { return }
        var outcome = DecodeOutcome()
        let before = batch.spans.count
        do {
            try OTLPJSON.decodeLine(line, into: &batch, outcome: &outcome)
            summary.spans += batch.spans.count - before
            note(outcome, path: path, line: number)
        } catch {
            if isLast {
                // A recording cut short mid-line: expected, not an error.
                diagnostics(
                    "\(path):\(number): last line is incomplete, cut short (\(error.reason)); skipped it, "
                        + "loaded every complete line")
            } else {
                summary.badLines += 1
                diagnostics("\(path):\(number): \(error.reason)")
            }
        }
        if batch.spans.count >= batchSpans { flush() }
    }

    private func note(_ outcome: DecodeOutcome, path: String, line: Int?) {
        guard outcome.rejectedSpans > 0 else { return }
        summary.rejectedSpans += outcome.rejectedSpans
        rejected(outcome.rejectedSpans)
        let place = line.map { "\(path):\($0)" } ?? path
        diagnostics("\(place): \(outcome.rejectedSpans) span(s) rejected: \(outcome.firstRejection ?? "invalid")")
    }

    private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for b in line where b != 0x20 && b != 0x09 && b != 0x0D { return false }
        return true
    }

    /// Hands the spans gathered so far on.
    public func flush() {
        guard !batch.isEmpty else { return }
        deliver(batch)
        batch.removeAll()
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
