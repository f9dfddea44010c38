import Foundation
import Recordings
import SpanCore
import SpantopTestSupport
import Synchronization
import Testing

/// Loading with the decoder on its own thread must give the store exactly what loading on one
/// thread gives: the same batches in the same order, the same counts, the same messages.
struct BackgroundLoadTests {
    static var allFixtures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path)) ?? []
        let lines = names.filter { $0.hasSuffix(".jsonl") }.sorted().map { Fixtures.path($0) }
        let pbDir = Fixtures.directory.appendingPathComponent("workforce-pb")
        let bodies = ((try? FileManager.default.contentsOfDirectory(atPath: pbDir.path)) ?? []).sorted()
            .map { pbDir.appendingPathComponent($0).path }
        return lines + bodies
    }

    static func loadedOnOneThread(_ paths: [String]) throws -> (TraceStore, LoadSummary, [String]) {
        let store = TraceStore()
        var messages: [String] = []
        let loader = RecordingLoader(store: store) { messages.append($0) }
        for p in paths { try loader.load(path: p) }
        return (store, loader.summary, messages)
    }

    static func loadedInBackground(_ paths: [String], depth: Int) throws(LoadError) -> (
        TraceStore, LoadSummary, [String]
    ) {
        let store = TraceStore()
        let messages = Mutex<[String]>([])
        let summary = try BackgroundLoad.load(paths, into: store, queueDepth: depth) { m in
            messages.withLock { $0.append(m) }
        }
        return (store, summary, messages.withLock { $0 })
    }

    @Test(arguments: [1, 4])
    func sameReportAsLoadingOnOneThread(depth: Int) throws {
        // Every file is a batch at least (a load ends with one): four rounds of the fixtures put
        // dozens of batches, many of them duplicates, through a queue as short as one.
        let paths = Array(repeating: Self.allFixtures, count: 4).flatMap { $0 }
        #expect(paths.count > 40)
        let (expected, expectedSummary, expectedMessages) = try Self.loadedOnOneThread(paths)
        let (store, summary, messages) = try Self.loadedInBackground(paths, depth: depth)
        #expect(store.statistics.batches >= paths.count)
        #expect(store.statistics.duplicateSpans == expected.statistics.duplicateSpans)
        #expect(Report(store).json() == Report(expected).json())
        #expect(summary == expectedSummary)
        #expect(messages == expectedMessages)
    }

    @Test func badLinesAndRejectedSpansAreCountedAsOnOneThread() throws {
        let good = try String(contentsOfFile: Fixtures.path("workforce.otlp.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        // A line that is not JSON, and a span whose end precedes its start (rejected, the rest kept).
        let backwards = String(good[0]).replacingOccurrences(
            of: "\"startTimeUnixNano\":\"", with: "\"startTimeUnixNano\":\"1")
        let text = ([String(good[0]), "{not json", backwards] + good.dropFirst().map(String.init))
            .joined(separator: "\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bg-\(UUID().uuidString).jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let (expected, expectedSummary, expectedMessages) = try Self.loadedOnOneThread([path])
        let (store, summary, messages) = try Self.loadedInBackground([path], depth: 1)
        #expect(summary.badLines == 1)
        #expect(summary.rejectedSpans > 0)
        #expect(summary == expectedSummary)
        #expect(messages == expectedMessages)
        #expect(store.statistics.rejectedSpans == expected.statistics.rejectedSpans)
        #expect(Report(store).json() == Report(expected).json())
    }

    @Test func anUnreadableFileStopsTheLoadAfterTheFilesBeforeIt() throws {
        let first = Fixtures.path("diff-before.jsonl")
        let (expected, _, _) = try Self.loadedOnOneThread([first])
        let store = TraceStore()
        #expect(throws: LoadError.self) {
            _ = try BackgroundLoad.load(
                [first, "/nonexistent/spantop-missing.jsonl", Fixtures.path("workforce.otlp.jsonl")], into: store
            ) { _ in }
        }
        #expect(store.statistics.spans == expected.statistics.spans)
        #expect(Report(store).json() == Report(expected).json())
    }
}
