/// A failure inside one JSON line, with the path to where it happened.
///
/// The path is built while the error unwinds (each level prefixes its key or index), so the
/// success path never pays for it.
struct JSONFailure: Error {
    /// Where the failure happened, e.g. `resourceSpans[0].scopeSpans[1].spans[3].traceId`.
    var path: String = ""
    var message: String

    init(_ message: String) { self.message = message }

    /// The same failure, one object key further out.
    func under(_ key: String) -> JSONFailure {
        var f = self
        if path.isEmpty {
            f.path = key
        } else if path.hasPrefix("[") {
            f.path = key + path
        } else {
            f.path = key + "." + path
        }
        return f
    }

    /// The same failure, one array element further out.
    func under(index: Int) -> JSONFailure {
        var f = self
        f.path = path.isEmpty || path.hasPrefix("[") ? "[\(index)]" + path : "[\(index)]." + path
        return f
    }

    var wireError: WireError {
        WireError(path.isEmpty ? message : "\(path): \(message)")
    }
}
