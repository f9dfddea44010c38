import Foundation
import Testing

@testable import Forward

@Suite struct LangfuseConfigTests {
    let keys = ["LANGFUSE_PUBLIC_KEY": "pk-lf-1", "LANGFUSE_SECRET_KEY": "sk-lf-TOPSECRET"]

    @Test func defaultsToLangfuseCloud() throws {
        let d = try Langfuse.destination(from: ForwardEnvironment(process: keys)).get()
        #expect(d.endpoint == "https://cloud.langfuse.com/api/public/otel/v1/traces")
        #expect(d.name == "langfuse")
        let auth = d.headers.first { $0.name == "Authorization" }?.value.revealed
        #expect(auth == "Basic " + Data("pk-lf-1:sk-lf-TOPSECRET".utf8).base64EncodedString())
        #expect(d.headers.contains { $0.name == "x-langfuse-ingestion-version" && $0.value.revealed == "4" })
    }

    @Test func baseURLWinsOverTheOlderHost() throws {
        var env = ForwardEnvironment(process: keys)
        env.process["LANGFUSE_HOST"] = "http://old:3000"
        #expect(try Langfuse.destination(from: env).get().endpoint == "http://old:3000/api/public/otel/v1/traces")
        env.process["LANGFUSE_BASE_URL"] = "http://localhost:3000/"
        #expect(try Langfuse.destination(from: env).get().endpoint == "http://localhost:3000/api/public/otel/v1/traces")
    }

    @Test func keysMayComeFromEnvFiles() throws {
        let env = ForwardEnvironment(process: [:], files: [("~/.eigent/.env", keys)])
        #expect(throws: Never.self) { try Langfuse.destination(from: env).get() }
    }

    @Test func missingKeysNameTheVariable() throws {
        let none = try Langfuse.destination(from: ForwardEnvironment(process: [:]))
        #expect(
            none.failure?.description
                == "forwarding to Langfuse is off: LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY are not set (environment, ~/.eigent/.env or --env-file)"
        )
        let noSecret = try Langfuse.destination(from: ForwardEnvironment(process: ["LANGFUSE_PUBLIC_KEY": "pk"]))
        #expect(noSecret.failure?.variables == ["LANGFUSE_SECRET_KEY"])
        #expect(noSecret.failure?.description.contains("LANGFUSE_SECRET_KEY is not set") == true)
    }

    @Test func theSecretNeverShowsInDescriptionsOrStatus() throws {
        let d = try Langfuse.destination(from: ForwardEnvironment(process: keys)).get()
        let status = Exporter(destination: d).status
        var dumped = ""
        dump(d, to: &dumped)
        let encodedSecret = Data("pk-lf-1:sk-lf-TOPSECRET".utf8).base64EncodedString()
        for text in [
            "\(d)", String(reflecting: d), dumped, d.displayEndpoint, "\(status)", status.summary,
            String(reflecting: status),
        ] {
            #expect(!text.contains("TOPSECRET") && !text.contains(encodedSecret), "\(text)")
        }
    }

    @Test func rejectsANonHTTPBaseURL() {
        var env = ForwardEnvironment(process: keys)
        env.process["LANGFUSE_BASE_URL"] = "cloud.langfuse.com"
        #expect(throws: ForwardConfigurationError.self) { try Langfuse.destination(from: env) }
    }
}

@Suite struct OTLPEndpointTests {
    @Test func tracesEndpointIsUsedAsIs() throws {
        let env = ForwardEnvironment(process: [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/custom/path",
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://ignored:4318",
        ])
        #expect(try OTLPEndpoint.otelDestination(from: env).endpoint == "http://collector:4318/custom/path")
    }

    @Test func genericEndpointGetsTheSignalPath() throws {
        for base in ["http://collector:4318", "http://collector:4318/"] {
            let env = ForwardEnvironment(process: ["OTEL_EXPORTER_OTLP_ENDPOINT": base])
            #expect(try OTLPEndpoint.otelDestination(from: env).endpoint == "http://collector:4318/v1/traces")
        }
        let langfuseStyle = ForwardEnvironment(process: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "https://cloud.langfuse.com/api/public/otel"
        ])
        #expect(
            try OTLPEndpoint.otelDestination(from: langfuseStyle).endpoint
                == "https://cloud.langfuse.com/api/public/otel/v1/traces")
        #expect(
            try OTLPEndpoint.otelDestination(from: ForwardEnvironment(process: [:])).endpoint
                == OTLPEndpoint.defaultEndpoint)
    }

    @Test func headersAreCommaSeparatedAndPercentDecoded() throws {
        let env = ForwardEnvironment(process: [
            "OTEL_EXPORTER_OTLP_HEADERS": " Authorization=Basic%20abc%3D%3D , x-tenant = acme,,",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "X-Tenant=override",
        ])
        let headers = try OTLPEndpoint.otelDestination(from: env).headers.map { "\($0.name)=\($0.value.revealed)" }
        #expect(headers == ["Authorization=Basic abc==", "X-Tenant=override"])
    }

    @Test func badHeaderListsDoNotEchoValues() {
        do {
            _ = try OTLPEndpoint.parseHeaders("Authorization: Bearer hunter2", source: "OTEL_EXPORTER_OTLP_HEADERS")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func forwardURLWithoutPathGetsTheTracesPath() throws {
        #expect(
            try OTLPEndpoint.destination(url: "http://127.0.0.1:4318", headers: []).endpoint
                == "http://127.0.0.1:4318/v1/traces")
        let d = try OTLPEndpoint.destination(url: "https://tempo.example/otlp/v1/traces", headers: [])
        #expect(d.endpoint == "https://tempo.example/otlp/v1/traces")
        #expect(d.name == "tempo.example")
        #expect(throws: ForwardConfigurationError.self) { try OTLPEndpoint.destination(url: "ftp://x", headers: []) }
    }

    @Test func forwardHeaderIsNameEqualsValue() throws {
        let h = try OTLPEndpoint.parseHeader("X-Api-Key=a=b")
        #expect(h.name == "X-Api-Key" && h.value.revealed == "a=b")
        #expect(throws: ForwardConfigurationError.self) { try OTLPEndpoint.parseHeader("novalue") }
        #expect(throws: ForwardConfigurationError.self) { try OTLPEndpoint.parseHeader("bad name=x") }
    }

    @Test func displayEndpointHidesUserInfoAndQuery() {
        let d = Destination(name: "x", endpoint: "https://user:pw@host:4318/v1/traces?token=abc")
        #expect(d.displayEndpoint == "https://host:4318/v1/traces")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
