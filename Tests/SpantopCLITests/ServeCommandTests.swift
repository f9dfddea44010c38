import Foundation
import SpantopTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `spantop serve` as a user runs it: a real process on free loopback ports, fed by an HTTP
/// client; its recording must report exactly what the live session reported.
@Suite(.serialized)
struct ServeCommandTests {
    /// A running `spantop serve` whose stderr is collected as it arrives.
    final class Server: @unchecked Sendable {  // `errText` is guarded by `lock`; `process` is set up in init
        let process = Process()
        private let lock = NSLock()
        private var errText = ""

        init(_ arguments: [String]) throws {
            process.executableURL = ReportCommandTests.binary
            process.arguments = ["serve"] + arguments
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            err.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.lock()
                self.errText += String(decoding: data, as: UTF8.self)
                self.lock.unlock()
            }
            try process.run()
        }

        var stderr: String {
            lock.lock()
            defer { lock.unlock() }
            return errText
        }

        /// Polls stderr until `pattern` appears (bounded).
        func waitFor(_ text: String, seconds: Double = 20) -> Bool {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while Date() < deadline {
                if stderr.contains(text) { return true }
                if !process.isRunning { return stderr.contains(text) }
                Thread.sleep(forTimeInterval: 0.02)  // a real process writes when it will
            }
            return false
        }

        /// The port after `label on 127.0.0.1:` in the "listening" line.
        func port(_ label: String) -> Int? {
            guard let range = stderr.range(of: "\(label) on 127.0.0.1:") else { return nil }
            return Int(stderr[range.upperBound...].prefix { $0.isNumber })
        }

        func waitForExit(seconds: Double = 30) -> Int32? {
            let deadline = Date(timeIntervalSinceNow: seconds)
            // A real process: its exit is polled, bounded.
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning {
                process.terminate()
                return nil
            }
            return process.terminationStatus
        }
    }

    /// POSTs `body` and returns the status code (0 on a transport error).
    /// Posts every request of the `workforce-pb` fixture, in order, expecting each accepted;
    /// returns how many there were.
    @discardableResult
    static func postFixtureRequests(port: Int) throws -> Int {
        let pbDir = Fixtures.directory.appendingPathComponent("workforce-pb")
        let names = try FileManager.default.contentsOfDirectory(atPath: pbDir.path).filter { $0.hasSuffix(".pb") }
            .sorted()
        for name in names {
            #expect(post(try Data(contentsOf: pbDir.appendingPathComponent(name)), port: port) == 200)
        }
        return names.count
    }

    static func post(_ body: Data, port: Int, contentType: String = "application/x-protobuf") -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/traces")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.timeoutInterval = 10
        let done = DispatchSemaphore(value: 0)
        let status = NSLock()
        nonisolated(unsafe) var code = 0
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status.lock()
            code = (response as? HTTPURLResponse)?.statusCode ?? 0
            status.unlock()
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 15)
        status.lock()
        defer { status.unlock() }
        return code
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spantop-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func recordingReportsExactlyWhatTheLiveSessionReported() throws {
        let dir = try Self.temporaryDirectory()
        let recording = dir.appendingPathComponent("session.jsonl").path
        let reportPath = dir.appendingPathComponent("report.json").path
        let server = try Server([
            "--http", "127.0.0.1:0", "--grpc", "127.0.0.1:0", "--record", recording, "--report-json", reportPath,
            "--exit-after-idle", "2", "--status-interval", "0",
        ])
        #expect(server.waitFor("listening:"), "stderr: \(server.stderr)")
        let port = try #require(server.port("OTLP/HTTP"), "stderr: \(server.stderr)")

        try Self.postFixtureRequests(port: port)
        #expect(server.waitForExit() == 0, "exits by itself after 2 s idle; stderr: \(server.stderr)")

        let live = try String(contentsOfFile: reportPath, encoding: .utf8)
        let replayed = try ReportCommandTests.run(["report", "--json", recording])
        #expect(replayed.status == 0)
        #expect(replayed.stdout == live)
        let json = try JSONSerialization.jsonObject(with: Data(live.utf8)) as? [String: Any]
        #expect(json?["spans"] as? Int == 64)
    }

    @Test func killDashNineDuringRecordingLosesAtMostTheLastLine() throws {
        let dir = try Self.temporaryDirectory()
        let recording = dir.appendingPathComponent("session.jsonl")
        let server = try Server([
            "--http", "127.0.0.1:0", "--grpc", "off", "--record", recording.path, "--status-interval", "0",
        ])
        #expect(server.waitFor("listening:"), "stderr: \(server.stderr)")
        let port = try #require(server.port("OTLP/HTTP"), "stderr: \(server.stderr)")
        let requests = try Self.postFixtureRequests(port: port)
        // The recording is flushed at least once a second: every request's line reaches the file
        // while serve keeps running, before anything stops it.
        func lines() -> Int {
            ((try? Data(contentsOf: recording)) ?? Data()).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        let deadline = Date(timeIntervalSinceNow: 10)
        // The real process's recorder writes as soon as it is idle; the file is polled, bounded.
        while lines() < requests && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(lines() == requests)
        kill(server.process.processIdentifier, SIGKILL)
        _ = server.waitForExit()

        let whole = try ReportCommandTests.run(["report", "--json", recording.path])
        #expect(whole.status == 0)
        let spans = { (json: String) -> Int? in
            ((try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any])?["spans"] as? Int
        }
        #expect(spans(whole.stdout) == 64, "every accepted span survived kill -9")

        // A kill in the middle of a write leaves half a line: cut the file inside its last line.
        var data = try Data(contentsOf: recording)
        let lastLineStart = (data.dropLast().lastIndex(of: 0x0A) ?? -1) + 1
        let lastLine = try #require(String(data: data[lastLineStart...], encoding: .utf8))
        data = data.prefix(lastLineStart + (data.count - lastLineStart) / 2)
        try data.write(to: recording)
        let cut = try ReportCommandTests.run(["report", "--json", recording.path])
        #expect(cut.status == 0)
        #expect(cut.stderr.contains("\(recording.path):\(requests): last line is incomplete, cut short"))
        let lastSpans = lastLine.components(separatedBy: "\"spanId\"").count - 1
        #expect(spans(cut.stdout) == 64 - lastSpans, "every complete line still loads")
    }

    @Test func crossingABudgetLogsOneLineAndMarksTheReport() throws {
        let dir = try Self.temporaryDirectory()
        let reportPath = dir.appendingPathComponent("report.json").path
        let server = try Server([
            "--http", "127.0.0.1:0", "--grpc", "off", "--report-json", reportPath, "--exit-after-idle", "2",
            "--status-interval", "0", "--budget-tokens", "5000",
        ])
        #expect(server.waitFor("listening:"), "stderr: \(server.stderr)")
        let port = try #require(server.port("OTLP/HTTP"), "stderr: \(server.stderr)")
        let pbDir = Fixtures.directory.appendingPathComponent("workforce-pb")
        for name in try FileManager.default.contentsOfDirectory(atPath: pbDir.path).filter({ $0.hasSuffix(".pb") })
            .sorted()
        {
            #expect(Self.post(try Data(contentsOf: pbDir.appendingPathComponent(name)), port: port) == 200)
        }
        #expect(server.waitForExit() == 0, "stderr: \(server.stderr)")
        // proj-alpha ends at 10.3k tokens, the others under 5,000: one line, when it crossed.
        let lines = server.stderr.split(separator: "\n").filter { $0.contains("over budget") }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("spantop: over budget: project proj-alpha: tokens ") == true)
        #expect(lines.first?.hasSuffix(" > budget 5000") == true)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportPath)))
        let projects = (json as? [String: Any])?["projects"] as? [[String: Any]] ?? []
        let over = projects.filter { $0["over_budget"] as? Bool == true }.compactMap { $0["id"] as? String }
        #expect(over == ["proj-alpha"])
    }

    @Test func forwardsToASecondServeAndReportsEachDestination() throws {
        let dir = try Self.temporaryDirectory()
        let sinkReport = dir.appendingPathComponent("sink.json").path
        let relayReport = dir.appendingPathComponent("relay.json").path
        // Another spantop stands in for the destination: it counts what arrives.
        let sink = try Server([
            "--http", "127.0.0.1:0", "--grpc", "off", "--report-json", sinkReport, "--exit-after-idle", "4",
            "--status-interval", "0",
        ])
        #expect(sink.waitFor("listening:"))
        let sinkPort = try #require(sink.port("OTLP/HTTP"))
        let relay = try Server([
            "--http", "127.0.0.1:0", "--grpc", "off", "--report-json", relayReport, "--exit-after-idle", "1",
            "--status-interval", "0", "--forward", "http://127.0.0.1:\(sinkPort)/v1/traces", "--forward-header",
            "x-api-key=hidden-value",
        ])
        #expect(relay.waitFor("listening:"))
        let relayPort = try #require(relay.port("OTLP/HTTP"))
        let pbDir = Fixtures.directory.appendingPathComponent("workforce-pb")
        for name in try FileManager.default.contentsOfDirectory(atPath: pbDir.path).filter({ $0.hasSuffix(".pb") }) {
            #expect(Self.post(try Data(contentsOf: pbDir.appendingPathComponent(name)), port: relayPort) == 200)
        }
        #expect(relay.waitForExit() == 0, "stderr: \(relay.stderr)")
        #expect(sink.waitForExit() == 0, "stderr: \(sink.stderr)")

        let relayed = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: relayReport)))
        let destinations = try #require((relayed as? [String: Any])?["forwarding"] as? [[String: Any]])
        #expect(destinations.count == 1)
        #expect(destinations.first?["sent"] as? Int == 64)
        #expect(destinations.first?["dropped"] as? Int == 0)
        let received = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sinkReport)))
        #expect((received as? [String: Any])?["spans"] as? Int == 64)
        #expect(!relay.stderr.contains("hidden-value"))
        #expect(!(try String(contentsOfFile: relayReport, encoding: .utf8)).contains("hidden-value"))
    }

    @Test func portInUseIsAClearErrorWithExitStatus2() throws {
        let first = try Server(["--http", "127.0.0.1:0", "--grpc", "off", "--status-interval", "0"])
        defer { first.process.terminate() }
        #expect(first.waitFor("listening:"))
        let port = try #require(first.port("OTLP/HTTP"))
        let second = try ReportCommandTests.run(["serve", "--http", "127.0.0.1:\(port)", "--grpc", "off"])
        #expect(second.status == 2)
        #expect(second.stderr.contains("port \(port) is already in use"))
        #expect(second.stderr.contains("--http"))
    }

    @Test func sigtermShutsDownGracefullyAndWritesTheReport() throws {
        let dir = try Self.temporaryDirectory()
        let reportPath = dir.appendingPathComponent("report.json").path
        let server = try Server([
            "--http", "127.0.0.1:0", "--grpc", "off", "--report-json", reportPath, "--status-interval", "0",
        ])
        #expect(server.waitFor("listening:"))
        let port = try #require(server.port("OTLP/HTTP"))
        let line = try Data(contentsOf: Fixtures.directory.appendingPathComponent("workforce.otlp.jsonl"))
            .split(separator: 0x0A).first!
        #expect(Self.post(Data(line), port: port, contentType: "application/json") == 200)
        server.process.terminate()  // SIGTERM
        #expect(server.waitForExit() == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportPath)))
        #expect(((json as? [String: Any])?["spans"] as? Int ?? 0) > 0)
    }

    @Test func nonLoopbackWithoutTokenWarns() throws {
        let server = try Server(["--http", "0.0.0.0:0", "--grpc", "off", "--status-interval", "0"])
        defer { server.process.terminate() }
        #expect(server.waitFor("listening:"))
        #expect(server.stderr.contains("warning: --http 0.0.0.0:0 accepts spans from other machines"))
    }
}
