import Foundation
import Testing

@testable import TUI

/// Compares a screen's text and role layers with the stored snapshot next to this file.
/// `RECORD_SNAPSHOTS=1` rewrites the snapshots, and that run fails so it is never mistaken
/// for a passing one.
func assertSnapshot(_ screen: Screen, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let actual =
        screen.textLines.map { "|" + $0 + "|" }.joined(separator: "\n") + "\n-- roles --\n"
        + screen.roleLines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no snapshot \(name): run with RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let first = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    Issue.record(
        """
        snapshot \(name) differs at line \(first + 1):
          expected: \(first < e.count ? String(e[first]) : "(end)")
          actual:   \(first < a.count ? String(a[first]) : "(end)")
        whole screen:
        \(actual)
        """, sourceLocation: sourceLocation)
}
