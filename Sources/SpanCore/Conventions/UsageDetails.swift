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

    /// Input, output and total tokens from a usage object.
    static func tokens(_ text: String) -> (input: Int64, output: Int64, total: Int64?)? {
        guard let n = numbers(text) else { return nil }
        let input = n["input"] ?? n["prompt_tokens"] ?? n["input_tokens"] ?? 0
        let output = n["output"] ?? n["completion_tokens"] ?? n["output_tokens"] ?? 0
        let total = n["total"] ?? n["total_tokens"]
        guard input > 0 || output > 0 || (total ?? 0) > 0 else { return nil }
        return (Int64(input), Int64(output), total.map { Int64($0) })
    }

    /// Total cost in USD from a cost object: its `total`, else the sum of its fields.
    static func cost(_ text: String) -> Double? {
        guard let n = numbers(text), !n.isEmpty else { return nil }
        return n["total"] ?? n.values.reduce(0, +)
    }
}
