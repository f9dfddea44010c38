/// Span id → position in a trace's `spans`, by open addressing over 4-byte slots that point
/// back into the array (half the memory of a `Dictionary<UInt64, UInt32>`).
struct SpanIDIndex {
    /// Position + 1; 0 marks an empty slot.
    private var slots: [UInt32] = []

    func find(_ id: UInt64, in spans: [StoredSpan]) -> UInt32? {
        guard !slots.isEmpty else { return nil }
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
        if spans.count * 2 > slots.count {
            rebuild(spans, slotCount: max(8, slots.count * 2))
        } else {
            place(UInt32(spans.count - 1), spans[spans.count - 1].spanID)
        }
    }

    /// Shrinks the table to the smallest size that keeps it at most half full.
    mutating func compact(_ spans: [StoredSpan]) {
        var size = 8
        while size < spans.count * 2 { size *= 2 }
        if size < slots.count { rebuild(spans, slotCount: size) }
    }

    var byteCount: Int { slots.capacity * 4 }

    private mutating func rebuild(_ spans: [StoredSpan], slotCount: Int) {
        slots = [UInt32](repeating: 0, count: slotCount)
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
