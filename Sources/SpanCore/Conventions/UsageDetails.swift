/// Reads numbers out of the small JSON objects Langfuse puts in `usage_details` and
/// `cost_details` (e.g. `{"input": 12, "output": 30, "total": 42}`) without a JSON library.
enum UsageDetails {
    /// Top-level numeric fields of a flat JSON object; nil if it does not look like one.
    static func numbers(_ text: String) -> [String: Double]? {
        var result: [String: Double] = [:]
        let bytes = Array(text.utf8)
        var i = 0
        func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D {
                i += 1
            }
        }
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        while true {
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "}") { return result }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let keyStart = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
            guard i < bytes.count else { return nil }
            let key = String(decoding: bytes[keyStart..<i], as: UTF8.self)
            i += 1
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            let valueStart = i
            while i < bytes.count, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}") { i += 1 }
            let valueText = String(decoding: bytes[valueStart..<i], as: UTF8.self).trimmingCharacters(in: " \t\n\r")
            if let v = Double(valueText) { result[key] = v }
        }
    }

    /// One call's usage from a Langfuse `usage_details` object, and tokens known only as part
    /// of its total. Langfuse's buckets are disjoint (`input` is the uncached part, cache reads
    /// and writes and reasoning are listed beside it) unless `total` equals input + output,
    /// which says the details are already inside them.
    static func usage(_ text: String) -> (usage: CallUsage, unsplit: Int64)? {
        guard let n = numbers(text) else { return nil }
        func first(_ keys: [String]) -> Int64 {
            for k in keys { if let v = n[k], v.isFinite, v > 0, v < 9e18 { return Int64(v) } }
            return 0
        }
        let input = first(["input", "prompt_tokens", "input_tokens"])
        let output = first(["output", "completion_tokens", "output_tokens"])
        let cacheRead = first([
            "cache_read_input_tokens", "input_cached_tokens", "input_cache_read", "cached_tokens", "cache_read",
        ])
        let cacheWrite = first([
            "cache_creation_input_tokens", "input_cache_creation", "input_cache_write", "cache_write", "cache_creation",
        ])
        let reasoning = first(["output_reasoning_tokens", "output_reasoning", "reasoning_tokens"])
        let total = first(["total", "total_tokens"])
        guard input > 0 || output > 0 || cacheRead > 0 || cacheWrite > 0 || total > 0 else { return nil }
        let disjoint = total == 0 || total != input &+ output
        let usage = CallUsage(
            input: disjoint ? input &+ cacheRead &+ cacheWrite : input, output: disjoint ? output &+ reasoning : output,
            cacheRead: cacheRead, cacheWrite: cacheWrite)
        return (usage, max(0, total &- usage.total))
    }

    /// Total cost in USD from a cost object: its `total`, else the sum of its fields.
    static func cost(_ text: String) -> Double? {
        guard let n = numbers(text), !n.isEmpty else { return nil }
        return n["total"] ?? n.values.reduce(0, +)
    }
}
