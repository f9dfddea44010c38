/// Span id → position in a trace's `spans`, in 4-byte slots that point back into the array
/// (half the memory of a `Dictionary<UInt64, UInt32>`).
///
/// While a trace grows the slots are an open-addressing hash table kept at most half full.
/// Once it is finished they become positions sorted by span id, exactly one slot per span
/// (a finished trace is looked up, rarely added to); a late span turns them back into a table.
struct SpanIDIndex {
    /// Hashed: position + 1, 0 marking an empty slot. Sorted: positions ordered by span id.
    private var slots: [UInt32] = []
    private var isSorted = false

    func find(_ id: UInt64, in spans: [StoredSpan]) -> UInt32? {
        guard !slots.isEmpty else { return nil }
        if isSorted { return findSorted(id, in: spans) }
        let mask = slots.count - 1
        var i = Self.slot(id) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if spans[Int(s - 1)].spanID == id { return s - 1 }
            i = (i + 1) & mask
        }
    }

    /// Indexes the last span of `spans`, growing the table to keep it at most half full.
    mutating func indexLast(of spans: [StoredSpan]) {
        if isSorted || spans.count * 2 > slots.count {
            // A power of two: slots are found by masking.
            var size = 8
            while size < spans.count * 2 { size *= 2 }
            rebuild(spans, slotCount: size)
        } else {
            place(UInt32(spans.count - 1), spans[spans.count - 1].spanID)
        }
    }

    /// Turns the table into sorted positions: one slot per span.
    mutating func compact(_ spans: [StoredSpan]) {
        var sorted = [UInt32](unsafeUninitializedCapacity: spans.count) { buffer, initialized in
            for i in 0..<spans.count { buffer[i] = UInt32(i) }
            initialized = spans.count
        }
        spans.withUnsafeBufferPointer { s in
            sorted.sort { s[Int($0)].spanID < s[Int($1)].spanID }
        }
        slots = sorted
        isSorted = true
    }

    var byteCount: Int { slots.capacity * 4 }

    private func findSorted(_ id: UInt64, in spans: [StoredSpan]) -> UInt32? {
        var low = 0
        var high = slots.count
        while low < high {
            let mid = (low + high) / 2
            let candidate = spans[Int(slots[mid])].spanID
            if candidate == id { return slots[mid] }
            if candidate < id { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    private mutating func rebuild(_ spans: [StoredSpan], slotCount: Int) {
        slots = [UInt32](repeating: 0, count: slotCount)
        isSorted = false
        for (i, s) in spans.enumerated() { place(UInt32(i), s.spanID) }
    }

    private mutating func place(_ position: UInt32, _ id: UInt64) {
        let mask = slots.count - 1
        var i = Self.slot(id) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = position + 1
    }

    @inline(__always)
    private static func slot(_ id: UInt64) -> Int { Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> 32) }
}
