#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small blocking OTLP/HTTP client over one keep-alive connection: the demo sends its spans
/// through the real receiver with it, the way an application's exporter would.
public final class OTLPHTTPPoster {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let host: String
    private let port: Int
    private let path: String
    private var socket: Int32 = -1
    private var response: [UInt8] = []

    /// - Parameters:
    ///   - host: an IPv4 or IPv6 literal (the receivers bind addresses, not names).
    public init(host: String, port: Int, path: String = "/v1/traces") {
        self.host = host
        self.port = port
        self.path = path
    }

    deinit { close() }

    /// POSTs one request body; returns the HTTP status. Reconnects once if the server closed
    /// the kept-alive connection.
    public func post(_ body: [UInt8], contentType: String = "application/x-protobuf") throws(Failure) -> Int {
        do {
            return try attempt(body, contentType)
        } catch {
            close()
            return try attempt(body, contentType)
        }
    }

    public func close() {
        if socket >= 0 { _ = closeSocket(socket) }
        socket = -1
    }

    private func attempt(_ body: [UInt8], _ contentType: String) throws(Failure) -> Int {
        if socket < 0 { try connect() }
        let hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var request = Array(
            "POST \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n"
                .utf8)
        request.append(contentsOf: body)
        try writeAll(request)
        return try readResponse()
    }

    private func connect() throws(Failure) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICHOST
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else {
            throw Failure(description: "bad address \(host):\(port)")
        }
        defer { freeaddrinfo(result) }
        let fd = systemSocket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        guard systemConnect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let e = errno
            _ = closeSocket(fd)
            throw Failure(description: "cannot connect to \(host):\(port) (errno \(e))")
        }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        socket = fd
    }

    private func writeAll(_ bytes: [UInt8]) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(socket, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send failed (errno \(errno))") }
            sent += n
        }
    }

    /// Reads one response: status line, headers, and a Content-Length body.
    private func readResponse() throws(Failure) -> Int {
        response.removeAll(keepingCapacity: true)
        var headerEnd: Int?
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            if let end = headerEnd, let length = contentLength(response[..<end]), response.count >= end + length {
                break
            }
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure(description: "connection closed before a response") }
            response.append(contentsOf: buffer[..<n])
            if headerEnd == nil, let i = find([13, 10, 13, 10], in: response) {
                headerEnd = i + 4
                if contentLength(response[..<(i + 4)]) == nil { break }
            }
        }
        // "HTTP/1.1 200 OK"
        let line = response.prefix(while: { $0 != 13 })
        let parts = line.split(separator: 0x20)
        guard parts.count >= 2, let status = Int(String(decoding: parts[1], as: UTF8.self)) else {
            throw Failure(description: "malformed response")
        }
        return status
    }

    private func contentLength(_ head: ArraySlice<UInt8>) -> Int? {
        let text = String(decoding: head, as: UTF8.self).lowercased()
        guard let r = text.range(of: "\r\ncontent-length:") else { return nil }
        let rest = text[r.upperBound...].prefix { $0 != "\r" }
        return Int(rest.trimmingCharacters(in: " "))
    }

    private func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<i + needle.count]) == needle
        {
            return i
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

// The module-qualified names differ between Linux and macOS.
#if canImport(Glibc)
    private func closeSocket(_ fd: Int32) -> Int32 { Glibc.close(fd) }
    private func systemSocket(_ a: Int32, _ b: Int32, _ c: Int32) -> Int32 { Glibc.socket(a, b, c) }
    private func systemConnect(_ fd: Int32, _ addr: UnsafePointer<sockaddr>!, _ len: socklen_t) -> Int32 {
        Glibc.connect(fd, addr, len)
    }
#else
    private func closeSocket(_ fd: Int32) -> Int32 { Darwin.close(fd) }
    private func systemSocket(_ a: Int32, _ b: Int32, _ c: Int32) -> Int32 { Darwin.socket(a, b, c) }
    private func systemConnect(_ fd: Int32, _ addr: UnsafePointer<sockaddr>!, _ len: socklen_t) -> Int32 {
        Darwin.connect(fd, addr, len)
    }
#endif
