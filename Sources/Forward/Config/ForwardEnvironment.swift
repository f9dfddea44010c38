import Foundation

/// Where forwarding settings are looked up: the process environment first, then `.env` files
/// (a later file wins over an earlier one), as the Langfuse SDK and Eigent do.
public struct ForwardEnvironment: Sendable {
    public var process: [String: String]
    /// Parsed files in increasing precedence, with the path they came from.
    public var files: [(path: String, values: [String: String])]

    public init(process: [String: String], files: [(path: String, values: [String: String])] = []) {
        self.process = process
        self.files = files
    }

    /// The value of `key`, or nil when unset or empty.
    public subscript(key: String) -> String? {
        if let v = process[key], !v.isEmpty { return v }
        for file in files.reversed() {
            if let v = file.values[key], !v.isEmpty { return v }
        }
        return nil
    }

    /// Reads the real environment plus `~/.eigent/.env` (when it exists) and `envFiles`.
    /// - Throws: `ForwardConfigurationError` when a file given explicitly cannot be read.
    public static func load(envFiles: [String], process: [String: String] = ProcessInfo.processInfo.environment)
        throws(ForwardConfigurationError) -> ForwardEnvironment
    {
        var environment = ForwardEnvironment(process: process)
        let home = process["HOME"] ?? NSHomeDirectory()
        let eigent = home + "/.eigent/.env"
        if let data = FileManager.default.contents(atPath: eigent) {
            environment.files.append((eigent, DotEnv.parse(String(decoding: data, as: UTF8.self)).values))
        }
        for path in envFiles {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ForwardConfigurationError("cannot read env file \(path)")
            }
            environment.files.append((path, DotEnv.parse(String(decoding: data, as: UTF8.self)).values))
        }
        return environment
    }
}

/// A configuration problem that stops the command (a bad URL, an unreadable file).
public struct ForwardConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
