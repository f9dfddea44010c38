import GRPCNIOTransportHTTP2Posix
import NIOCore

extension OTLPGRPCConfiguration {
    /// The HTTP/2 transport's settings for these limits; `spantop-bench grpc-sink` serves with
    /// the same ones, so its figures are this receiver's transport.
    public var transportConfig: HTTP2ServerTransport.Posix.Config {
        .defaults { config in
            config.compression.enabledAlgorithms = .all
            // Twice the cap, so a message just over it reaches the service and is answered
            // RESOURCE_EXHAUSTED; beyond that the transport resets the stream (UNAVAILABLE).
            let (doubled, overflow) = maxMessageBytes.multipliedReportingOverflow(by: 2)
            config.rpc.maxRequestPayloadSize = overflow ? Int.max : doubled
            config.connection.maxIdleTime = maxIdleTime
            // The transport's default 64 KiB stream window makes every 512-span request
            // (~180 KiB) wait for window updates; give each stream room for a whole batch.
            config.http2.targetWindowSize = 8 << 20
            config.http2.maxFrameSize = 1 << 20
            config.http2.maxConcurrentStreams = 256
            let handshake = handshakeTimeout
            config.channelDebuggingCallbacks.onAcceptTCPConnection = { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Reads of up to 1 MiB (NIO's default stops at 64 KiB): a ~180 KiB request
                    // arrives in one or two reads, not three or more partial DATA frames, each
                    // appended to the message buffer and passed down the stream's pipeline.
                    try channel.syncOptions?.setOption(
                        .recvAllocator,
                        value: AdaptiveRecvByteBufferAllocator(minimum: 1024, initial: 64 << 10, maximum: 1 << 20))
                    try channel.pipeline.syncOperations.addHandler(
                        HandshakeDeadlineHandler(timeout: handshake), position: .first)
                }
            }
        }
    }
}
