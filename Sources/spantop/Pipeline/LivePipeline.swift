import Forward
import Receivers
import Recordings
import ServiceLifecycle
import SpanCore

/// The live session, built once for `serve` and the live TUI: the OTLP receivers feeding one
/// inbox, drained into the store, the recording and the forwarder.
///
/// ```swift
/// let pipeline = LivePipeline(configuration, recorder: recorder, forwarder: forwarder)
/// try await pipeline.start()                 // bind; errors before anything else runs
/// let shutdown = ShutdownSwitch()
/// try await shutdown.run([SignalWatch(shutdown: shutdown)] + pipeline.services(owner: loop))
/// // the owner calls `pump(into:)` whenever `sleep` wakes it, and `finish(into:)` once
/// for line in pipeline.outcome { Stderr.log(line) }
/// ```
///
/// The services stop in reverse start order, which is the shutdown order: stop accepting and
/// finish requests in flight, drain the last batches and close the recording (the owner's
/// `finish`), then drain the forwarder.
///
/// Only the store's owner calls `pump` and `finish`, one at a time (the recorder and the
/// store are single-owner); the rest is safe from any task.
final class LivePipeline: @unchecked Sendable {  // `receivers` is set once by `start`, before any owner runs
    let configuration: LiveReceiverConfiguration
    let recorder: Recorder?
    let forwarder: Forwarder?
    /// How long requests in flight may take to finish once the receivers stop.
    let grace: Duration
    private(set) var receivers: LiveReceivers?
    /// What happens to each ingested batch: recorded, then forwarded.
    private let afterIngest: (SpanBatch) -> Void
    private let forwarding: ForwarderDrain?
    /// Wakes the store's owner when a request or a query arrives (or on shutdown).
    let wakeup = Wakeup()
    /// Query API requests (`GET /api/v1/…` on the HTTP receiver), answered by the owner in `pump`.
    let queries: QueryDesk

    init(
        _ configuration: LiveReceiverConfiguration, recorder: Recorder?, forwarder: Forwarder?,
        grace: Duration = .seconds(5)
    ) {
        var configuration = configuration
        queries = QueryDesk(wakeup: wakeup)
        configuration.wakeup = wakeup
        configuration.httpOptions.queries = queries
        if let http = configuration.http, !http.isLoopback, configuration.authToken == nil {
            configuration.httpOptions.queryRefusal =
                "the query API is off: spantop listens on \(http) without --auth-token (loopback needs none)"
        }
        self.configuration = configuration
        self.recorder = recorder
        self.forwarder = forwarder
        self.grace = grace
        afterIngest = { batch in
            recorder?.record(batch)
            forwarder?.submit(batch)
        }
        forwarding = forwarder.map(ForwarderDrain.init)
    }

    /// Binds and starts the configured receivers; call it once, before `services`' group runs.
    /// - Throws: `CLIError` naming the address and the flag that changes it.
    func start() async throws(CLIError) {
        do {
            receivers = try await LiveReceivers.start(configuration)
        } catch {
            throw CLIError(error)
        }
    }

    /// Ingests every pending request into `store`, records it and forwards it, and answers
    /// waiting queries.
    @discardableResult
    func pump(into store: TraceStore) -> DrainSummary {
        let summary = receivers?.drain(into: store, then: afterIngest) ?? DrainSummary()
        // Between batches, on the owner's thread: the store the screen shows answers.
        queries.answerPending(from: store)
        return summary
    }

    /// Whether a request or a query waits for `pump`.
    var hasWork: Bool { !(receivers?.inbox.isEmpty ?? true) || !queries.isEmpty }

    /// The owner's sleep: until a request or a query arrives, one of `also` is readable, or
    /// `timeout` passes (nil: none).
    @discardableResult
    func sleep(timeout: Nanoseconds?, also: [Int32] = []) -> Wakeup.Reason {
        wakeup.sleep(timeout: timeout, also: also) { hasWork }
    }

    /// Stops accepting and lets requests in flight finish; their batches wait in the inbox.
    func stopReceivers() async {
        await receivers?.shutdown(grace: grace)
    }

    /// The owner's last step, once the receivers have stopped: drain what they accepted
    /// meanwhile, then close the recording.
    func finish(into store: TraceStore) {
        pump(into: store)
        queries.close()
        recorder?.close()
    }

    /// Each running receiver's counters right now.
    var snapshots: [ReceiverStats.Snapshot] { receivers?.snapshots ?? [] }

    /// The services that run and stop the pipeline around `owner`, in start order.
    /// - Parameters:
    ///   - owner: owns the store: pumps every tick, calls `finish(into:)` on shutdown.
    ///   - clients: services that send to the receivers (the demo); they stop first.
    func services(owner: any Service, clients: [any Service] = []) -> [any Service] {
        var list: [any Service] = []
        if let forwarding { list.append(forwarding) }
        list.append(owner)
        list.append(ReceiverStop(pipeline: self))
        return list + clients
    }

    /// What the forwarder delivered or not, per destination (empty until it has drained).
    var forwarded: [ForwardStatus] { forwarding?.statuses ?? [] }

    /// Lines for stderr once everything stopped: what was not forwarded, a failed recording.
    var outcome: [String] {
        var lines = forwarding?.outcome ?? []
        if let error = recorder?.writeError { lines.append("error: recording failed: \(error)") }
        return lines
    }

    /// `listening: OTLP/HTTP on …, OTLP/gRPC on …`
    var listening: String {
        var parts: [String] = []
        if let http = receivers?.http {
            parts.append(
                "OTLP/HTTP on \(ReceiverAddress.format(host: http.host, port: http.port)) (POST /v1/traces; "
                    + "query API GET /api/v1/…)")
        }
        if let grpc = receivers?.grpc {
            parts.append("OTLP/gRPC on \(ReceiverAddress.format(host: grpc.host, port: grpc.port))")
        }
        return "listening: " + parts.joined(separator: ", ")
    }
}
