import CZlib

/// gzip and gunzip with zlib directly, independent of the code under test.
public enum TestZlib {
    /// `bytes` as one gzip member.
    public static func gzip(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
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

    /// The content of `data`; nil when `data` is not one valid gzip member.
    public static func gunzip(_ data: [UInt8]) -> [UInt8]? {
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
}
