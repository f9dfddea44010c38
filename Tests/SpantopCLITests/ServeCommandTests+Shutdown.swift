import Foundation
import Testing

/// How `spantop serve` stops on signals: everything accepted reaches the store, the recording
/// and the forwarder before the report is written; a second signal does not wait.
// In ServeCommandTests' serialized suite: these tests block a thread while they poll, and two
// such suites side by side would hold every thread of a small machine's concurrency pool.
extension ServeCommandTests {

    @Test func sigintDrainsRecordsAndForwardsBeforeTheReport() throws {
        let dir = try Self.temporaryDirectory()
        let sinkReport = dir.appendingPathComponent("sink.json").path
        let relayReport = dir.appendingPathComponent("relay.json").path
        let recording = dir.appendingPathComponent("relay.jsonl").path
        let sink = try Server([
            "--http", "127.0.0.1:0", "--grpc", "off", "--report-json", sinkReport, "--status-interval", "0",
        ])
        defer { if sink.process.isRunning { sink.process.terminate() } }
        #expect(sink.waitFor("listening:"))
        let sinkPort = try #require(sink.port("OTLP/HTTP"))
        let relay = try Server([
            "--http", "127.0.0.1:0", "--grpc", "off", "--report-json", relayReport, "--record", recording,
            "--status-interval", "0", "--forward", "http://127.0.0.1:\(sinkPort)/v1/traces",
        ])
        #expect(relay.waitFor("listening:"))
        let relayPort = try #require(relay.port("OTLP/HTTP"))
        try Self.postFixtureRequests(port: relayPort)

        kill(relay.process.processIdentifier, SIGINT)
        #expect(relay.waitForExit() == 0, "stderr: \(relay.stderr)")
        #expect(relay.stderr.contains("spantop: forward "), "stderr: \(relay.stderr)")
        sink.process.terminate()
        #expect(sink.waitForExit() == 0, "stderr: \(sink.stderr)")

        let spans = { (json: Data) -> Int? in
            ((try? JSONSerialization.jsonObject(with: json)) as? [String: Any])?["spans"] as? Int
        }
        let live = try Data(contentsOf: URL(fileURLWithPath: relayReport))
        #expect(spans(live) == 64)
        let replayed = try ReportCommandTests.run(["report", "--json", recording])
        #expect(spans(Data(replayed.stdout.utf8)) == 64, "the recording was closed after the last drain")
        let relayed = try JSONSerialization.jsonObject(with: live) as? [String: Any]
        let destinations = try #require(relayed?["forwarding"] as? [[String: Any]])
        #expect(destinations.first?["sent"] as? Int == 64, "the forwarder drained after the last batches")
        #expect(spans(try Data(contentsOf: URL(fileURLWithPath: sinkReport))) == 64)
    }

    @Test func aSecondSignalWhileShuttingDownExitsAtOnceWith130() throws {
        let dir = try Self.temporaryDirectory()
        let reportPath = dir.appendingPathComponent("report.json").path
        // Nothing listens on port 1: the forwarder retries until its 60 s drain timeout.
        let server = try Server([
            "--http", "127.0.0.1:0", "--grpc", "off", "--report-json", reportPath, "--status-interval", "0",
            "--forward", "http://127.0.0.1:1/v1/traces", "--forward-drain-timeout", "60",
        ])
        #expect(server.waitFor("listening:"))
        let port = try #require(server.port("OTLP/HTTP"))
        try Self.postFixtureRequests(port: port)

        // Signals sent together may arrive as one; keep sending until the process is gone.
        let deadline = Date(timeIntervalSinceNow: 10)
        while server.process.isRunning && Date() < deadline {
            kill(server.process.processIdentifier, SIGINT)
            Thread.sleep(forTimeInterval: 0.1)  // a real process and real signals
        }
        #expect(server.waitForExit(seconds: 1) == 130, "stderr: \(server.stderr)")
        #expect(!FileManager.default.fileExists(atPath: reportPath))
    }
}
