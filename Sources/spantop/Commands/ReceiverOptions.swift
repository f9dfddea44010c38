import ArgumentParser
import Ingest

/// Options of every command that runs the live OTLP receivers (`serve`, the live TUI).
struct ReceiverOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "OTLP/gRPC listen address, or 'off' (default: 127.0.0.1:4317).",
            discussion: "Loopback unless told otherwise.", valueName: "host:port"))
    var grpc: String?

    @Option(
        help: ArgumentHelp("OTLP/HTTP listen address, or 'off' (default: 127.0.0.1:4318).", valueName: "host:port"))
    var http: String?

    @Option(
        help: ArgumentHelp(
            "Require 'Authorization: Bearer TOKEN' (HTTP) or the same gRPC metadata.", valueName: "token"))
    var authToken: String?

    @Option(
        help: ArgumentHelp(
            "Largest OTLP/HTTP request body after decompression (bytes; K, M, G suffixes allowed).",
            valueName: "size"))
    var maxBody = "20M"

    @Option(help: ArgumentHelp("Largest OTLP/gRPC request message (bytes; K, M, G suffixes).", valueName: "size"))
    var maxGrpcMessage = "16M"

    @Option(help: ArgumentHelp("Append every accepted request to this file as OTLP JSON lines.", valueName: "file"))
    var record: String?

    func validate() throws {
        _ = try configuration()
    }

    /// The receivers' configuration these options describe; addresses not given on the command
    /// line come from `defaults` (the standard ports, or the demo's ephemeral HTTP port).
    func configuration(defaults: LiveReceiverConfiguration = LiveReceiverConfiguration()) throws
        -> LiveReceiverConfiguration
    {
        var configuration = defaults
        if let grpc { configuration.grpc = try Self.address(grpc, flag: "--grpc") }
        if let http { configuration.http = try Self.address(http, flag: "--http") }
        if let authToken {
            guard !authToken.isEmpty else { throw ValidationError("--auth-token must not be empty") }
            configuration.authToken = authToken
        }
        configuration.httpOptions.maxBodyBytes = try Self.size(maxBody, flag: "--max-body")
        configuration.grpcOptions.maxMessageBytes = try Self.size(maxGrpcMessage, flag: "--max-grpc-message")
        if configuration.grpc == nil && configuration.http == nil {
            throw ValidationError("--grpc off and --http off leave nothing to receive spans")
        }
        return configuration
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

    /// Parses `HOST:PORT`, `[v6]:PORT`, `:PORT`, `PORT` or `off`.
    static func address(_ text: String, flag: String) throws -> ListenAddress? {
        if text.lowercased() == "off" { return nil }
        var host = "127.0.0.1"
        var portText = text
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = String(text[text.index(after: close)...].dropFirst())
        } else if let colon = text.lastIndex(of: ":") {
            let given = String(text[..<colon])
            if !given.isEmpty { host = given }
            portText = String(text[text.index(after: colon)...])
        }
        if host == "localhost" { host = "127.0.0.1" }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("\(flag) expects HOST:PORT or 'off', got '\(text)'")
        }
        guard host.contains(":") || host.split(separator: ".").count == 4 else {
            throw ValidationError("\(flag) expects a numeric IP address (or localhost), got '\(host)'")
        }
        return ListenAddress(host: host, port: port)
    }

    /// Parses `20971520`, `20M`, `20MiB`, `512k`.
    static func size(_ text: String, flag: String) throws -> Int {
        var digits = text.lowercased()
        for suffix in ["ib", "b"] where digits.hasSuffix(suffix) { digits.removeLast(suffix.count) }
        var scale = 1
        if let last = digits.last, let power = ["k": 10, "m": 20, "g": 30][String(last)] {
            scale = 1 << power
            digits.removeLast()
        }
        guard let value = Int(digits), value > 0, value <= Int(Int32.max) / scale else {
            throw ValidationError("\(flag) expects a size such as 20M or 1048576, got '\(text)'")
        }
        return value * scale
    }
}
