/// The quality score inside an Eigent error such as
/// "Task 3 failed quality check (score: 45). Issues: …".
enum QualityScore {
    static func parse(_ message: String) -> Double? {
        guard let r = message.range(of: "quality check (score: ") else { return nil }
        let digits = message[r.upperBound...].prefix { $0.isNumber || $0 == "." }
        return Double(digits)
    }
}

/// The task an Eigent log line is about: "Task X failed (attempt 1/3): …".
enum LogMention {
    static func taskID(in message: String) -> String? {
        guard let r = message.range(of: "Task ") else { return nil }
        let id = message[r.upperBound...].prefix { !$0.isWhitespace && $0 != ":" && $0 != "(" && $0 != "," }
        return id.isEmpty ? nil : String(id)
    }
}
