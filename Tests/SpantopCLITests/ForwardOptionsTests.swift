import Forward
import Foundation
import Testing

@testable import spantop

@Suite struct ForwardOptionsTests {
    /// Parses `arguments` and builds the configuration against a fake environment.
    func configure(_ arguments: [String], env: [String: String] = ["HOME": "/nonexistent"]) throws -> (
        ForwarderConfiguration?, [String]
    ) {
        let options = try ForwardOptions.parse(arguments)
        var notices: [String] = []
        let config = try options.makeConfiguration(environment: env) { notices.append($0) }
        return (config, notices)
    }

    @Test func noFlagsMeansNoForwarding() throws {
        let (config, notices) = try configure([])
        #expect(config == nil && notices.isEmpty)
    }

    @Test func missingLangfuseKeysLeaveForwardingOffWithOneLine() throws {
        let (config, notices) = try configure(
            ["--forward-langfuse"], env: ["HOME": "/nonexistent", "LANGFUSE_PUBLIC_KEY": "pk"])
        #expect(config == nil)
        #expect(notices.count == 1)
        #expect(notices.first?.contains("LANGFUSE_SECRET_KEY is not set") == true)
    }

    @Test func langfuseFromAnEnvFileAndOtherDestinations() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("spantop-\(UUID()).env")
        try
            "export LANGFUSE_PUBLIC_KEY=pk-lf-1\nLANGFUSE_SECRET_KEY='sk-lf-2'\nLANGFUSE_BASE_URL=http://localhost:3000\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (config, notices) = try configure([
            "--forward-langfuse", "--env-file", file.path, "--forward", "http://127.0.0.1:4318",
            "--forward-header", "X-Org=acme", "--forward-queue", "100", "--forward-drain-timeout", "2.5", "--redact",
            "--redact-key", "customer.*",
        ])
        #expect(notices.isEmpty)
        let c = try #require(config)
        #expect(
            c.destinations.map(\.endpoint) == [
                "http://localhost:3000/api/public/otel/v1/traces", "http://127.0.0.1:4318/v1/traces",
            ])
        #expect(c.destinations[1].headers.map(\.name) == ["X-Org"])
        #expect(c.settings.queueCapacity == 100)
        #expect(c.drainTimeout == .milliseconds(2500))
        #expect(c.redactor?.isRedacted("customer.email") == true && c.redactor?.isRedacted("log.message") == true)
    }

    @Test func otelEnvironment() throws {
        let (config, _) = try configure(
            ["--forward-otel"],
            env: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_EXPORTER_OTLP_HEADERS": "api-key=x%2Cy",
            ])
        let d = try #require(config?.destinations.first)
        #expect(d.endpoint == "http://collector:4318/v1/traces")
        #expect(d.headers.map { "\($0.name)=\($0.value.revealed)" } == ["api-key=x,y"])
    }

    @Test func badInputIsAnError() {
        #expect(throws: (any Error).self) { try configure(["--forward", "localhost:4318"]) }
        #expect(throws: (any Error).self) { try configure(["--forward", "http://x", "--forward-header", "novalue"]) }
        #expect(throws: (any Error).self) { try configure(["--forward-langfuse", "--env-file", "/nonexistent.env"]) }
        #expect(throws: (any Error).self) { try ForwardOptions.parse(["--forward-queue", "0"]) }
    }

    @Test func redactKeyAloneKeepsTheDefaultContent() throws {
        let (config, _) = try configure(["--forward", "http://x:1", "--redact-key", "customer.*"])
        #expect(config?.redactor?.isRedacted("customer.id") == true)
        #expect(config?.redactor?.isRedacted("log.message") == false)
    }
}
