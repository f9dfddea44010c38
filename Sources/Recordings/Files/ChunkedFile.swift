import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file in large chunks, transparently gunzipping it when it starts with the gzip
/// magic bytes, so files of any size stream through a fixed amount of memory.
final class ChunkedFile {
    static let chunkSize = 4 << 20

    private let fd: Int32
    private var raw = [UInt8](repeating: 0, count: ChunkedFile.chunkSize)
    private var stream = z_stream()
    private var gzip = false
    private var inflateDone = false
    private var pendingInput: [UInt8] = []
    let path: String

    init(path: String) throws(LoadError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else { throw LoadError(path: path, reason: Self.errnoText()) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw LoadError(path: path, reason: "is a directory") }
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LoadError(path: path, reason: Self.errnoText()) }
    }

    deinit {
        close(fd)
        if gzip { inflateEnd(&stream) }
    }

    static func errnoText() -> String {
        switch errno {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        default: return String(cString: strerror(errno))
        }
    }

    private var started = false
    /// Set when a gzip stream ends without its trailer.
    private(set) var truncatedGzip = false

    /// Appends the next chunk of (decompressed) bytes to `buffer`; false at the end of the file.
    func read(into buffer: inout [UInt8]) throws(LoadError) -> Bool {
        if !started {
            started = true
            let n = try readRaw()
            if n >= 2 && raw[0] == 0x1F && raw[1] == 0x8B {
                gzip = true
                guard spantop_inflate_init_gzip(&stream) == Z_OK else {
                    throw LoadError(path: path, reason: "cannot start gzip decoder")
                }
                pendingInput = Array(raw[0..<n])
            } else {
                buffer.append(contentsOf: raw[0..<n])
                return n > 0
            }
        }
        if !gzip {
            let n = try readRaw()
            buffer.append(contentsOf: raw[0..<n])
            return n > 0
        }
        return try inflateChunk(into: &buffer)
    }

    private func readRaw() throws(LoadError) -> Int {
        let n = raw.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard n >= 0 else { throw LoadError(path: path, reason: Self.errnoText()) }
        return n
    }

    private func inflateChunk(into buffer: inout [UInt8]) throws(LoadError) -> Bool {
        if inflateDone && pendingInput.isEmpty { return false }
        if pendingInput.isEmpty {
            let n = try readRaw()
            if n == 0 {
                // The stream ended without its trailer: a cut-short recording, kept as far as it goes.
                truncatedGzip = true
                inflateDone = true
                return false
            }
            pendingInput = Array(raw[0..<n])
        }
        var output = [UInt8](repeating: 0, count: Self.chunkSize)
        var produced = 0
        var status: Int32 = Z_OK
        pendingInput.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = input.baseAddress
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                status = inflate(&stream, Z_NO_FLUSH)
                produced = out.count - Int(stream.avail_out)
            }
        }
        let consumed = pendingInput.count - Int(stream.avail_in)
        pendingInput.removeFirst(consumed)
        buffer.append(contentsOf: output[0..<produced])
        switch status {
        case Z_STREAM_END:
            // Concatenated gzip members (as `cat a.gz b.gz` makes) continue.
            var more = !pendingInput.isEmpty
            if !more { more = try readMoreAfterMember() }
            if more {
                inflateReset(&stream)
            } else {
                inflateDone = true
            }
            return true
        case Z_OK, Z_BUF_ERROR:
            return true
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            throw LoadError(path: path, reason: "gzip data is corrupt (\(message))")
        }
    }

    private func readMoreAfterMember() throws(LoadError) -> Bool {
        let n = try readRaw()
        if n == 0 { return false }
        pendingInput = Array(raw[0..<n])
        return true
    }
}

/// A file that could not be read at all.
public struct LoadError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
