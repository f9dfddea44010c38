import ArgumentParser
import SpanCore

/// A number of seconds as options take it (`2`, `0.5`): finite, not negative, at most 10⁹.
struct Seconds: ExpressibleByArgument, Equatable {
    var value: Double

    init(_ value: Double) { self.value = value }

    init?(argument: String) {
        // The bound keeps the conversion to milliseconds far from Int64's end.
        guard let value = Double(argument), value.isFinite, value >= 0, value <= 1e9 else { return nil }
        self.value = value
    }

    var duration: Duration { .milliseconds(Int64(value * 1000)) }

    /// The same length for measuring against `MonotonicClock`, whole milliseconds like `duration`.
    var nanoseconds: Nanoseconds { .milliseconds(UInt64(value * 1000)) }

    var defaultValueDescription: String { value.defaultValueDescription }
}
