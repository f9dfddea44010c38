import ArgumentParser
import Receivers
import Recordings

/// Options of every command that runs the live OTLP receivers (`serve`, the live TUI).
struct ReceiverOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "OTLP/gRPC listen address, or 'off' (default: 127.0.0.1:4317).",
            discussion: "Loopback unless told otherwise.", valueName: "host:port"),
        transform: ListenSetting.parse)
    var grpc: ListenSetting?

    @Option(
        help: ArgumentHelp("OTLP/HTTP listen address, or 'off' (default: 127.0.0.1:4318).", valueName: "host:port"),
        transform: ListenSetting.parse)
    var http: ListenSetting?

    @Option(
        help: ArgumentHelp(
            "Require 'Authorization: Bearer TOKEN' (HTTP) or the same gRPC metadata.", valueName: "token"))
    var authToken: String?

    @Option(
        help: ArgumentHelp(
            "Largest OTLP/HTTP request body after decompression (bytes; K, M, G suffixes allowed).",
            valueName: "size"))
    var maxBody = ByteSize(bytes: 20 << 20)

    @Option(help: ArgumentHelp("Largest OTLP/gRPC request message (bytes; K, M, G suffixes).", valueName: "size"))
    var maxGrpcMessage = ByteSize(bytes: 16 << 20)

    @Option(help: ArgumentHelp("Append every accepted request to this file as OTLP JSON lines.", valueName: "file"))
    var record: String?

    func validate() throws {
        if let authToken, authToken.isEmpty { throw ValidationError("--auth-token must not be empty") }
        for (flag, size) in [("--max-body", maxBody), ("--max-grpc-message", maxGrpcMessage)] {
            // The receivers count bytes in 32 bits.
            guard size.bytes > 0, size.bytes <= Int(Int32.max) else {
                throw ValidationError("\(flag) must be at least 1 byte and under 2G, got \(size)")
            }
        }
        _ = try configuration()
    }

    /// The receivers' configuration these options describe; addresses not given on the command
    /// line come from `defaults` (the standard ports, or the demo's ephemeral HTTP port).
    /// - Throws: `ValidationError` when both receivers end up off.
    func configuration(defaults: LiveReceiverConfiguration = LiveReceiverConfiguration()) throws
        -> LiveReceiverConfiguration
    {
        var configuration = defaults
        if let grpc { configuration.grpc = grpc.address }
        if let http { configuration.http = http.address }
        if let authToken { configuration.authToken = authToken }
        configuration.httpOptions.maxBodyBytes = maxBody.bytes
        configuration.grpcOptions.maxMessageBytes = maxGrpcMessage.bytes
        if configuration.grpc == nil && configuration.http == nil {
            throw ValidationError("--grpc off and --http off leave nothing to receive spans")
        }
        return configuration
    }

    /// The `--record` file opened for appending, or nil without one.
    func makeRecorder() throws(CLIError) -> Recorder? {
        do {
            return try record.map { path throws(RecorderError) in try Recorder(path: path) }
        } catch {
            throw CLIError(error)
        }
    }

    /// Warnings to print before starting: receivers reachable from other machines without a token.
    func warnings(_ configuration: LiveReceiverConfiguration) -> [String] {
        guard configuration.authToken == nil else { return [] }
        return [("--grpc", configuration.grpc), ("--http", configuration.http)].compactMap { flag, address in
            guard let address, !address.isLoopback else { return nil }
            return "warning: \(flag) \(address) accepts spans from other machines without authentication; "
                + "set --auth-token TOKEN or bind 127.0.0.1"
        }
    }
}
