import NIOCore
import NIOHTTP1

/// The lifecycle of OTLP/HTTP requests on one connection, as a value that takes events and
/// returns what to do. `OTLPHTTPHandler` only carries the actions out, so every rule here
/// (status codes, size caps, keep-alive, timeouts) is tested without a channel.
///
/// A connection alternates between waiting for a request (bounded by the idle timeout) and
/// receiving one (bounded by the request timeout). A request that is refused at its head is
/// read to its end and answered then, so the connection stays usable; one whose body is too
/// large is answered at once and the connection closed.
struct HTTPRequestStateMachine {
    /// What the connection is waiting for; the handler arms the matching timer.
    enum Phase: Equatable {
        case waitingForRequest
        case receivingRequest
        case closed
    }

    enum Action: Equatable {
        case none
        /// Send `100 Continue` (the client asked before sending its body).
        case sendContinue
        /// Send this reply; close the connection afterwards when `close` is set.
        case reply(HTTPReply, close: Bool)
        /// Decode and hand this body to the store, then call `exportFinished`.
        case export(body: [UInt8], encoding: PayloadEncoding)
        /// Ask the store's owner this query, then call `queryFinished`.
        case query(String)
        /// Close the connection without a reply (idle keep-alive connection).
        case close
    }

    private struct Receiving {
        var encoding: PayloadEncoding
        var inflater: GzipInflater?
        var body: [UInt8] = []
        var keepAlive: Bool
    }

    private enum State {
        case idle
        case receiving(Receiving)
        /// The head was refused; the body is read and thrown away, then `reply` is sent.
        case discarding(reply: HTTPReply, keepAlive: Bool, discarded: Int)
        case exporting(encoding: PayloadEncoding, keepAlive: Bool)
        /// A query's head is in; its (empty) body is read and dropped until the end.
        case receivingQuery(target: String, keepAlive: Bool, discarded: Int)
        /// The query waits for the store's owner.
        case querying(keepAlive: Bool)
        case closed
    }

    private var state: State = .idle
    let configuration: OTLPHTTPConfiguration

    init(configuration: OTLPHTTPConfiguration) {
        self.configuration = configuration
    }

    var phase: Phase {
        switch state {
        case .idle: .waitingForRequest
        case .receiving, .discarding, .exporting, .receivingQuery, .querying: .receivingRequest
        case .closed: .closed
        }
    }

    // MARK: Events

    mutating func receivedHead(_ head: HTTPRequestHead) -> Action {
        guard case .idle = state else { return closeWith(.error(.badRequest, grpcCode: 3, "unexpected request head")) }
        let keepAlive = head.isKeepAlive
        let expectsContinue = head.headers[canonicalForm: "expect"].contains { $0.lowercased() == "100-continue" }
        let length = head.headers.first(name: "content-length").flatMap { Int($0) }
        switch HTTPRequestValidation.validate(head, configuration: configuration) {
        case .refuse(let reply):
            // Reading a body the client has not sent yet (100-continue) or a huge one is not
            // worth it: answer now and close.
            if expectsContinue || (length ?? 0) > configuration.maxBodyBytes {
                return closeWith(reply)
            }
            state = .discarding(reply: reply, keepAlive: keepAlive, discarded: 0)
            return .none
        case .query(let target):
            if (length ?? 0) > configuration.maxBodyBytes { return closeWith(Self.tooLarge(configuration, .json)) }
            state = .receivingQuery(target: target, keepAlive: keepAlive, discarded: 0)
            return expectsContinue ? .sendContinue : .none
        case .accept(let encoding, let gzip):
            if let length, length > configuration.maxBodyBytes {
                return closeWith(Self.tooLarge(configuration, encoding))
            }
            var receiving = Receiving(encoding: encoding, keepAlive: keepAlive)
            if gzip {
                receiving.inflater = GzipInflater(
                    maxOutput: configuration.maxBodyBytes, maxRatio: configuration.maxGzipRatio)
            } else if let length {
                receiving.body.reserveCapacity(length)
            }
            state = .receiving(receiving)
            return expectsContinue ? .sendContinue : .none
        }
    }

    mutating func receivedBody(_ part: ByteBuffer) -> Action {
        switch state {
        case .receiving(var receiving):
            state = .idle  // keep `receiving.body` uniquely referenced while appending
            let failure = part.withUnsafeReadableBytes { raw in append(raw, to: &receiving) }
            if let failure { return closeWith(failure) }
            state = .receiving(receiving)
            return .none
        case .discarding(let reply, let keepAlive, let discarded):
            let total = discarded + part.readableBytes
            if total > configuration.maxBodyBytes { return closeWith(reply) }
            state = .discarding(reply: reply, keepAlive: keepAlive, discarded: total)
            return .none
        case .receivingQuery(let target, let keepAlive, let discarded):
            let total = discarded + part.readableBytes
            if total > configuration.maxBodyBytes { return closeWith(Self.tooLarge(configuration, .json)) }
            state = .receivingQuery(target: target, keepAlive: keepAlive, discarded: total)
            return .none
        case .idle, .exporting, .querying, .closed:
            return .none
        }
    }

    mutating func receivedEnd() -> Action {
        switch state {
        case .receiving(let receiving):
            if let inflater = receiving.inflater, !inflater.isComplete {
                return finish(
                    .error(.badRequest, grpcCode: 3, "gzip body ends early", encoding: receiving.encoding),
                    keepAlive: receiving.keepAlive)
            }
            state = .exporting(encoding: receiving.encoding, keepAlive: receiving.keepAlive)
            return .export(body: receiving.body, encoding: receiving.encoding)
        case .discarding(let reply, let keepAlive, _):
            return finish(reply, keepAlive: keepAlive)
        case .receivingQuery(let target, let keepAlive, _):
            state = .querying(keepAlive: keepAlive)
            return .query(target)
        case .idle, .exporting, .querying, .closed:
            return .none
        }
    }

    /// The store's owner answered the query handed out with `.query`.
    mutating func queryFinished(status: Int, body: [UInt8]) -> Action {
        guard case .querying(let keepAlive) = state else { return .none }
        return finish(
            HTTPReply(status: HTTPResponseStatus(statusCode: status), contentType: "application/json", body: body),
            keepAlive: keepAlive)
    }

    /// The store side's verdict on the body handed out with `.export`.
    mutating func exportFinished(_ result: ExportResult) -> Action {
        guard case .exporting(let encoding, let keepAlive) = state else { return .none }
        return finish(
            .forExport(result, encoding: encoding, retryAfter: configuration.retryAfterSeconds), keepAlive: keepAlive)
    }

    /// The timer for the current phase fired.
    mutating func deadlinePassed() -> Action {
        switch state {
        case .idle:
            state = .closed
            return .close
        case .receiving, .discarding, .receivingQuery:
            return closeWith(.error(.requestTimeout, grpcCode: 4, "the request took too long to arrive"))
        case .querying:
            return closeWith(.queryError(.serviceUnavailable, "spantop did not answer in time; try again"))
        case .exporting, .closed:
            return .none
        }
    }

    mutating func connectionClosed() {
        state = .closed
    }

    // MARK: Helpers

    /// Appends a body part, inflating it when gzip; returns the reply to fail with, if any.
    private func append(_ raw: UnsafeRawBufferPointer, to receiving: inout Receiving) -> HTTPReply? {
        let encoding = receiving.encoding
        if let inflater = receiving.inflater {
            do throws(GzipInflater.Failure) {
                try inflater.inflate(raw, into: &receiving.body)
            } catch {
                switch error {
                case .tooLarge:
                    return Self.tooLarge(configuration, encoding)
                case .ratioExceeded:
                    return .error(
                        .payloadTooLarge, grpcCode: 8,
                        "gzip body expands more than \(configuration.maxGzipRatio)x (refused as a decompression bomb)",
                        encoding: encoding)
                case .corrupt(let reason):
                    return .error(.badRequest, grpcCode: 3, "gzip body is corrupt: \(reason)", encoding: encoding)
                }
            }
            return nil
        }
        if receiving.body.count + raw.count > configuration.maxBodyBytes {
            return Self.tooLarge(configuration, encoding)
        }
        receiving.body.append(contentsOf: raw)
        return nil
    }

    private static func tooLarge(_ configuration: OTLPHTTPConfiguration, _ encoding: PayloadEncoding) -> HTTPReply {
        .error(
            .payloadTooLarge, grpcCode: 8,
            "request body exceeds \(configuration.maxBodyBytes) bytes (after decompression; see --max-body)",
            encoding: encoding)
    }

    private mutating func finish(_ reply: HTTPReply, keepAlive: Bool) -> Action {
        state = keepAlive ? .idle : .closed
        return .reply(reply, close: !keepAlive)
    }

    private mutating func closeWith(_ reply: HTTPReply) -> Action {
        state = .closed
        return .reply(reply, close: true)
    }
}
