import Testing

@testable import SpanCore

/// Ingest reuses the id of the key and value the previous span had at the same position when
/// the bytes are the same; every span must still read back exactly what it carried.
struct AttributeGuessTests {
    @Test func spansReadBackTheirOwnKeysAndValuesWhateverTheirNeighboursHad() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "guess.test", version: "1")
        let shapes: [[String: AttributeValue]] = [
            ["a": "x", "b": "y"],
            ["a": "x", "b": "z"],  // same key, new value
            ["a": "xx", "c": "y"],  // longer value, new key at the second position
            ["b": "x", "bb": "y"],  // values swapped between positions
            ["a": .int(7), "b": "y"],  // a value that is not a string
            ["a": "", "b": "y"],
            [:],
            ["a": "x", "b": "y", "c": "z"],
        ]
        for (i, attributes) in shapes.enumerated() {
            b.span("s\(i)", start: Double(i), end: Double(i) + 1, attributes)
        }
        let store = TraceStore()
        // Twice, the second time split across batches, where guesses must not carry over.
        store.ingest(b.batch())
        var again = b
        again.trace = TraceID(high: 0xCC, low: 0xDD)
        again.records = again.records.map {
            var r = $0
            r.traceID = again.trace
            return r
        }
        store.ingest(again.batch(Array(again.records.prefix(3))))
        store.ingest(again.batch(Array(again.records.dropFirst(3))))

        for id in [b.trace, again.trace] {
            let trace = try #require(store.trace(id))
            #expect(trace.spans.count == shapes.count)
            for local in trace.spans.indices {
                let record = store.record(of: trace, span: local)
                let index = Int(record.name.dropFirst())!
                let expected = shapes[index].sorted { $0.key < $1.key }.map { KeyValue($0.key, $0.value) }
                #expect(record.attributes == expected, "span \(record.name)")
            }
        }
    }
}
