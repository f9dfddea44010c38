import OTLPWire
import SpanCore
import Workloads

/// The demo's simulated workforce on the UI thread: emits the spans that are due and hands
/// them, encoded as OTLP protobuf, to the `DemoPoster`.
final class DemoSender {
    let poster: DemoPoster
    private var demo: DemoWorkforce
    private var batch = SpanBatch()

    init(seed: UInt64, start: Timestamp, poster: DemoPoster) {
        demo = DemoWorkforce(seed: seed, start: start)
        self.poster = poster
    }

    /// When the workforce's next span is due (wall time).
    var nextDue: Timestamp { demo.nextDue() }

    /// Queues what is due for posting.
    func sendDue(wall: Timestamp) {
        batch.removeAll()
        guard demo.emitDue(wall: wall, into: &batch) > 0 else { return }
        poster.send(ProtobufEncoder.encode(batch))
    }
}
