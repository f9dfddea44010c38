import Foundation

/// Runs blocking work on a thread of its own and awaits it without holding one of the
/// concurrency pool's threads (few on a small machine, and the gRPC receiver needs them).
enum OwnThread {
    /// - Parameters:
    ///   - body: runs on the new thread; everything it touches must be left alone meanwhile.
    static func run(name: String, _ body: @escaping () throws -> Void) async throws {
        nonisolated(unsafe) let work = body
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    try work()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = name
            thread.start()
        }
    }
}
