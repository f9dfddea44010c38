import SpanCore

/// Decides which attributes are stripped before spans leave the machine (`--redact`).
///
/// Only content is stripped — prompts, completions, task descriptions, log text — so the
/// destination still gets timing, status, tokens, cost and ids. The local store is never
/// redacted: redaction builds a new batch for the exporter.
public struct Redactor: Sendable, Equatable {
    /// Attribute keys (globs) that carry user or model content: the Eigent task texts and log
    /// lines, and the message text of every family the transcript reads (`ContentKeys`).
    public static let contentKeys: [String] =
        [
            "eigent.task.description",
            "eigent.worker.role",
            "eigent.task.update.old_value",
            "eigent.task.update.new_value",
            "log.message",
        ] + ContentKeys.messageKeys.map { $0.hasSuffix(".") ? $0 + "*" : $0 }

    public let patterns: [GlobPattern]

    /// - Parameters:
    ///   - extraPatterns: more globs (`--redact-key`), matched against the whole key.
    ///   - includeContentKeys: start from `contentKeys` (what `--redact` means).
    public init(extraPatterns: [String] = [], includeContentKeys: Bool = true) {
        patterns = ((includeContentKeys ? Self.contentKeys : []) + extraPatterns).map(GlobPattern.init)
    }

    public func isRedacted(_ key: String) -> Bool {
        patterns.contains { $0.matches(key) }
    }

    /// Matches raw UTF-8 key bytes.
    public func isRedacted(_ key: UnsafeRawBufferPointer) -> Bool {
        for p in patterns where p.matches(key) { return true }
        return false
    }

    /// A copy of `batch` without the redacted attributes; `batch` itself is left as it is.
    public func redact(_ batch: SpanBatch) -> SpanBatch {
        var out = SpanBatch()
        out.appendSpans(of: batch, batch.spans.indices, redactor: self)
        return out
    }
}
