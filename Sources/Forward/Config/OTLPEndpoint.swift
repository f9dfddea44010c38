import Foundation

/// Endpoint and header conventions of OTLP/HTTP exporters, so `--forward` and `--forward-otel`
/// behave like every other OpenTelemetry SDK.
public enum OTLPEndpoint {
    public static let tracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
    public static let endpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT"
    public static let headersVariable = "OTEL_EXPORTER_OTLP_HEADERS"
    public static let tracesHeadersVariable = "OTEL_EXPORTER_OTLP_TRACES_HEADERS"
    /// The specification's default when neither endpoint variable is set.
    public static let defaultEndpoint = "http://localhost:4318/v1/traces"

    /// `--forward-otel`: the traces endpoint is used as-is; the generic one gets `/v1/traces`.
    public static func otelDestination(from environment: ForwardEnvironment) throws(ForwardConfigurationError)
        -> Destination
    {
        let endpoint: String
        if let traces = environment[tracesEndpointVariable] {
            endpoint = try validated(traces)
        } else if let base = environment[endpointVariable] {
            endpoint = try appending("v1/traces", to: base)
        } else {
            endpoint = defaultEndpoint
        }
        // The signal-specific list overrides the generic one key by key.
        var headers = try parseHeaders(environment[headersVariable] ?? "", source: headersVariable)
        for (name, value) in try parseHeaders(environment[tracesHeadersVariable] ?? "", source: tracesHeadersVariable) {
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        return Destination(name: "otel", endpoint: endpoint, headers: headers)
    }

    /// `--forward URL`: used as-is, except that a URL with no path gets `/v1/traces` (people
    /// pass a Collector's `http://host:4318`).
    public static func destination(url: String, headers: [(name: String, value: SecretValue)])
        throws(ForwardConfigurationError) -> Destination
    {
        var endpoint = try validated(url)
        let components = URLComponents(string: endpoint)
        if let path = components?.path, path.isEmpty || path == "/" {
            endpoint = try appending("v1/traces", to: endpoint)
        }
        let host = components.flatMap { c in c.host.map { h in c.port.map { "\(h):\($0)" } ?? h } } ?? "otlp"
        return Destination(name: host, endpoint: endpoint, headers: headers)
    }

    /// `base` + `/` + `path`, without doubling the slash.
    public static func appending(_ path: String, to base: String) throws(ForwardConfigurationError) -> String {
        let base = try validated(base)
        return (base.hasSuffix("/") ? base : base + "/") + path
    }

    /// One `--forward-header K=V`.
    public static func parseHeader(_ text: String) throws(ForwardConfigurationError) -> (
        name: String, value: SecretValue
    ) {
        guard let eq = text.firstIndex(of: "=") else {
            throw ForwardConfigurationError("--forward-header must be NAME=VALUE")
        }
        let name = text[..<eq].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else {
            throw ForwardConfigurationError("--forward-header: invalid header name \"\(keyPart(of: text))\"")
        }
        return (name, SecretValue(String(text[text.index(after: eq)...])))
    }

    /// `OTEL_EXPORTER_OTLP_HEADERS`: comma-separated `key=value`, each part percent-decoded,
    /// whitespace around parts ignored (the SDK specification's format).
    public static func parseHeaders(_ list: String, source: String) throws(ForwardConfigurationError) -> [(
        name: String, value: SecretValue
    )] {
        var headers: [(name: String, value: SecretValue)] = []
        for (index, part) in list.split(separator: ",").enumerated() {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            guard let eq = item.firstIndex(of: "=") else {
                // Not echoed: without `=` the whole entry might be a credential.
                throw ForwardConfigurationError("\(source): entry \(index + 1) is not key=value")
            }
            let key = item[..<eq].trimmingCharacters(in: .whitespaces)
            let rawValue = item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard let name = key.removingPercentEncoding, !name.isEmpty, name.allSatisfy(isTokenCharacter),
                let value = rawValue.removingPercentEncoding
            else {
                throw ForwardConfigurationError("\(source): invalid header \"\(keyPart(of: item))\"")
            }
            headers.append((name, SecretValue(value)))
        }
        return headers
    }

    /// Only the part before `=`, so an error message never echoes a header value.
    private static func keyPart(of text: String) -> String {
        String(text.prefix { $0 != "=" })
    }

    private static func validated(_ url: String) throws(ForwardConfigurationError) -> String {
        let url = url.trimmingCharacters(in: .whitespaces)
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = c.host, !host.isEmpty
        else {
            throw ForwardConfigurationError(
                "not an http(s) URL: \(Destination(name: "", endpoint: url).displayEndpoint)")
        }
        return url
    }

    /// RFC 9110 token characters, what a header name may contain.
    private static func isTokenCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "!#$%&'*+-.^_`|~".contains(c))
    }
}
