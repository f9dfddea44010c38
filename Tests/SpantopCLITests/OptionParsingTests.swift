import ArgumentParser
import Receivers
import Testing

@testable import spantop

/// Options typed once by the parser, with the parser's own errors for bad values.
@Suite struct OptionParsingTests {
    /// What the user would read on stderr for `arguments`.
    func message<C: ParsableCommand>(_ command: C.Type, _ arguments: [String]) -> String? {
        do {
            _ = try command.parse(arguments)
            return nil
        } catch {
            return command.fullMessage(for: error)
        }
    }

    @Test func sizesTakeSuffixesAndShowTheirDefaultsAsWritten() throws {
        let r = try ReceiverOptions.parse(["--max-body", "512k", "--max-grpc-message", "1MiB"])
        #expect(r.maxBody.bytes == 512 << 10 && r.maxGrpcMessage.bytes == 1 << 20)
        #expect(try ReceiverOptions.parse([]).configuration().httpOptions.maxBodyBytes == 20 << 20)
        #expect(ServeCommand.helpMessage(columns: 200).contains("(default: 20M)"))
        let bad = message(ServeCommand.self, ["--max-body", "20Q"])
        #expect(bad?.contains("The value '20Q' is invalid for '--max-body <size>'") == true, "\(bad ?? "")")
        let big = message(ServeCommand.self, ["--max-grpc-message", "2G"])
        #expect(big?.contains("--max-grpc-message must be at least 1 byte and under 2G, got 2G") == true)
        #expect(message(ServeCommand.self, ["--max-body", "0"]) != nil)
    }

    @Test func listenAddressesAndOff() throws {
        func address(_ text: String) throws -> ListenAddress? {
            try ReceiverOptions.parse(["--http", text, "--grpc", "127.0.0.1:0"]).configuration().http
        }
        #expect(try address("0.0.0.0:4318") == ListenAddress(host: "0.0.0.0", port: 4318))
        #expect(try address("[::1]:9") == ListenAddress(host: "::1", port: 9))
        #expect(try address(":0") == ListenAddress(host: "127.0.0.1", port: 0))
        #expect(try address("4318") == ListenAddress(host: "127.0.0.1", port: 4318))
        #expect(try address("localhost:1") == ListenAddress(host: "127.0.0.1", port: 1))
        #expect(try address("off") == nil)
        let name = message(ServeCommand.self, ["--http", "example.com:80"])
        #expect(name?.contains("'--http <host:port>': expected a numeric IP address (or localhost)") == true)
        let port = message(ServeCommand.self, ["--grpc", "127.0.0.1:70000"])
        #expect(port?.contains("The value '127.0.0.1:70000' is invalid for '--grpc <host:port>'") == true)
        let none = message(ServeCommand.self, ["--grpc", "off", "--http", "off"])
        #expect(none?.contains("leave nothing to receive spans") == true)
    }

    @Test func replaySpeedIsOneOfTheSteps() throws {
        #expect(try ReplayCommand.parse(["--speed", "10x", "a.jsonl"]).speed.speed == .x10)
        #expect(try ReplayCommand.parse(["--speed", "max", "a.jsonl"]).speed.speed == .max)
        #expect(try ReplayCommand.parse(["a.jsonl"]).speed.speed == .x1)
        #expect(ReplayCommand.helpMessage(columns: 200).contains("(values: 1, 2, 5, 10, 100, max; default: 1)"))
        let bad = message(ReplayCommand.self, ["--speed", "3", "a.jsonl"])
        #expect(bad?.contains("The value '3' is invalid for '--speed <speed>'") == true, "\(bad ?? "")")
    }

    @Test func secondsAreFiniteAndNotNegative() throws {
        let serve = try ServeCommand.parse(["--exit-after-idle", "2.5", "--status-interval", "0"])
        #expect(serve.exitAfterIdle?.duration == .milliseconds(2500))
        #expect(serve.statusInterval.value == 0)
        #expect(message(ServeCommand.self, ["--exit-after-idle", "0"])?.contains("must be positive") == true)
        for bad in ["nan", "inf", "1e300", "-1", "soon"] {
            #expect(message(ServeCommand.self, ["--status-interval=\(bad)"]) != nil, "\(bad)")
            #expect(message(ServeCommand.self, ["--forward-drain-timeout=\(bad)"]) != nil, "\(bad)")
        }
    }
}
