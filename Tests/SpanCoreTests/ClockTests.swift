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
        #expect(Timestamp.epoch + .seconds(3) - .seconds(5) == .epoch, "no time before the epoch")
        #expect(Nanoseconds.seconds(2).scaled(by: 1.5) == .seconds(3))
        #expect(Nanoseconds.seconds(2).scaled(by: -1) == .zero)
        #expect(Nanoseconds.milliseconds(90).minutes == 0.0015)
    }

    @Test func anUnsetWireTimeIsUnknown() {
        #expect(Timestamp.epoch.ifSet == nil, "OTLP's 0 means not set")
        #expect(Timestamp(unixNanoseconds: 5).ifSet == Timestamp(unixNanoseconds: 5))
    }

    @Test func unknownTimesSortLast() {
        let early = Timestamp(unixNanoseconds: 10)
        let late = Timestamp(unixNanoseconds: 20)
        let sorted = [nil, late, early, nil].sorted { TimeOrder($0) < TimeOrder($1) }
        #expect(sorted == [early, late, nil, nil])
        #expect(!(TimeOrder(nil) < TimeOrder(nil)))
    }
}
