import Foundation
import Testing

@testable import SpanCore

struct ClockTests {
    @Test func wallClockIsUnixTime() {
        let now = WallClock.now()
        let date = Date()
        #expect(abs(now.date.timeIntervalSince(date)) < 5)
        #expect(Timestamp(date).since(now) < .seconds(5))
    }

    @Test func monotonicClockNeverGoesBack() {
        let a = MonotonicClock.now()
        let b = MonotonicClock.now()
        #expect(b >= a)
        #expect(a - b == .zero, "an interval is never negative")
    }

    @Test func durationsConvert() {
        #expect(Nanoseconds.seconds(1.5).rawValue == 1_500_000_000)
        #expect(Nanoseconds.seconds(-1) == .zero)
        #expect(Nanoseconds.milliseconds(15).seconds == 0.015)
        #expect(Nanoseconds(.milliseconds(50)) == .milliseconds(50))
        #expect(Timestamp(rawValue: 10).since(Timestamp(rawValue: 30)) == .zero)
        #expect(Nanoseconds.milliseconds(50).duration == .milliseconds(50))
        #expect(Nanoseconds(Nanoseconds.seconds(2.5).duration) == .seconds(2.5))
    }

    @Test func lengthsSubtractDownToZero() {
        #expect(Nanoseconds.seconds(3) - .seconds(1) == .seconds(2))
        #expect(Nanoseconds.seconds(1) - .seconds(3) == .zero, "a length is never negative")
    }
}
