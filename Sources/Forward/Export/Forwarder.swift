import SpanCore

/// What to forward where: the result of the command-line options and environment.
public struct ForwarderConfiguration: Sendable, Equatable {
    public var destinations: [Destination]
    public var settings: ExporterSettings
    /// Strip content attributes before sending (`--redact`, `--redact-key`); nil sends all.
    public var redactor: Redactor?
    /// How long `shutdown` keeps sending what is queued (`--forward-drain-timeout`).
    public var drainTimeout: Duration

    public init(
        destinations: [Destination], settings: ExporterSettings = .init(), redactor: Redactor? = nil,
        drainTimeout: Duration = .seconds(5)
    ) {
        self.destinations = destinations
        self.settings = settings
        self.redactor = redactor
        self.drainTimeout = drainTimeout
    }
}

/// Fans every decoded batch out to one `Exporter` per destination.
///
/// Create it, `start()` it, call `submit` from the thread that owns the store for each batch
/// (after or before `TraceStore.ingest`, the batch is not modified), read `status` for the UI,
/// and `await shutdown()` on exit.
public final class Forwarder: Sendable {
    public let exporters: [Exporter]
    public let drainTimeout: Duration

    /// Exporters that POST over HTTP(S).
    public convenience init(_ configuration: ForwarderConfiguration) {
        self.init(
            configuration,
            exporters: configuration.destinations.map {
                Exporter(destination: $0, settings: configuration.settings, redactor: configuration.redactor)
            })
    }

    /// Exporters built by the caller (tests use scripted transports).
    public init(_ configuration: ForwarderConfiguration, exporters: [Exporter]) {
        self.exporters = exporters
        drainTimeout = configuration.drainTimeout
    }

    /// Starts every exporter's send loop.
    public func start() {
        for e in exporters { e.start() }
    }

    /// Queues `batch` for every destination. Cheap and non-blocking.
    public func submit(_ batch: SpanBatch) {
        for e in exporters { e.submit(batch) }
    }

    /// One snapshot per destination, in configuration order.
    public var status: [ForwardStatus] { exporters.map(\.status) }

    /// Drains every destination in parallel for up to `drainTimeout` (the configured one by
    /// default), stops them, and returns their final counters (`unsent` = not delivered).
    @discardableResult
    public func shutdown(drainTimeout: Duration? = nil) async -> [ForwardStatus] {
        let timeout = drainTimeout ?? self.drainTimeout
        return await withTaskGroup(of: (Int, ForwardStatus).self) { group in
            for (i, e) in exporters.enumerated() {
                group.addTask { (i, await e.shutdown(drainTimeout: timeout)) }
            }
            var result = [ForwardStatus?](repeating: nil, count: exporters.count)
            for await (i, status) in group { result[i] = status }
            return result.compactMap { $0 }
        }
    }
}
