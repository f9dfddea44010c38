/// A failure that ends the command with `spantop: error: …` on stderr and exit status 2
/// (unreadable input, a port in use, no terminal). `Spantop.main` maps it: ArgumentParser
/// alone would print `Error: …` and exit with 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String

    init(_ message: String) { description = message }

    /// Another layer's error, in its own words.
    init(_ error: any Error) { description = "\(error)" }
}
