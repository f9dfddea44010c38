import Foundation
import OTLPWire
import SpanCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends accepted requests to a file as OTLP JSON lines (one `ExportTraceServiceRequest`
/// per request), the format `spantop report` and `replay` read back.
///
/// The store owner records each batch right after ingesting it, so the file holds exactly what
/// the store got. Encoding and writing happen on a thread of the recorder's own, never on the
/// owner's (the UI): `record` only queues the batch. The queue is bounded: when the writer is
/// that far behind, `record` waits for it, so nothing is lost and memory stays bounded. Lines
/// are written in order, as soon as the writer has nothing more queued (bursts are written
/// together, up to a few MB at a time); `close` writes the rest. One owner calls `record`.
public final class Recorder: @unchecked Sendable {  // shared state is under `condition`
    public let path: String
    private let condition = NSCondition()
    private var queue: [SpanBatch] = []
    private var queuedSpans = 0
    private var writing = false
    private var closing = false
    private var writer: Thread?
    private var storedWriteError: String?
    private let fd: Int32
    /// Most spans waiting for the writer before `record` waits.
    private let capacity: Int
    private static let flushBytes = 4 << 20
    /// Lines recorded so far (queued or written). Read by the owner.
    public private(set) var lines = 0

    /// Opens `path` for appending, creating it when missing.
    /// - Parameters:
    ///   - capacity: spans queued at most before `record` waits for the writer.
    public init(path: String, capacity: Int = 262_144) throws(RecorderError) {
        self.path = path
        self.capacity = max(1, capacity)
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RecorderError(path: path, reason: String(cString: strerror(errno))) }
        // The thread holds the recorder until `close` ends it.
        let thread = Thread { self.writeLoop() }
        thread.name = "spantop-recorder"
        writer = thread
        thread.start()
    }

    /// The first write error, if writing failed; recording stops after it.
    public var writeError: String? {
        condition.lock()
        defer { condition.unlock() }
        return storedWriteError
    }

    /// Queues one request to be written as a JSON line; empty batches write nothing.
    public func record(_ batch: SpanBatch) {
        guard !batch.isEmpty else { return }
        let weight = max(1, batch.spans.count)
        condition.lock()
        defer { condition.unlock() }
        guard !closing, storedWriteError == nil else { return }
        while queuedSpans > 0 && queuedSpans + weight > capacity && storedWriteError == nil {
            condition.wait()
        }
        // A write failed while this waited: the writer is gone, recording stopped.
        guard storedWriteError == nil else { return }
        queue.append(batch)
        queuedSpans += weight
        lines += 1
        condition.broadcast()
    }

    /// Waits until everything recorded so far is in the file.
    public func sync() {
        condition.lock()
        defer { condition.unlock() }
        while (!queue.isEmpty || writing) && storedWriteError == nil { condition.wait() }
    }

    /// Writes everything queued, closes the file and ends the writer; later records are
    /// ignored. Call it once recording is over (safe to call more than once).
    public func close() {
        condition.lock()
        let thread = writer
        writer = nil
        closing = true
        condition.broadcast()
        while thread != nil && !finished { condition.wait() }
        condition.unlock()
    }

    /// The writer wrote its last line and closed the file.
    private var finished = false

    private func writeLoop() {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.flushBytes + (1 << 20))
        var taken: [SpanBatch] = []
        condition.lock()
        while true {
            while queue.isEmpty && !closing { condition.wait() }
            if queue.isEmpty && closing { break }
            swap(&taken, &queue)
            queuedSpans = 0
            writing = true
            condition.broadcast()
            condition.unlock()
            var error: String?
            for batch in taken where error == nil {
                OTLPJSON.encode(batch, into: &buffer)
                buffer.append(0x0A)
                if buffer.count >= Self.flushBytes { error = write(&buffer) }
            }
            if error == nil { error = write(&buffer) }
            taken.removeAll(keepingCapacity: true)
            condition.lock()
            writing = false
            if let error {
                storedWriteError = storedWriteError ?? error
                queue.removeAll()
                queuedSpans = 0
            }
            condition.broadcast()
            if storedWriteError != nil { break }
        }
        _ = Glibc.close(fd)
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Writes and empties `buffer`; returns the error text when the write fails.
    private func write(_ buffer: inout [UInt8]) -> String? {
        defer { buffer.removeAll(keepingCapacity: true) }
        var written = 0
        return buffer.withUnsafeBytes { raw -> String? in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return "\(path): \(String(cString: strerror(errno)))"
                }
                written += n
            }
            return nil
        }
    }
}

/// A recording file that cannot be opened.
public struct RecorderError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot record to \(path): \(reason)" }
}
