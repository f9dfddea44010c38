import ServiceLifecycle

/// The receivers as a service: they already listen (`LivePipeline.start`); on shutdown this
/// stops them first, so the store's owner, stopped next, drains everything they accepted.
struct ReceiverStop: Service {
    let pipeline: LivePipeline

    func run() async throws {
        // Cancellation (a service failed) stops them just the same.
        try? await gracefulShutdown()
        await pipeline.stopReceivers()
    }
}
