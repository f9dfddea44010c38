import NIOConcurrencyHelpers
import SpanCore

/// The running receivers of a live session (`spantop serve`, the live TUI): OTLP/HTTP and
/// OTLP/gRPC servers feeding one `BatchInbox`, with per-receiver statistics.
///
/// The store owner starts them, then repeatedly drains:
///
/// ```swift
/// let receivers = try await LiveReceivers.start(configuration)
/// // on the store's thread, every tick (~30 ms in the TUI):
/// let summary = receivers.drain(into: store) { batch in recorder?.record(batch) }
/// let status = receivers.snapshots  // address, requests, spans, rejected, refused per receiver
/// // on quit:
/// await receivers.shutdown()        // stop accepting, finish requests in flight
/// receivers.drain(into: store)     // what they accepted meanwhile
/// ```
public final class LiveReceivers: Sendable {
    public let inbox: BatchInbox
    public let http: OTLPHTTPServer?
    public let grpc: OTLPGRPCServer?
    /// One entry per running receiver, HTTP first.
    public let stats: [ReceiverStats]
    private let stopped = NIOLockedValueBox(false)

    private init(inbox: BatchInbox, http: OTLPHTTPServer?, grpc: OTLPGRPCServer?, stats: [ReceiverStats]) {
        self.inbox = inbox
        self.http = http
        self.grpc = grpc
        self.stats = stats
    }

    /// Binds and starts the configured receivers.
    /// - Throws: `ReceiverError.bindFailed` naming the address and the flag that changes it;
    ///   nothing is left running then.
    public static func start(_ configuration: LiveReceiverConfiguration) async throws -> LiveReceivers {
        let inbox = BatchInbox(capacity: configuration.inboxCapacity, wakeup: configuration.wakeup)
        var stats: [ReceiverStats] = []
        var http: OTLPHTTPServer?
        if let address = configuration.http {
            let s = ReceiverStats(proto: .http, address: address.description)
            http = try await OTLPHTTPServer.start(
                host: address.host, port: address.port, configuration: configuration.httpOptions,
                intake: ExportIntake(inbox: inbox, stats: s))
            stats.append(s)
        }
        var grpc: OTLPGRPCServer?
        if let address = configuration.grpc {
            let s = ReceiverStats(proto: .grpc, address: address.description)
            do {
                grpc = try await OTLPGRPCServer.start(
                    host: address.host, port: address.port, configuration: configuration.grpcOptions,
                    intake: ExportIntake(inbox: inbox, stats: s))
            } catch {
                await http?.shutdown(grace: .zero)
                throw error
            }
            stats.append(s)
        }
        return LiveReceivers(inbox: inbox, http: http, grpc: grpc, stats: stats)
    }

    /// Each running receiver's counters right now.
    public var snapshots: [ReceiverStats.Snapshot] { stats.map(\.snapshot) }

    /// Ingests every pending request into `store`; on the store owner's thread only.
    /// - Parameters:
    ///   - then: given every ingested batch after the store took it (the recorder, the forwarder).
    @discardableResult
    public func drain(into store: TraceStore, then: ((SpanBatch) -> Void)? = nil) -> DrainSummary {
        var summary = DrainSummary()
        inbox.drain { delivery in
            summary.requests += 1
            summary.spans += delivery.batch.spans.count
            if !delivery.batch.isEmpty {
                store.ingest(delivery.batch)
                then?(delivery.batch)
            }
            if delivery.rejectedSpans > 0 { store.noteRejected(delivery.rejectedSpans) }
        }
        return summary
    }

    /// Stops accepting connections and calls, lets requests in flight finish (each receiver
    /// waits up to `grace`), and wakes the store owner. Drain once more
    /// afterwards: what was accepted meanwhile is in the inbox.
    public func shutdown(grace: Duration = .seconds(5)) async {
        guard
            stopped.withLockedValue({ s in
                defer { s = true }; return !s
            })
        else { return }
        async let httpDone: Void = http?.shutdown(grace: grace) ?? ()
        async let grpcDone: Void = grpc?.shutdown(grace: grace) ?? ()
        _ = await (httpDone, grpcDone)
        inbox.wakeup?.post()
    }
}

/// What one `drain` handed to the store.
public struct DrainSummary: Equatable, Sendable {
    public var requests = 0
    public var spans = 0
    public init() {}
}
