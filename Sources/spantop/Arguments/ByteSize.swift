import ArgumentParser

/// A size in bytes as options take it: `20971520`, `20M`, `20MiB`, `512k` (powers of 1024).
struct ByteSize: ExpressibleByArgument, Equatable, CustomStringConvertible {
    var bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        var digits = argument.lowercased()
        for suffix in ["ib", "b"] where digits.hasSuffix(suffix) { digits.removeLast(suffix.count) }
        var scale = 1
        if let last = digits.last, let power = Self.powers[last] {
            scale = 1 << power
            digits.removeLast()
        }
        guard let value = Int(digits), value >= 0 else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        self.bytes = bytes
    }

    private static let powers: [Character: Int] = ["k": 10, "m": 20, "g": 30]

    /// The largest suffix that divides it evenly: `20M`, `512K`, `1000`.
    var description: String {
        for (suffix, power) in [("G", 30), ("M", 20), ("K", 10)] where bytes > 0 && bytes % (1 << power) == 0 {
            return "\(bytes >> power)\(suffix)"
        }
        return String(bytes)
    }

    var defaultValueDescription: String { description }
}
