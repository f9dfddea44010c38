#if canImport(Glibc)
    import Glibc
#endif

/// Reads whole HTTP/2 frames from a blocking socket into one reused buffer.
struct H2FrameReader {
    struct Frame {
        var type: UInt8
        var flags: UInt8
        var stream: UInt32
        /// The payload's place in the reader's buffer; valid until the next `next`.
        var payload: Range<Int>
    }

    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0

    /// The next frame, or nil when the connection closed or failed.
    mutating func next(_ fd: Int32) -> Frame? {
        guard fill(fd, 9) else { return nil }
        let length = Int(buffer[start]) << 16 | Int(buffer[start + 1]) << 8 | Int(buffer[start + 2])
        guard fill(fd, 9 + length) else { return nil }
        let frame = Frame(
            type: buffer[start + 3], flags: buffer[start + 4], stream: uint32(at: start + 5) & 0x7FFF_FFFF,
            payload: (start + 9)..<(start + 9 + length))
        start += 9 + length
        return frame
    }

    func payload(_ frame: Frame) -> ArraySlice<UInt8> { buffer[frame.payload] }

    /// A SETTINGS frame's (identifier, value) pairs.
    func settings(_ frame: Frame) -> [(UInt16, Int)] {
        stride(from: frame.payload.lowerBound, to: frame.payload.upperBound - 5, by: 6).map {
            (UInt16(buffer[$0]) << 8 | UInt16(buffer[$0 + 1]), Int(uint32(at: $0 + 2)))
        }
    }

    func windowIncrement(_ frame: Frame) -> Int { Int(uint32(at: frame.payload.lowerBound) & 0x7FFF_FFFF) }

    private func uint32(at i: Int) -> UInt32 {
        UInt32(buffer[i]) << 24 | UInt32(buffer[i + 1]) << 16 | UInt32(buffer[i + 2]) << 8 | UInt32(buffer[i + 3])
    }

    /// Makes `count` unread bytes available from `start`, reading from `fd` as needed.
    private mutating func fill(_ fd: Int32, _ count: Int) -> Bool {
        if end - start >= count { return true }
        if start > 0 {
            buffer.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + start, end - start)
            }
            end -= start
            start = 0
        }
        if buffer.count < count { buffer += [UInt8](repeating: 0, count: count - buffer.count) }
        while end < count {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + end, $0.count - end, 0) }
            if n <= 0 { return false }
            end += n
        }
        return true
    }
}
