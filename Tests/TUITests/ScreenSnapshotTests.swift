import Testing

@testable import TUI

/// Every screen on the committed fixture at 80×24 and 120×40: text and role layers.
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    /// Keys that lead to each screen from the start.
    static let screens: [(name: String, keys: [String])] = [
        ("overview", []),
        ("tasks", ["j", "j", "enter"]),
        ("workers", ["3"]),
        ("failures", ["4", "j"]),
        ("waterfall", ["4", "j", "enter"]),
        ("detail", ["4", "j", "enter", "enter"]),
        ("help", ["2", "?"]),
        ("trace-waterfall", ["2", "w"]),
        // `enter` on a workforce's root task: its tasks on one time axis, then a row per worker.
        ("timeline", ["j", "j", "enter", "enter"]),
        ("timeline-workers", ["j", "j", "enter", "enter", "v"]),
        ("timeline-halted", ["j", "j", "j", "enter", "enter"]),
        // Eigent tasks with their workers' models next to the GenAI and DSPy calls.
        ("models", ["6"]),
    ]

    @Test(arguments: screens)
    func screen(_ entry: (name: String, keys: [String])) throws {
        for (w, h) in Self.sizes {
            let harness = try TUIHarness.fixture(width: w, height: h)
            for k in entry.keys { harness.press(k) }
            assertSnapshot(harness.screen, named: "\(entry.name)-\(w)x\(h)")
        }
    }

    @Test func forwardingPanelShowsEachDestination() throws {
        for (w, h) in Self.sizes {
            let harness = try TUIHarness.fixture(width: w, height: h)
            var langfuse = DestinationStatus(
                name: "langfuse", endpoint: "https://cloud.langfuse.com/api/public/otel/v1/traces")
            langfuse.sent = 12_288
            langfuse.queued = 512
            var collector = DestinationStatus(name: "otlp", endpoint: "http://collector:4318/v1/traces")
            collector.retrying = true
            collector.dropped = 3
            collector.lastError = "HTTP 503 Service Unavailable (Retry-After 2 s)"
            harness.state.feed.destinations = [langfuse, collector]
            harness.press("5")
            assertSnapshot(harness.screen, named: "forwarding-\(w)x\(h)")
            #expect(harness.text.contains("→ langfuse 12,288 sent 512 queued"))
            #expect(harness.text.contains("last error: HTTP 503"))
        }
        let off = TUIHarness()
        off.press("5")
        #expect(off.text.contains("Forwarding is off"))
    }

    @Test func tooSmall() {
        let h = TUIHarness(width: 59, height: 20)
        #expect(h.text.contains("terminal too small: 59×20"))
        assertSnapshot(h.screen, named: "too-small-59x20")
    }

    @Test func emptyLiveStoreExplainsWhatToDo() {
        let h = TUIHarness(width: 80, height: 24, mode: .live)
        h.state.feed.receivers = ["grpc 127.0.0.1:4317 0 req", "http 127.0.0.1:4318 0 req"]
        assertSnapshot(h.screen, named: "empty-live-80x24")
        #expect(h.text.contains("waiting for spans"))
    }

    @Test func emptyStoreHasNoModels() {
        let h = TUIHarness(width: 80, height: 24, mode: .live)
        h.press("6")
        assertSnapshot(h.screen, named: "empty-models-80x24")
        #expect(h.text.contains("no model call seen yet"))
    }
}
