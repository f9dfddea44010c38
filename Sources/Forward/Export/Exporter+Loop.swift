import Foundation
import OTLPWire
import SpanCore

extension Exporter {
    /// The send loop: take a request's worth of spans when one is full, when the oldest has
    /// waited `flushInterval`, or when draining; deliver it; repeat until drained or cancelled.
    func run() async {
        var random = SystemRandomNumberGenerator()
        while !Task.isCancelled {
            let next = state.withLockedValue { s -> (pieces: [SpanQueue.Piece], wait: Nanoseconds?, done: Bool) in
                let now = clock.now()
                let due = s.oldestQueuedAt.map { now - $0 >= settings.flushInterval } ?? false
                if s.queue.count >= settings.maxBatchSpans || (!s.queue.isEmpty && (due || s.draining)) {
                    let pieces = s.queue.take(maxSpans: settings.maxBatchSpans, maxBytes: settings.maxBatchBytes)
                    s.inFlight = pieces.reduce(0) { $0 + $1.range.count }
                    // What is left has waited as long as what was taken.
                    if s.queue.isEmpty { s.oldestQueuedAt = nil } else if due { s.oldestQueuedAt = now }
                    return (pieces, nil, false)
                }
                if s.draining { return ([], nil, true) }
                let wait = s.oldestQueuedAt.map { settings.flushInterval - (now - $0) }
                return ([], wait, false)
            }
            if next.done { return }
            if next.pieces.isEmpty {
                await signal.wait(timeout: next.wait, clock: clock)
                continue
            }
            let pieces = next.pieces
            guard let requests = await encoder.run({ self.encode(self.assemble(pieces)) }) else { return }
            for (body, spans) in requests {
                await deliver(body, spans: spans, using: &random)
                if Task.isCancelled { return }
            }
        }
    }

    /// One batch from the pieces: a single whole submitted batch is used as it is; anything
    /// else (several batches, part of one, or redaction) is copied span by span.
    func assemble(_ pieces: [SpanQueue.Piece]) -> SpanBatch {
        if redactor == nil, pieces.count == 1, pieces[0].range == pieces[0].batch.spans.indices {
            return pieces[0].batch
        }
        var batch = SpanBatch()
        for piece in pieces {
            batch.appendSpans(of: piece.batch, piece.range, redactor: redactor)
        }
        return batch
    }

    /// Encodes `batch` as gzip-compressed protobuf bodies, halving it until each encoded
    /// request fits `maxBatchBytes` (a single span is sent whatever its size).
    func encode(_ batch: SpanBatch) -> [(body: [UInt8], spans: Int)] {
        let encoded = ProtobufEncoder.encode(batch)
        if encoded.count <= settings.maxBatchBytes || batch.spans.count <= 1 {
            return [(Gzip.compress(encoded, level: settings.compressionLevel), batch.spans.count)]
        }
        let middle = batch.spans.count / 2
        var first = SpanBatch()
        first.appendSpans(of: batch, 0..<middle)
        var second = SpanBatch()
        second.appendSpans(of: batch, middle..<batch.spans.count)
        return encode(first) + encode(second)
    }

    /// Sends one body until the state machine says it is done or given up, or the task is
    /// cancelled (the drain timeout passed: the spans stay counted as in flight → unsent).
    func deliver(_ body: [UInt8], spans: Int, using random: inout SystemRandomNumberGenerator) async {
        var machine = ExportStateMachine(policy: settings.retry, startedAt: clock.now())
        while true {
            let outcome = await transport.send(body)
            if Task.isCancelled { return }
            let action = machine.record(outcome, now: clock.now(), wallClock: clock.wallNow(), using: &random)
            switch action {
            case .done:
                var rejected = 0
                if case .partialSuccess(let count, let message) = outcome {
                    rejected = min(count, spans)
                    state.withLockedValue { s in
                        s.status.failed += rejected
                        s.status.lastError =
                            "partial success: \(count) span(s) rejected" + (message.isEmpty ? "" : ": \(message)")
                        s.status.lastErrorAt = clock.wallNow()
                    }
                }
                state.withLockedValue { s in
                    s.status.sent += spans - rejected
                    s.status.requests += 1
                    s.inFlight -= spans
                    s.status.retrying = false
                    s.status.nextAttempt = nil
                }
                return
            case .retry(let delay, let error):
                state.withLockedValue { s in
                    s.status.retrying = true
                    s.status.nextAttempt = clock.wallNow() + delay
                    s.status.lastError = error
                    s.status.lastErrorAt = clock.wallNow()
                }
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    return
                }
            case .giveUp(let failure):
                state.withLockedValue { s in
                    s.status.failed += spans
                    s.inFlight -= spans
                    s.status.retrying = false
                    s.status.nextAttempt = nil
                    s.status.lastError = failure.message
                    s.status.lastErrorAt = clock.wallNow()
                }
                return
            }
        }
    }
}
