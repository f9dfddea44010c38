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
        #expect(MemoryLayout<StoredAttribute>.size == 12)
        #expect(MemoryLayout<StoredAttribute>.stride == 12)
        #expect(MemoryLayout<StoredEvent>.stride == 24)
        #expect(MemoryLayout<TaskRecord>.size == 244)
        #expect(MemoryLayout<TaskRecord>.stride == 248)
        #expect(MemoryLayout<RareTaskFacts>.stride == 56)
        #expect(MemoryLayout<FailedAttempt>.stride == 32)
        #expect(MemoryLayout<LogEntry>.stride == 24)
    }

    @Test func attributeKeyKeepsTwentyFourBits() {
        let a = StoredAttribute(key: StringID(rawValue: StoredAttribute.maxKey), kind: .string, bits: 7)
        #expect(a.key.rawValue == 0xFF_FFFF)
        #expect(a.kind == .string)
        #expect(a.stringID == StringID(rawValue: 7))
    }
}
