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
/// the store got. Lines are buffered and written at least every second (`flushIfDue`), when
/// the buffer grows past a few MB, and on `close`. Not thread-safe: one owner, like the store.
public final class Recorder {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var lastFlush = MonotonicClock.now()
    private let flushInterval: Nanoseconds
    private static let flushBytes = 4 << 20
    /// Lines written (or buffered) so far.
    public private(set) var lines = 0
    /// The first write error, if writing failed; recording stops after it.
    public private(set) var writeError: String?

    /// Opens `path` for appending, creating it when missing.
    public init(path: String, flushInterval: Duration = .seconds(1)) throws(RecorderError) {
        self.path = path
        self.flushInterval = Nanoseconds(flushInterval)
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RecorderError(path: path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.flushBytes + (1 << 20))
    }

    deinit { close() }

    /// Buffers one request as a JSON line; empty batches write nothing.
    public func record(_ batch: SpanBatch) {
        guard !batch.isEmpty, fd >= 0 else { return }
        OTLPJSON.encode(batch, into: &buffer)
        buffer.append(0x0A)
        lines += 1
        if buffer.count >= Self.flushBytes { flush() }
    }

    /// Writes the buffer when the flush interval has passed since the last write.
    public func flushIfDue() {
        if MonotonicClock.now() - lastFlush >= flushInterval { flush() }
    }

    /// Writes everything buffered.
    public func flush() {
        lastFlush = MonotonicClock.now()
        guard !buffer.isEmpty, fd >= 0 else { return }
        var written = 0
        buffer.withUnsafeBytes { raw in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    writeError = "\(path): \(String(cString: strerror(errno)))"
                    return
                }
                written += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if writeError != nil { close() }
    }

    /// Flushes and closes the file; later records are ignored.
    public func close() {
        guard fd >= 0 else { return }
        let descriptor = fd
        if writeError == nil && !buffer.isEmpty {
            flush()
        }
        if fd >= 0 {
            fd = -1
            _ = Glibc.close(descriptor)
        }
    }
}

/// A recording file that cannot be opened.
public struct RecorderError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot record to \(path): \(reason)" }
}
