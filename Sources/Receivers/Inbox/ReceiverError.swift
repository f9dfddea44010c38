#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a receiver could not start.
public enum ReceiverError: Error, CustomStringConvertible {
    /// The listening address could not be bound; `flag` is the option that changes it.
    case bindFailed(address: String, flag: String, underlying: any Error)

    public var description: String {
        switch self {
        case .bindFailed(let address, let flag, let underlying):
            let text = "\(underlying)"
            let port = address.split(separator: ":").last.map(String.init) ?? address
            if text.contains("in use") || text.contains("EADDRINUSE") || text.contains("errno: \(EADDRINUSE)") {
                return "port \(port) is already in use (\(address)); choose another with \(flag) HOST:PORT, "
                    + "or \(flag) off to disable this receiver"
            }
            return "cannot listen on \(address) (\(text)); change it with \(flag) HOST:PORT or \(flag) off"
        }
    }
}

/// Formatting of receiver addresses for people: `127.0.0.1:4318`, `[::1]:4318`.
public enum ReceiverAddress {
    public static func format(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
