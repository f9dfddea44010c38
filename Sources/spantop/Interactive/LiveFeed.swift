import Forward
import Ingest
import OTLPWire
import SpanCore
import TUI

/// Spans from the live OTLP receivers (and, in the demo, from the simulated workforce posting
/// to them over real OTLP/HTTP), drained into the store on the UI thread.
final class LiveFeed: SpanFeed {
    let receivers: LiveReceivers
    let recorder: Recorder?
    let forwarder: Forwarder?
    private let mode: FeedStatus.Mode
    private var demo: DemoSender?
    private var lastAccepted: [Int]
    private var lastStatusWall: UInt64 = 0
    private var rates: [Double]
    private var notices: [String] = []

    init(receivers: LiveReceivers, recorder: Recorder?, forwarder: Forwarder?, demo: DemoSender? = nil) {
        self.receivers = receivers
        self.recorder = recorder
        self.forwarder = forwarder
        self.demo = demo
        mode = demo == nil ? .live : .demo
        lastAccepted = Array(repeating: 0, count: receivers.stats.count)
        rates = Array(repeating: 0, count: receivers.stats.count)
    }

    func pump(into store: TraceStore, wall: UInt64) -> Bool {
        if let error = demo?.sendDue(wall: wall) { notices.append(error) }
        let forward = forwarder.map { f in { (batch: SpanBatch) in f.submit(batch) } }
        return receivers.drain(into: store, recorder: recorder, forward: forward).requests > 0
    }

    func status(wall: UInt64) -> FeedStatus {
        let snapshots = receivers.snapshots
        let seconds = lastStatusWall == 0 ? 0 : Double(wall &- lastStatusWall) / 1e9
        if seconds > 0.2 {
            for (i, s) in snapshots.enumerated() {
                rates[i] = Double(s.acceptedSpans - lastAccepted[i]) / seconds
                lastAccepted[i] = s.acceptedSpans
            }
            lastStatusWall = wall
        } else if lastStatusWall == 0 {
            lastStatusWall = wall
            lastAccepted = snapshots.map(\.acceptedSpans)
        }
        let lines = snapshots.enumerated().map { i, s in
            "\(s.proto.rawValue) \(s.address) \(s.requests) req \(Int(rates[i].rounded()))/s" + s.problems
        }
        var f = FeedStatus(mode: mode, receivers: lines)
        if let recorder {
            f.recording = recorder.writeError.map { "error: \($0)" } ?? "\(recorder.path) (\(recorder.lines) lines)"
        }
        f.clock = wall
        f.destinations = forwarder?.destinationStatus ?? []
        return f
    }

    func takeNotices() -> [String] {
        defer { notices.removeAll() }
        return notices
    }

    /// Stops the receivers, finishes requests in flight, ingests and forwards the last of them,
    /// and closes the recording.
    func shutdown(into store: TraceStore) {
        receivers.shutdownBlocking(grace: .seconds(2))
        let forward = forwarder.map { f in { (batch: SpanBatch) in f.submit(batch) } }
        receivers.drain(into: store, recorder: recorder, forward: forward)
        recorder?.close()
    }
}

/// The demo's client side: the simulated workforce's due spans, encoded as OTLP protobuf and
/// POSTed to spantop's own OTLP/HTTP receiver.
final class DemoSender {
    private var demo: DemoWorkforce
    private var batch = SpanBatch()
    private let poster: OTLPHTTPPoster

    init(seed: UInt64, start: UInt64, port: Int) {
        demo = DemoWorkforce(seed: seed, start: start)
        poster = OTLPHTTPPoster(host: "127.0.0.1", port: port)
    }

    /// Sends what is due; returns an error message when the receiver did not take it.
    func sendDue(wall: UInt64) -> String? {
        batch.removeAll()
        guard demo.emitDue(wall: wall, into: &batch) > 0 else { return nil }
        do {
            let status = try poster.post(ProtobufEncoder.encode(batch))
            return status == 200 ? nil : "demo: the receiver answered HTTP \(status)"
        } catch {
            return "demo: \(error.description)"
        }
    }
}
