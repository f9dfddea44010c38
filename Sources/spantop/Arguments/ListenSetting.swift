import ArgumentParser
import Receivers

/// `--grpc` / `--http`: an address to listen on, or `off`.
enum ListenSetting: Equatable {
    case off
    case address(ListenAddress)

    /// The receiver's address, nil when it is off.
    var address: ListenAddress? {
        if case .address(let a) = self { return a }
        return nil
    }

    /// Parses `HOST:PORT`, `[v6]:PORT`, `:PORT`, `PORT` or `off`; the host defaults to
    /// 127.0.0.1, and names other than localhost are refused (nothing resolves them).
    static func parse(_ text: String) throws -> ListenSetting {
        if text.lowercased() == "off" { return .off }
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
            throw ValidationError("expected HOST:PORT (port 0-65535) or 'off'")
        }
        guard host.contains(":") || host.split(separator: ".").count == 4 else {
            throw ValidationError("expected a numeric IP address (or localhost), got '\(host)'")
        }
        return .address(ListenAddress(host: host, port: port))
    }
}
