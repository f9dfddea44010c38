import FuzzSupport
import NIOCore
import NIOHTTP1
import OTLPWire
import SpanCore

@testable import Receivers

/// One OTLP/HTTP request through `HTTPRequestStateMachine` (validation, body caps, the gzip
/// inflater), then the exported body through `ExportIntake.decode` and a store.
///
/// Input layout: byte 0 picks the head (content type, gzip, content-length, expect, keep-alive,
/// path, method), byte 1 the limits and the chunking, the rest is the body, cut into chunks of
/// fuzz-chosen sizes. A second request follows on a kept-alive connection.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard input.count >= 2 else { return 0 }
    let head = input[0]
    let shape = input[1]
    let body = UnsafeRawBufferPointer(rebasing: input[2...])

    var configuration = OTLPHTTPConfiguration()
    if shape & 0x80 != 0 {
        configuration.maxBodyBytes = 4096  // small caps so the limits are reached
        configuration.maxGzipRatio = 4
    }
    if shape & 0x40 != 0 { configuration.authToken = "t" }
    var machine = HTTPRequestStateMachine(configuration: configuration)
    for request in 0..<2 {
        let action = machine.receivedHead(requestHead(head, bodyCount: body.count, secondRequest: request == 1))
        if case .reply(_, close: true) = action { return 0 }
        if finishBody(&machine, body, chunking: shape & 0x3F, configuration: configuration) == .closed { return 0 }
    }
    _ = machine.deadlinePassed()
    return 0
}

private enum Outcome { case open, closed }

/// Sends `body` in chunks, then the end; exports what comes out.
private func finishBody(
    _ machine: inout HTTPRequestStateMachine, _ body: UnsafeRawBufferPointer, chunking: UInt8,
    configuration: OTLPHTTPConfiguration
) -> Outcome {
    var offset = 0
    var step = Int(chunking) + 1
    while offset < body.count {
        let n = min(step, body.count - offset)
        let part = ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: body[offset..<offset + n]))
        offset += n
        step = step * 5 % 257 + 1  // vary chunk sizes: 1...257 bytes
        if case .reply(_, close: true) = machine.receivedBody(part) { return .closed }
    }
    switch machine.receivedEnd() {
    case .export(let exported, let encoding):
        precondition(exported.count <= configuration.maxBodyBytes, "body over the cap was exported")
        let result: ExportResult
        switch exported.withUnsafeBytes({ ExportIntake.decode($0, encoding: encoding) }) {
        case .success(let decoded):
            FuzzStore.ingest(decoded.batch)
            result = .accepted(
                spans: decoded.batch.spans.count, rejected: decoded.outcome.rejectedSpans,
                firstRejection: decoded.outcome.firstRejection)
        case .failure(let error):
            result = .invalid(reason: error.description)
        }
        if case .reply(_, close: true) = machine.exportFinished(result) { return .closed }
        return .open
    case .reply(_, close: true):
        return .closed
    default:
        return .open
    }
}

/// The request head byte 0 describes.
private func requestHead(_ bits: UInt8, bodyCount: Int, secondRequest: Bool) -> HTTPRequestHead {
    var headers = HTTPHeaders()
    switch bits & 0x03 {
    case 0: headers.add(name: "Content-Type", value: "application/x-protobuf")
    case 1: headers.add(name: "Content-Type", value: "application/json")
    case 2: headers.add(name: "Content-Type", value: "Application/JSON; charset=utf-8")
    default: headers.add(name: "Content-Type", value: "text/plain")
    }
    if bits & 0x04 != 0 { headers.add(name: "Content-Encoding", value: bits & 0x80 != 0 ? "deflate" : "gzip") }
    if bits & 0x08 != 0 { headers.add(name: "Content-Length", value: String(bodyCount)) }
    if bits & 0x10 != 0 && !secondRequest { headers.add(name: "Expect", value: "100-continue") }
    if bits & 0x20 == 0 { headers.add(name: "Authorization", value: "Bearer t") }
    let uri = bits & 0x40 != 0 ? "/api/public/otel/v1/traces?x=1" : "/v1/traces"
    let method: HTTPMethod = bits & 0x83 == 0x83 ? .GET : .POST
    return HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: headers)
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with `fuzz` as the target.
@_cdecl("FuzzHTTPRequest_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
