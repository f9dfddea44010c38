import Foundation
import SpanCore

/// How persistently one exporter retries a request: exponential backoff with jitter, capped,
/// and a limit after which the request is given up.
///
/// The defaults follow the OpenTelemetry Collector's exporter helper (start around a second,
/// double, cap at 30 s, stop after 5 minutes), so spantop behaves like the rest of a pipeline.
public struct RetryPolicy: Sendable, Equatable {
    /// Delay before the first retry (before jitter).
    public var initialDelay: Nanoseconds
    /// Each further retry waits this many times longer.
    public var multiplier: Double
    /// No computed or server-requested delay is longer than this.
    public var maxDelay: Nanoseconds
    /// Relative spread of the random jitter: 0.2 means ±20% around the computed delay.
    public var jitter: Double
    /// Give up once this much time has passed since the first attempt (nil: never).
    public var maxElapsed: Nanoseconds?
    /// Give up after this many attempts in total (nil: no limit).
    public var maxAttempts: Int?

    public init(
        initialDelay: Nanoseconds = .seconds(1), multiplier: Double = 2, maxDelay: Nanoseconds = .seconds(30),
        jitter: Double = 0.2, maxElapsed: Nanoseconds? = .seconds(300), maxAttempts: Int? = nil
    ) {
        self.initialDelay = initialDelay
        self.multiplier = max(1, multiplier)
        self.maxDelay = maxDelay
        self.jitter = min(max(0, jitter), 1)
        self.maxElapsed = maxElapsed
        self.maxAttempts = maxAttempts
    }

    public static let `default` = RetryPolicy()

    /// The delay before retry number `retry` (1 for the first retry), without jitter, capped.
    public func baseDelay(retry: Int) -> Nanoseconds {
        let initial = initialDelay.seconds
        let cap = maxDelay.seconds
        // Bound the exponent so pow cannot overflow to infinity on long outages.
        let exponent = Double(min(max(retry - 1, 0), 64))
        let seconds = min(initial * pow(multiplier, exponent), cap)
        return .seconds(seconds)
    }

    /// `baseDelay(retry:)` spread by ±`jitter` using `random`, never above `maxDelay`.
    public func delay(retry: Int, using random: inout some RandomNumberGenerator) -> Nanoseconds {
        let base = baseDelay(retry: retry).seconds
        guard jitter > 0, base > 0 else { return .seconds(base) }
        // One draw mapped onto [0, 1) by hand: Double.random(in:using:) may draw again and
        // again, which a scripted test generator would never satisfy.
        let unit = Double(random.next() >> 11) * 0x1p-53
        let factor = 1 - jitter + 2 * jitter * unit
        return .seconds(min(base * factor, maxDelay.seconds))
    }
}
