import NIOCore
import NIOPosix

/// Runs the gRPC server's tasks on SwiftNIO's event loops instead of the concurrency pool.
///
/// Every call hands bytes from the connection's event loop to its handler task and the reply
/// back (grpc-swift bridges them with async sequences): on the pool that is a thread wake-up
/// and a cache-cold core per hop, several per call. A job enqueued from an event loop thread
/// runs on that same loop, so a call stays on its connection's thread from request to reply;
/// jobs from elsewhere (timers, the first accept) go to the group's next loop.
final class EventLoopTaskExecutor: TaskExecutor {
    /// For the transport's group, NIO's singleton (the HTTP receiver's loops too).
    static let transport = EventLoopTaskExecutor(group: .singleton)

    private let group: MultiThreadedEventLoopGroup
    /// The group's loops: a job enqueued on another group's loop (a client's, say) is not kept there.
    private let loops: Set<ObjectIdentifier>

    init(group: MultiThreadedEventLoopGroup) {
        self.group = group
        loops = Set(group.makeIterator().map { ObjectIdentifier($0) })
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let current = MultiThreadedEventLoopGroup.currentEventLoop
        let loop = current.flatMap { loops.contains(ObjectIdentifier($0)) ? $0 : nil } ?? group.next()
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension OTLPGRPCServer {
    /// The executor `start` serves on; `spantop-bench grpc-sink` serves on it too.
    public static var taskExecutor: any TaskExecutor { EventLoopTaskExecutor.transport }
}
