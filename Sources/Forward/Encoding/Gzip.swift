import CZlib

/// One-shot gzip compression of a request body.
///
/// Bodies are at most a few MiB, so compressing in one call into a buffer of `deflateBound`
/// bytes is simpler and faster than streaming.
public enum Gzip {
    /// zlib's fastest level: protobuf spans repeat keys and ids, so level 1 already shrinks
    /// them several times, and the exporter must keep up with ingest on one core.
    public static let defaultLevel: Int32 = 1

    /// Compresses `input` into a gzip member (RFC 1952).
    public static func compress(_ input: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
        var stream = z_stream()
        guard spantop_deflate_init_gzip(&stream, level) == Z_OK else {
            // Only fails on an invalid level or out of memory; neither can be worked around here.
            preconditionFailure("deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var status: Int32 = Z_OK
        let written = input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                status = deflate(&stream, Z_FINISH)
                return outBuf.count - Int(stream.avail_out)
            }
        }
        precondition(status == Z_STREAM_END, "deflate into a deflateBound buffer must finish in one call")
        output.removeSubrange(written...)
        return output
    }
}
