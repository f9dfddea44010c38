import Foundation
import Recordings
import SpanCore

/// Reading recordings for the headless commands (`report`, `diff`), the same way for both.
enum RecordingFiles {
    /// Loads `paths` into `store`: skipped-line diagnostics on stderr unless `quiet`, then how
    /// many lines were skipped.
    /// - Parameter label: names the files in that count (`diff` says which of its two it means).
    static func load(_ paths: [String], into store: TraceStore, quiet: Bool, label: String? = nil) throws(CLIError) {
        let summary: LoadSummary
        do {
            // Decoding on a second thread overlaps with ingest: ~the decode time off the wall clock.
            summary = try BackgroundLoad.load(paths, into: store) { message in
                if !quiet { FileHandle.standardError.write(Data("spantop: \(message)\n".utf8)) }
            }
        } catch {
            throw CLIError("cannot read \(error.description)")
        }
        if summary.badLines > 0 && !quiet {
            let prefix = label.map { "\($0): " } ?? ""
            FileHandle.standardError.write(
                Data("spantop: \(prefix)skipped \(summary.badLines) bad line(s) of \(summary.lines)\n".utf8))
        }
    }
}
