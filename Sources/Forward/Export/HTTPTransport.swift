import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import SpanCore

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
        configuration.timeout.connect = Self.timeAmount(min(timeout, .seconds(5)))
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
        self.timeout = Self.timeAmount(timeout)
    }

    /// NIO's own type for AsyncHTTPClient, to the millisecond as before.
    private static func timeAmount(_ d: Duration) -> TimeAmount {
        .milliseconds(Int64(Nanoseconds(d).milliseconds))
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
            let body = try await Self.readStart(response.body)
            if (200..<300).contains(status) {
                if let partial = PartialSuccess.parse(body, contentType: response.headers.first(name: "Content-Type")) {
                    return .partialSuccess(rejectedSpans: partial.rejected, message: Self.oneLine(partial.message))
                }
                return .response(status: status, retryAfter: nil, message: "")
            }
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(RetryAfter.init(header:))
            return .response(status: status, retryAfter: retryAfter, message: Self.oneLine(body))
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

    /// Reads the whole body (so the connection can be reused) but keeps only its start:
    /// enough for a partial-success message or an error reason.
    private static func readStart(_ body: HTTPClientResponse.Body) async throws -> [UInt8] {
        var kept: [UInt8] = []
        for try await var chunk in body where kept.count < 4096 {
            kept += chunk.readBytes(length: min(chunk.readableBytes, 4096 - kept.count)) ?? []
        }
        return kept
    }

    /// A short single line for the status panel: control characters become spaces.
    private static func oneLine(_ bytes: [UInt8]) -> String {
        oneLine(String(decoding: bytes.prefix(200), as: UTF8.self))
    }

    private static func oneLine(_ text: String) -> String {
        let scalars = text.prefix(200).unicodeScalars.map {
            CharacterSet.controlCharacters.contains($0) ? " " : Character($0)
        }
        return String(scalars).trimmingCharacters(in: .whitespaces)
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
