import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// `ExportTransport` over AsyncHTTPClient: OTLP/HTTP protobuf with a gzip body.
///
/// The client is created on the first request: AsyncHTTPClient insists on an explicit
/// shutdown of every client it created, and an exporter that never sent has nothing to close.
final class HTTPTransport: ExportTransport {
    private let configuration: HTTPClient.Configuration
    private let client = NIOLockedValueBox<HTTPClient?>(nil)
    private let url: String
    private let headers: HTTPHeaders
    private let timeout: TimeAmount

    init(destination: Destination, timeout: Duration) {
        var configuration = HTTPClient.Configuration()
        // Our state machine owns retrying; AHC's own retry of failed connections would hold a
        // refused request until its deadline and hide the failure from the status line.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .milliseconds(Int64(min(timeout, .seconds(5)).seconds * 1000))
        configuration.decompression = .disabled
        self.configuration = configuration
        url = destination.endpoint
        var h = HTTPHeaders()
        h.add(name: "Content-Type", value: "application/x-protobuf")
        h.add(name: "Content-Encoding", value: "gzip")
        h.add(name: "User-Agent", value: "spantop/\(ForwardVersion.current)")
        for header in destination.headers {
            h.replaceOrAdd(name: header.name, value: header.value.revealed)
        }
        headers = h
        self.timeout = .milliseconds(Int64(timeout.seconds * 1000))
    }

    func send(_ body: [UInt8]) async -> ExportOutcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        request.body = .bytes(ByteBuffer(bytes: body))
        let client = self.client.withLockedValue { c in
            if let c { return c }
            let new = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            c = new
            return new
        }
        do {
            let response = try await client.execute(request, timeout: timeout)
            let status = Int(response.status.code)
            let text = try await Self.readSummary(response.body)
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(RetryAfter.init(header:))
            return .response(status: status, retryAfter: retryAfter, message: (200..<300).contains(status) ? "" : text)
        } catch let error as HTTPClientError
            where error == .deadlineExceeded || error == .readTimeout || error == .writeTimeout
        {
            return .timedOut
        } catch {
            return .connectionFailed(Self.describe(error))
        }
    }

    func shutdown() async {
        let client = self.client.withLockedValue { c in
            defer { c = nil }
            return c
        }
        try? await client?.shutdown()
    }

    /// Reads the whole body (so the connection can be reused) but keeps only its start: a
    /// one-line reason for the status panel.
    private static func readSummary(_ body: HTTPClientResponse.Body) async throws -> String {
        var kept: [UInt8] = []
        for try await var chunk in body where kept.count < 200 {
            kept += chunk.readBytes(length: min(chunk.readableBytes, 200 - kept.count)) ?? []
        }
        let text = String(decoding: kept, as: UTF8.self)
        let oneLine = text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) }
        return String(oneLine).trimmingCharacters(in: .whitespaces)
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            return error == .connectTimeout ? "connect timeout" : "\(error)"
        }
        let text = "\(error)"
        return text.count > 200 ? String(text.prefix(200)) : text
    }
}

/// The version sent in `User-Agent`.
enum ForwardVersion {
    static let current = "0.1.0"
}
