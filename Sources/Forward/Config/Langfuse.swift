import Foundation

/// The Langfuse destination: its OTLP endpoint and Basic auth from the SDK's variables.
public enum Langfuse {
    public static let publicKeyVariable = "LANGFUSE_PUBLIC_KEY"
    public static let secretKeyVariable = "LANGFUSE_SECRET_KEY"
    public static let baseURLVariable = "LANGFUSE_BASE_URL"
    /// The older name; `LANGFUSE_BASE_URL` wins when both are set.
    public static let hostVariable = "LANGFUSE_HOST"
    public static let defaultBaseURL = "https://cloud.langfuse.com"
    /// Asks Langfuse to process spans as they arrive rather than in its batch pipeline.
    public static let ingestionVersion = "4"

    /// Builds the destination from `environment`.
    /// - Returns: the destination, or a one-line reason forwarding stays off (missing keys).
    /// - Throws: when the base URL is not an http(s) URL.
    public static func destination(from environment: ForwardEnvironment) throws(ForwardConfigurationError)
        -> Result<Destination, MissingSetting>
    {
        let missing = [publicKeyVariable, secretKeyVariable].filter { environment[$0] == nil }
        if !missing.isEmpty { return .failure(MissingSetting(variables: missing)) }
        let base = environment[baseURLVariable] ?? environment[hostVariable] ?? defaultBaseURL
        let endpoint = try OTLPEndpoint.appending("api/public/otel/v1/traces", to: base)
        let credentials = Data("\(environment[publicKeyVariable]!):\(environment[secretKeyVariable]!)".utf8)
        return .success(
            Destination(
                name: "langfuse", endpoint: endpoint,
                headers: [
                    ("Authorization", SecretValue("Basic " + credentials.base64EncodedString())),
                    ("x-langfuse-ingestion-version", SecretValue(ingestionVersion)),
                ]))
    }
}

/// Variables a destination needs and does not have; forwarding to it stays off.
public struct MissingSetting: Error, Sendable, Equatable, CustomStringConvertible {
    public var variables: [String]

    /// The one line printed when `--forward-langfuse` cannot be honoured.
    public var description: String {
        let names = variables.joined(separator: " and ")
        let verb = variables.count == 1 ? "is" : "are"
        return
            "forwarding to Langfuse is off: \(names) \(verb) not set (environment, ~/.eigent/.env or --env-file)"
    }
}
