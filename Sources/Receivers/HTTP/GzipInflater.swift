import CZlib

/// Streaming gzip (or zlib) decompression of a request body with two guards: a cap on the
/// decompressed size and a cap on the compression ratio, so a small "gzip bomb" is refused
/// after inflating at most `maxRatio` times its size instead of filling memory.
///
/// A class because zlib's stream state points back at its `z_stream`, which must not move.
final class GzipInflater {
    /// Why inflating stopped early.
    enum Failure: Error, Equatable {
        /// The decompressed body would exceed the size cap.
        case tooLarge
        /// The body expands more than the allowed ratio (a decompression bomb).
        case ratioExceeded
        /// Not gzip, or corrupt.
        case corrupt(String)
    }

    /// Decompressed bodies up to this size are never refused for their ratio: tiny, very
    /// repetitive requests are fine.
    static let ratioFreeBytes = 1 << 20

    private let stream: UnsafeMutablePointer<z_stream>
    private var started = false
    private var finished = false
    private let maxOutput: Int
    private let maxRatio: Int
    private var consumed = 0
    private var produced = 0
    private var scratch = [UInt8](repeating: 0, count: 64 << 10)

    /// - Parameters:
    ///   - maxOutput: the size cap after decompression.
    ///   - maxRatio: most decompressed bytes allowed per compressed byte beyond `ratioFreeBytes`.
    init(maxOutput: Int, maxRatio: Int) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.maxOutput = maxOutput
        self.maxRatio = maxRatio
    }

    deinit {
        if started { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Whether the compressed stream has ended (trailer seen).
    var isComplete: Bool { finished }

    /// Inflates `input` and appends the result to `output`.
    func inflate(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(Failure) {
        guard input.count > 0 else { return }
        if !started {
            guard spantop_inflate_init_gzip(stream) == Z_OK else { throw .corrupt("cannot start the gzip decoder") }
            started = true
        }
        consumed += input.count
        var offset = 0
        while true {
            if finished && offset < input.count {
                // Concatenated gzip members continue; anything else after the end is corrupt.
                guard inflateReset(stream) == Z_OK else { throw .corrupt("bad data after the gzip stream") }
                finished = false
            }
            let (used, made, status) = step(input, from: offset, into: &output)
            offset += used
            try check(status)
            // Stop when the input is used up and zlib has no more output waiting.
            let outputFull = made == scratch.count
            if offset == input.count && !outputFull { break }
            if used == 0 && made == 0 { break }
            if finished && offset == input.count { break }
        }
    }

    private func step(_ input: UnsafeRawBufferPointer, from offset: Int, into output: inout [UInt8]) -> (
        used: Int, made: Int, status: Int32
    ) {
        var status: Int32 = Z_OK
        var used = 0
        var made = 0
        scratch.withUnsafeMutableBytes { out in
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: input.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = UInt32(input.count - offset)
            stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
            stream.pointee.avail_out = UInt32(out.count)
            status = CZlib.inflate(stream, Z_NO_FLUSH)
            used = input.count - offset - Int(stream.pointee.avail_in)
            made = out.count - Int(stream.pointee.avail_out)
        }
        produced += made
        if produced <= maxOutput { output.append(contentsOf: scratch[0..<made]) }
        if status == Z_STREAM_END { finished = true }
        return (used, made, status)
    }

    private func check(_ status: Int32) throws(Failure) {
        if produced > maxOutput { throw .tooLarge }
        if produced > Self.ratioFreeBytes && produced / max(consumed, 1) > maxRatio { throw .ratioExceeded }
        switch status {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
            return
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw .corrupt(message)
        }
    }
}
