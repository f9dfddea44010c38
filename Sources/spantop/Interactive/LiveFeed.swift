import Forward
import SpanCore
import TUI

/// Spans from the live pipeline (and, in the demo, from the simulated workforce posting to
/// its receivers over real OTLP/HTTP), pumped into the store on the UI thread.
final class LiveFeed: SpanFeed {
    let pipeline: LivePipeline
    private let mode: FeedStatus.Mode
    private let demo: DemoSender?
    private var lastAccepted: [Int]
    private var lastStatusWall: Timestamp?
    private var rates: [Double]

    /// - Parameters:
    ///   - pipeline: started (its receivers listen).
    init(pipeline: LivePipeline, demo: DemoSender? = nil) {
        self.pipeline = pipeline
        self.demo = demo
        mode = demo == nil ? .live : .demo
        let receivers = pipeline.snapshots.count
        lastAccepted = Array(repeating: 0, count: receivers)
        rates = Array(repeating: 0, count: receivers)
    }

    func pump(into store: TraceStore, wall: Timestamp) -> Bool {
        demo?.sendDue(wall: wall)
        return pipeline.pump(into: store).requests > 0
    }

    func status(wall: Timestamp) -> FeedStatus {
        let snapshots = pipeline.snapshots
        let seconds = lastStatusWall.map { wall.since($0).seconds } ?? 0
        if seconds > 0.2 {
            for (i, s) in snapshots.enumerated() {
                rates[i] = Double(s.acceptedSpans - lastAccepted[i]) / seconds
                lastAccepted[i] = s.acceptedSpans
            }
            lastStatusWall = wall
        } else if lastStatusWall == nil {
            lastStatusWall = wall
            lastAccepted = snapshots.map(\.acceptedSpans)
        }
        let lines = snapshots.enumerated().map { i, s in
            "\(s.proto.rawValue) \(s.address) \(s.requests) req \(Int(rates[i].rounded()))/s" + s.problems
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
}
