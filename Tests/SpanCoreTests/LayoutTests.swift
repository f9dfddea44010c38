import Testing

@testable import SpanCore

/// The typed ids and times are free, and the records the store keeps millions of stay as small
/// as BENCHMARKS.md §3 made them (the memory figures there depend on it).
struct LayoutTests {
    @Test func wrappersAreTheirRawValue() {
        #expect(MemoryLayout<StringID>.size == 4)
        #expect(MemoryLayout<TaskIndex>.size == 4)
        #expect(MemoryLayout<OriginIndex>.size == 4)
        #expect(MemoryLayout<TraceSerial>.size == 4)
        #expect(MemoryLayout<Timestamp>.size == 8)
        #expect(MemoryLayout<Nanoseconds>.size == 8)
    }

    @Test func storedRecordsKeepTheirSize() {
        #expect(MemoryLayout<StoredSpan>.size == 56)
        #expect(MemoryLayout<StoredSpan>.stride == 56)
        #expect(MemoryLayout<StoredAttribute>.size == 8)
        #expect(MemoryLayout<StoredAttribute>.stride == 8)
        #expect(MemoryLayout<StoredEvent>.stride == 24)
        #expect(MemoryLayout<TaskRecord>.size == 244)
        #expect(MemoryLayout<TaskRecord>.stride == 248)
        // One per trace task or workforce root, not per subtask: agent-run facts cost 24 bytes there.
        #expect(MemoryLayout<RareTaskFacts>.stride == 80)
        #expect(MemoryLayout<FailedAttempt>.stride == 32)
        #expect(MemoryLayout<LogEntry>.stride == 24)
    }

    @Test func attributeKeyKeepsTwentyFourBits() {
        var wide: [UInt64] = []
        let a = StoredAttribute(key: StringID(rawValue: StoredAttribute.maxKey), kind: .string, bits: 7, wide: &wide)
        #expect(a.key.rawValue == 0xFF_FFFF)
        #expect(a.kind == .string)
        #expect(a.stringID == StringID(rawValue: 7))
        #expect(wide.isEmpty)
    }

    @Test func valuesThatDoNotFitInlineAreWide() {
        // Every kind and the 32-bit edges of ints read back as they went in.
        var wide: [UInt64] = []
        let key = StringID(rawValue: StoredAttribute.maxKey)
        let ints: [Int64] = [
            0, -1, 1, Int64(Int32.max), Int64(Int32.min), Int64(Int32.max) + 1, Int64(Int32.min) - 1, .max, .min,
        ]
        for v in ints {
            let a = StoredAttribute(key: key, kind: .int, bits: UInt64(bitPattern: v), wide: &wide)
            #expect(a.kind == .int && a.key == key)
            #expect(Int64(bitPattern: a.bits(wide)) == v)
            #expect(a.number(wide) == Double(v))
        }
        #expect(wide.count == 4, "only the ints beyond 32 bits are wide")
        for d in [0.0, -0.5, 1e300, .infinity] {
            let a = StoredAttribute(key: key, kind: .double, bits: d.bitPattern, wide: &wide)
            #expect(a.number(wide) == d)
        }
        let list = StoredAttribute(key: key, kind: .kvlist, bits: UInt64(3) << 32 | 70_000, wide: &wide)
        #expect(list.kind == .kvlist && list.range(wide) == RecordRange(start: 70_000, count: 3))
        let yes = StoredAttribute(key: key, kind: .bool, bits: 1, wide: &wide)
        #expect(yes.kind == .bool && yes.bits(wide) == 1)
    }
}
