import NIOCore
import NIOPosix

/// Runs the gRPC server's tasks on SwiftNIO's event loops instead of the concurrency pool.
///
/// Every call hands bytes from the connection's event loop to its handler task and the reply
/// back (grpc-swift bridges them with async sequences): on the pool that is a thread wake-up
/// and a cache-cold core per hop, several per call. A job enqueued from an event loop thread
/// runs on that same loop, so a call stays on its connection's thread from request to reply;
/// jobs from elsewhere (timers, the first accept) go to the group's next loop.
public final class EventLoopTaskExecutor: TaskExecutor {
    /// On NIO's singleton group: the gRPC transport's loops (and the HTTP receiver's).
    /// `spantop-bench`'s gRPC sink and client run on it too.
    public static let singleton = EventLoopTaskExecutor(group: .singleton)

    private let group: MultiThreadedEventLoopGroup
    /// The group's loops: a job enqueued on another group's loop (a client's, say) is not kept there.
    private let loops: Set<ObjectIdentifier>

    init(group: MultiThreadedEventLoopGroup) {
        self.group = group
        loops = Set(group.makeIterator().map { ObjectIdentifier($0) })
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let current = MultiThreadedEventLoopGroup.currentEventLoop
        let loop = current.flatMap { loops.contains(ObjectIdentifier($0)) ? $0 : nil } ?? group.next()
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
