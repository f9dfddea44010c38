import SpanCore

/// Workers by display name (`ViewData.workerName`), then id.
///
/// A long session has tens of thousands of workers: rather than a String per worker and a
/// String comparison per step of the sort, the names are gathered as bytes in one buffer and
/// compared byte by byte, which orders ASCII text exactly as String comparison does. A name
/// that is not ASCII sends the whole list the String way.
enum WorkerOrder {
    static func sorted(_ ids: [StringID], _ data: ViewData) -> [StringID] {
        guard let names = asciiNames(ids, data.store) else {
            return ids.map { ($0, data.workerName($0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        }
        let order = names.bytes.withUnsafeBufferPointer { bytes in
            let raw = UnsafeRawPointer(bytes.baseAddress!)
            return ids.indices.sorted { a, b in
                let x = names.ranges[a]
                let y = names.ranges[b]
                var i = x.lowerBound
                var j = y.lowerBound
                // Eight bytes at a time while both have them (names share long agent prefixes).
                while i + 8 <= x.upperBound, j + 8 <= y.upperBound {
                    let u = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let v = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                    if u != v { return u.bigEndian < v.bigEndian }
                    i += 8
                    j += 8
                }
                while i < x.upperBound, j < y.upperBound, bytes[i] == bytes[j] {
                    i += 1
                    j += 1
                }
                if i < x.upperBound, j < y.upperBound { return bytes[i] < bytes[j] }
                if x.count != y.count { return x.count < y.count }
                return ids[a] < ids[b]
            }
        }
        return order.map { ids[$0] }
    }

    /// Each worker's display name as bytes, or nil when one is not ASCII (or holds a carriage
    /// return, which joins the next character: the 8-character prefix is then not 8 bytes).
    private static func asciiNames(
        _ ids: [StringID], _ store: TraceStore
    ) -> (bytes: [UInt8], ranges: [Range<Int>])? {
        let workers = store.workers
        let strings = store.strings
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(ids.count)
        var plain = true
        func append(_ id: StringID, upTo limit: Int = .max) {
            strings.withBytes(id) { raw in
                let part = raw.prefix(limit)
                plain = plain && part.allSatisfy { $0 < 0x80 && $0 != 0x0D }
                bytes.append(contentsOf: part)
            }
        }
        for id in ids {
            let start = bytes.count
            if let info = workers[id], !info.agent.isEmpty {
                append(info.agent)
                bytes.append(0x20)
                append(id, upTo: 8)
            } else {
                append(id)
            }
            guard plain else { return nil }
            ranges.append(start..<bytes.count)
        }
        return (bytes, ranges)
    }
}
