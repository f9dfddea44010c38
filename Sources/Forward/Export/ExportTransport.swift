/// Delivers one encoded, compressed request body to one destination.
///
/// The exporter's logic (queue, batching, retry) talks to this protocol only, so it can be
/// tested against a scripted transport as well as against a real socket.
public protocol ExportTransport: Sendable {
    /// POSTs `body` (gzip-compressed OTLP protobuf) and reports how it went. Never throws:
    /// every failure is an outcome the retry state machine decides on.
    func send(_ body: [UInt8]) async -> ExportOutcome
    /// Releases connections; called once, after the last `send`.
    func shutdown() async
}
