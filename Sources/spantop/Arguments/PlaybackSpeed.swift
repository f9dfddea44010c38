import ArgumentParser
import Recordings

/// `--speed`: a `ReplaySpeed` as the option spells it (`1`, `10x`, `max`). A wrapper rather
/// than a conformance: the parser takes a CaseIterable enum's raw value as its spelling.
struct PlaybackSpeed: ExpressibleByArgument, Equatable {
    var speed: ReplaySpeed

    init(_ speed: ReplaySpeed) { self.speed = speed }

    init?(argument: String) {
        guard let speed = ReplaySpeed(argument: argument) else { return nil }
        self.speed = speed
    }

    static var allValueStrings: [String] { ReplaySpeed.allCases.map { PlaybackSpeed($0).defaultValueDescription } }

    var defaultValueDescription: String { speed.factor.map { String(Int($0)) } ?? "max" }
}
