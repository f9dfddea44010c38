import Foundation

/// The committed fixtures in `Tests/Fixtures` (emitted by the real OpenTelemetry SDK; see
/// `scripts/make-fixtures.sh`) and the fuzz findings kept as regression inputs.
public enum Fixtures {
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The path of the fixture file `name`.
    public static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The protobuf request bodies the OTLP/HTTP exporter sent for the fixtures, in order.
    public static func protobufRequests() throws -> [[UInt8]] {
        let dir = directory.appendingPathComponent("workforce-pb")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".pb") }
            .sorted()
        return try names.map { Array(try Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    /// The fixtures as OTLP JSON lines, one request per line.
    public static func jsonLines() throws -> [[UInt8]] {
        let data = try Data(contentsOf: directory.appendingPathComponent("workforce.otlp.jsonl"))
        return data.split(separator: 0x0A).map { [UInt8]($0) }.filter { !$0.isEmpty }
    }

    /// An input a fuzz target found, from `Fuzz/Findings`.
    public static func fuzzFinding(_ name: String) throws -> [UInt8] {
        let root = directory.deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: root.appendingPathComponent("Fuzz/Findings/\(name)")))
    }
}
