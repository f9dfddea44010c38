import Foundation
import NIOConcurrencyHelpers
import OTLPWire
import SpanCore

/// Forwards spans to one destination: a bounded queue filled by `submit`, and one send loop
/// that batches, encodes, compresses, delivers and retries.
///
/// `submit` only appends to the queue under a lock (the batch's storage is shared, not
/// copied), so the thread that owns the store is never held up by the network. All encoding
/// happens on the send loop's task.
public final class Exporter: Sendable {
    public let destination: Destination
    let settings: ExporterSettings
    let redactor: Redactor?
    let transport: any ExportTransport
    let clock: any ExporterClock
    let signal = WakeSignal()
    let encoder = BackgroundEncoder()
    let state: NIOLockedValueBox<State>
    private let loop = NIOLockedValueBox<Task<Void, Never>?>(nil)

    struct State {
        var queue: SpanQueue
        var status: ForwardStatus
        /// Spans taken from the queue and not yet sent, failed or given up.
        var inFlight = 0
        /// When the oldest queued span arrived (nil while the queue is empty).
        var oldestQueuedAt: MonotonicInstant?
        var draining = false
        var stopped = false
    }

    /// - Parameters:
    ///   - transport: how requests are delivered; tests pass a scripted or loopback one.
    ///   - clock: what the flush timer, retries and the drain timeout wait on; tests pass a manual one.
    public init(
        destination: Destination, settings: ExporterSettings, redactor: Redactor?, transport: any ExportTransport,
        clock: any ExporterClock = SystemExporterClock()
    ) {
        self.destination = destination
        self.clock = clock
        self.settings = settings
        self.redactor = redactor
        self.transport = transport
        state = NIOLockedValueBox(
            State(
                queue: SpanQueue(capacity: settings.queueCapacity),
                status: ForwardStatus(name: destination.name, endpoint: destination.displayEndpoint)))
    }

    /// An exporter that POSTs over HTTP(S) with AsyncHTTPClient.
    public convenience init(destination: Destination, settings: ExporterSettings = .init(), redactor: Redactor? = nil) {
        self.init(
            destination: destination, settings: settings, redactor: redactor,
            transport: HTTPTransport(destination: destination, timeout: settings.requestTimeout))
    }

    /// Starts the send loop. Calling it again does nothing.
    public func start() {
        loop.withLockedValue { task in
            guard task == nil else { return }
            encoder.start()
            task = Task.detached { [self] in await self.run() }
        }
    }

    /// Queues `batch` for sending. Cheap: no encoding or copying happens here. When the queue
    /// is full, the oldest queued spans are dropped and counted.
    public func submit(_ batch: SpanBatch) {
        guard !batch.spans.isEmpty else { return }
        let wake = state.withLockedValue { s -> Bool in
            if s.stopped {
                s.status.dropped += batch.spans.count
                return false
            }
            let wasEmpty = s.queue.isEmpty
            s.status.dropped += s.queue.append(batch)
            if wasEmpty { s.oldestQueuedAt = clock.now() }
            // Wake the loop to start the flush timer, and again once a full request is ready.
            return wasEmpty || s.queue.count >= settings.maxBatchSpans
        }
        if wake { signal.fire() }
    }

    /// The current counters.
    public var status: ForwardStatus {
        state.withLockedValue { s in
            var status = s.status
            status.queued = s.queue.count + s.inFlight
            return status
        }
    }

    /// Stops accepting spans, sends what is queued for up to `drainTimeout`, then stops and
    /// releases connections. Spans that could not be sent are counted in `unsent`.
    @discardableResult
    public func shutdown(drainTimeout: Duration) async -> ForwardStatus {
        let task = loop.withLockedValue { $0 }
        state.withLockedValue { $0.draining = true }
        signal.fire()
        if let task {
            // Once the timeout passes, cancelling the loop ends a pending request or retry wait.
            let clock = self.clock
            let timeout = Nanoseconds(drainTimeout)
            await finishes(before: { try await clock.timeout(after: timeout) }, orElse: { task.cancel() }) {
                await task.value
            }
        }
        await transport.shutdown()
        if task != nil { await encoder.shutdown() }
        return state.withLockedValue { s in
            s.stopped = true
            s.status.unsent = s.queue.count + s.inFlight
            s.status.retrying = false
            s.status.nextAttempt = nil
            var status = s.status
            status.queued = s.status.unsent
            return status
        }
    }
}
