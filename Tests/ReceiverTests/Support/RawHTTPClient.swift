import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking HTTP/1.1 client on a plain loopback socket, so live tests control every byte
/// (and can misbehave: stall, trickle, never finish). Every read has a timeout.
final class RawHTTPClient: @unchecked Sendable {  // one test task uses a client at a time
    struct Failure: Error, CustomStringConvertible { var description: String }

    private let fd: Int32
    private var pending: [UInt8] = []

    init(port: Int, timeoutSeconds: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure(description: "connect: errno \(code)")
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += n
        }
    }

    /// Reads more bytes; nil at end of stream, throws on timeout or error.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n == 0 || (n < 0 && errno == ECONNRESET) { return false }
        guard n > 0 else { throw Failure(description: errno == EAGAIN ? "timed out" : "recv: errno \(errno)") }
        pending += chunk.prefix(n)
        return true
    }

    /// The next complete response, or nil when the server closed the connection first.
    func readResponse() throws -> EmbeddedHTTP.Response? {
        while true {
            if let response = EmbeddedHTTP.parse(pending).first {
                let headerEnd = pending.firstRange(of: [13, 10, 13, 10])!.upperBound
                let length = Int(response.headers["content-length"] ?? "0") ?? 0
                if pending.count >= headerEnd + length {
                    pending.removeFirst(headerEnd + length)
                    // 100 Continue is informational: the final response follows.
                    if response.status == 100 { continue }
                    return response
                }
            }
            guard try fill() else { return nil }
        }
    }

    /// Sends a request and waits for its response.
    func exchange(_ request: [UInt8]) throws -> EmbeddedHTTP.Response {
        try send(request)
        guard let response = try readResponse() else { throw Failure(description: "connection closed") }
        return response
    }

    /// Whether the server still holds the connection open (no end of stream yet), without waiting.
    func isOpenNow() -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) > 0 else { return true }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) != 0
    }

    /// Whether the server closes the connection (end of stream) before the read timeout.
    func closedByServer() -> Bool {
        do {
            while try fill() {}
            return true
        } catch {
            return false
        }
    }
}
