import SpanCore

/// Children of array and key-value list values whose list is still open.
///
/// It starts in a small buffer the caller lends (on the stack) and moves to the heap only for
/// lists with many pending children, so decoding normally allocates nothing here.
struct PendingStack: ~Copyable {
    private var base: UnsafeMutablePointer<BatchAttribute>
    private var capacity: Int
    private var owned = false
    private(set) var count = 0

    init(borrowing buffer: UnsafeMutableBufferPointer<BatchAttribute>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    @inline(__always)
    mutating func push(_ attribute: BatchAttribute) {
        if count == capacity { grow() }
        (base + count).initialize(to: attribute)
        count += 1
    }

    /// Moves the entries from `start` up to the end of `nested` and returns where they went.
    mutating func commit(from start: Int, to nested: inout [BatchAttribute]) -> RecordRange {
        let range = RecordRange(start: UInt32(nested.count), count: UInt32(count - start))
        if count > start {
            nested.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
        }
        count = start
        return range
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<BatchAttribute>.allocate(capacity: capacity * 2)
        bigger.initialize(from: base, count: count)
        if owned { base.deallocate() }
        base = bigger
        capacity *= 2
        owned = true
    }

    deinit {
        if owned { base.deallocate() }
    }
}
