import Forward
import SpanCore
import TUI

/// Spans from the live pipeline (and, in the demo, from the simulated workforce posting to
/// its receivers over real OTLP/HTTP), pumped into the store on the UI thread.
final class LiveFeed: SpanFeed {
    let pipeline: LivePipeline
    private let mode: FeedStatus.Mode
    private let demo: DemoSender?
    /// Accepted spans per second, per receiver.
    private var rates: [RateMeter]

    /// - Parameters:
    ///   - pipeline: started (its receivers listen).
    init(pipeline: LivePipeline, demo: DemoSender? = nil) {
        self.pipeline = pipeline
        self.demo = demo
        mode = demo == nil ? .live : .demo
        rates = pipeline.snapshots.map { _ in RateMeter(minimumInterval: .milliseconds(200)) }
    }

    func pump(into store: TraceStore, wall: Timestamp) -> Bool {
        demo?.sendDue(wall: wall)
        return pipeline.pump(into: store).requests > 0
    }

    func status(wall: Timestamp) -> FeedStatus {
        let snapshots = pipeline.snapshots
        let now = MonotonicClock.now()
        let lines = snapshots.enumerated().map { i, s in
            let rate = i < rates.count ? rates[i].note(s.acceptedSpans, at: now) : 0
            return "\(s.proto.rawValue) \(s.address) \(s.requests) req \(Int(rate.rounded()))/s" + s.problems
        }
        var f = FeedStatus(mode: mode, receivers: lines)
        if let recorder = pipeline.recorder {
            f.recording = recorder.writeError.map { "error: \($0)" } ?? "\(recorder.path) (\(recorder.lines) lines)"
        }
        f.clock = wall
        f.destinations = pipeline.forwarder?.destinationStatus ?? []
        return f
    }

    func takeNotices() -> [String] {
        demo?.poster.takeProblems() ?? []
    }

    var wakeup: Wakeup { pipeline.wakeup }

    var hasWork: Bool { pipeline.hasWork }

    func nextDue(wall: Timestamp) -> Timestamp? { demo?.nextDue }

    var isMoving: Bool { demo != nil }
}
