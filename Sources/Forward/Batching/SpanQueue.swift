import SpanCore

/// The spans waiting in one exporter: submitted batches kept whole (sharing their storage with
/// the caller, so enqueueing copies nothing), counted in spans.
///
/// When the queue is over capacity the oldest spans go first: a live view of a workforce
/// cares more about what is happening now than about what happened a while ago.
struct SpanQueue {
    /// One submitted batch; spans before `start` were sent or dropped already.
    struct Chunk {
        var batch: SpanBatch
        var start: Int
        var remaining: Int { batch.spans.count - start }
    }

    /// A piece taken for sending: spans `range` of `batch`.
    struct Piece {
        var batch: SpanBatch
        var range: Range<Int>
    }

    let capacity: Int
    private var chunks: [Chunk] = []
    private var head = 0
    /// Spans queued.
    private(set) var count = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a queue needs room for at least one span")
        self.capacity = capacity
    }

    var isEmpty: Bool { count == 0 }

    /// Appends `batch`; returns how many of the oldest spans had to be dropped to make room.
    mutating func append(_ batch: SpanBatch) -> Int {
        let n = batch.spans.count
        guard n > 0 else { return 0 }
        chunks.append(Chunk(batch: batch, start: 0))
        count += n
        return count > capacity ? dropOldest(count - capacity) : 0
    }

    /// Removes up to `maxSpans` spans from the front, stopping early (after at least one
    /// chunk) once the pieces' arenas add up to `maxBytes`.
    mutating func take(maxSpans: Int, maxBytes: Int) -> [Piece] {
        var pieces: [Piece] = []
        var spans = 0
        var bytes = 0
        while head < chunks.count, spans < maxSpans {
            let chunk = chunks[head]
            if !pieces.isEmpty, bytes + chunk.batch.bytes.count > maxBytes { break }
            let n = min(chunk.remaining, maxSpans - spans)
            pieces.append(Piece(batch: chunk.batch, range: chunk.start..<chunk.start + n))
            spans += n
            bytes += chunk.batch.bytes.count
            consume(n)
        }
        return pieces
    }

    /// Drops the `n` oldest spans; returns `n`.
    private mutating func dropOldest(_ n: Int) -> Int {
        var left = n
        while left > 0 {
            let take = min(left, chunks[head].remaining)
            consume(take)
            left -= take
        }
        return n
    }

    private mutating func consume(_ n: Int) {
        chunks[head].start += n
        count -= n
        if chunks[head].remaining == 0 {
            // Release the storage now; the slot itself is reclaimed in bulk below.
            chunks[head] = Chunk(batch: SpanBatch(), start: 0)
            head += 1
            if head == chunks.count {
                chunks.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 64, head * 2 >= chunks.count {
                chunks.removeFirst(head)
                head = 0
            }
        }
    }
}
