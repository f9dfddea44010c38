import SpanCore

/// One forwarding destination as the status line and the forwarding panel show it.
public struct DestinationStatus: Equatable, Sendable {
    public var name: String
    /// The URL without credentials.
    public var endpoint: String
    public var sent = 0
    public var queued = 0
    public var retrying = false
    public var dropped = 0
    public var failed = 0
    public var lastError: String?

    public init(name: String, endpoint: String) {
        self.name = name
        self.endpoint = endpoint
    }
}

/// The state of everything that feeds or leaves the store, as the status line shows it.
/// Filled by the loop from the real receivers, recorder, forwarder and replayer.
public struct FeedStatus: Equatable, Sendable {
    public enum Mode: String, Sendable { case live = "LIVE", replay = "REPLAY", demo = "DEMO", file = "FILE" }

    public var mode: Mode
    /// One entry per receiver, e.g. "http 127.0.0.1:4318 12 req 1.2k/s 0 rej"; empty means off.
    public var receivers: [String]
    /// Forwarding destinations; empty means forwarding is off.
    public var destinations: [DestinationStatus] = []
    public var recording: String?
    /// Replay position, e.g. "▶ 10× 1,204/5,000 batches  +00:12"; nil outside replay.
    public var replay: String?
    /// Progress of files still being read ("42%", or a span count when the size is unknown);
    /// nil when done.
    public var loading: String?
    /// "Now" on the data's own clock: wall time when live, the replay position in a
    /// replay; running tasks show their elapsed time against it. nil for static files.
    public var clock: Timestamp?

    public init(
        mode: Mode, receivers: [String] = [], recording: String? = nil,
        replay: String? = nil, loading: String? = nil
    ) {
        self.mode = mode
        self.receivers = receivers
        self.recording = recording
        self.replay = replay
        self.loading = loading
    }
}
