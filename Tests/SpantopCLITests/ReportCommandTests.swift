import Foundation
import SpantopTestSupport
import Testing

/// Runs the real `spantop` binary, as a user would.
struct ReportCommandTests {
    static let binary: URL = {
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test runner lives inside the .xctest bundle or next to the products.
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("spantop").path), dir.path != "/"
        {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("spantop")
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryFile(_ name: String, _ contents: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spantop-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }

    @Test func missingFileExitsWithStatus2AndSaysWhy() throws {
        let r = try Self.run(["report", "/nonexistent/trace.jsonl"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/nonexistent/trace.jsonl: no such file"))
        #expect(r.stdout.isEmpty)
    }

    @Test func tableShowsProjectsAndFailedTasks() throws {
        let r = try Self.run(["report", Fixtures.path("workforce.otlp.jsonl")])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Project proj-beta"))
        #expect(r.stdout.contains("7: 1 pending, 3 running, 2 completed, 1 failed"))
        #expect(r.stdout.contains("pytest exited with code 1"))
    }

    @Test func failedListsErrorsWithTheirLogLines() throws {
        let r = try Self.run(["report", "--failed", Fixtures.path("workforce.otlp.jsonl")])
        #expect(r.status == 0)
        #expect(r.stdout.contains("1767265200000-5932.2"))
        #expect(r.stdout.contains("[critical] Task 1767265200000-5932.2 has failed for 3 times"))
        #expect(r.stdout.contains("(attempt 2/3)"))
    }

    @Test func badLinesAreReportedWithTheirNumberAndSkipped() throws {
        var text = try String(
            contentsOf: Fixtures.directory.appendingPathComponent("workforce.otlp.jsonl"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines.insert("{\"resourceSpans\": [ this is not json", at: 1)
        lines.append(String(lines[2].prefix(40)))  // a recording cut short: no newline after it
        text = lines.joined(separator: "\n")
        let path = try Self.temporaryFile("mixed.jsonl", Data(text.utf8))
        let r = try Self.run(["report", "--json", path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("\(path):2: "))
        #expect(r.stderr.contains("last line is incomplete"))
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["spans"] as? Int == 64, "everything else still loads")
    }

    @Test func gzipRecordingsLoad() throws {
        let plain = try Data(contentsOf: Fixtures.directory.appendingPathComponent("workforce.otlp.jsonl"))
        let path = try Self.temporaryFile("rec.jsonl", plain)
        let gz = Process()
        gz.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gz.arguments = ["gzip", "-f", path]
        try gz.run()
        gz.waitUntilExit()
        let r = try Self.run(["report", "--json", path + ".gz"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["spans"] as? Int == 64)
    }

    @Test func pricingOverrideChangesCost() throws {
        let pricing = try Self.temporaryFile(
            "pricing.toml", Data("[models.\"gpt-4o\"]\ninput = 1000\noutput = 1000\n".utf8))
        let r = try Self.run([
            "report", "--json", "--pricing", pricing, Fixtures.path("workforce.otlp.jsonl"),
        ])
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let genai = (json?["projects"] as? [[String: Any]])?.first { $0["id"] as? String == "conv-genai-1" }
        #expect(genai?["cost_usd"] as? Double == 2.018)
        let bad = try Self.temporaryFile("bad.toml", Data("[models.x]\ninput = cheap\n".utf8))
        let b = try Self.run([
            "report", "--pricing", bad, Fixtures.path("workforce.otlp.jsonl"),
        ])
        #expect(b.status == 2)
        #expect(b.stderr.contains("line 2"))
    }
}

@Suite struct InteractiveCommandTests {
    @Test func withoutATerminalTheTUIPointsToReportAndServe() throws {
        let fixture = Fixtures.path("workforce.otlp.jsonl")
        for args in [["replay", fixture], ["demo"]] {
            let r = try ReportCommandTests.run(args)
            #expect(r.status == 2)
            #expect(r.stderr.contains("no terminal"))
            #expect(r.stderr.contains("spantop report"))
        }
    }

    @Test func badSpeedAndUnknownThemeAreUsageErrors() throws {
        let fixture = Fixtures.path("workforce.otlp.jsonl")
        let speed = try ReportCommandTests.run(["replay", "--speed", "3", fixture])
        #expect(speed.status != 0)
        #expect(speed.stderr.contains("The value '3' is invalid for '--speed <speed>'"))
        #expect(speed.stderr.contains("- max"), "the message lists the speeds")
    }
}
