/// Span id → position in a trace's `spans`, by open addressing over 4-byte slots that point
/// back into the array (half the memory of a `Dictionary<UInt64, UInt32>`).
///
/// While a trace grows the table is kept at most half full. Once it is finished (its root
/// arrived) it is rebuilt at its exact size for a load of 4/5: a finished trace is looked up
/// and rarely added to, and slots are found by scaling the hash to the table's size rather
/// than masking, so the table needs no power-of-two slack.
struct SpanIDIndex {
    /// Position + 1; 0 marks an empty slot.
    private var slots: [UInt32] = []

    func find(_ id: UInt64, in spans: [StoredSpan]) -> UInt32? {
        guard !slots.isEmpty else { return nil }
        var i = Self.slot(id, slots.count)
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if spans[Int(s - 1)].spanID == id { return s - 1 }
            i += 1
            if i == slots.count { i = 0 }
        }
    }

    /// Indexes the last span of `spans`, growing the table to keep it at most half full.
    mutating func indexLast(of spans: [StoredSpan]) {
        if spans.count * 2 > slots.count {
            rebuild(spans, slotCount: max(8, spans.count * 4))
        } else {
            place(UInt32(spans.count - 1), spans[spans.count - 1].spanID)
        }
    }

    /// Shrinks the table to its finished size: 5 slots per 4 spans.
    mutating func compact(_ spans: [StoredSpan]) {
        let size = max(4, spans.count + spans.count / 4 + 1)
        if size < slots.count { rebuild(spans, slotCount: size) }
    }

    var byteCount: Int { slots.capacity * 4 }

    private mutating func rebuild(_ spans: [StoredSpan], slotCount: Int) {
        slots = [UInt32](repeating: 0, count: slotCount)
        for (i, s) in spans.enumerated() { place(UInt32(i), s.spanID) }
    }

    private mutating func place(_ position: UInt32, _ id: UInt64) {
        var i = Self.slot(id, slots.count)
        while slots[i] != 0 {
            i += 1
            if i == slots.count { i = 0 }
        }
        slots[i] = position + 1
    }

    /// The hash's high bits scaled to `0..<count` (a multiply and a shift, no division).
    @inline(__always)
    private static func slot(_ id: UInt64, _ count: Int) -> Int {
        let hash = (id &* 0x9E37_79B9_7F4A_7C15) >> 32
        return Int(truncatingIfNeeded: (hash &* UInt64(count)) >> 32)
    }
}
