import Foundation
import NIOCore
import SpantopTestSupport
import Testing

@testable import Receivers

/// Bytes through NIO's HTTP pipeline and our handler on an `EmbeddedChannel`.
struct OTLPHTTPHandlerTests {
    @Test func protobufFixturesAreAcceptedOnOneKeepAliveConnection() throws {
        let http = try EmbeddedHTTP()
        for body in TestData.fixtureBodies {
            let responses = try http.exchange(EmbeddedHTTP.request(body, path: "/api/public/otel/v1/traces"))
            #expect(responses.map(\.status) == [200])
            #expect(responses.first?.headers["content-type"] == "application/x-protobuf")
            #expect(responses.first?.body == [], "a full success is an empty ExportTraceServiceResponse")
        }
        #expect(http.channel.isActive)
        #expect(http.drainedSpans() == TestData.fixtureSpanCount)
        let stats = http.stats.snapshot
        #expect(stats.requests == TestData.fixtureBodies.count && stats.acceptedSpans == TestData.fixtureSpanCount)
    }

    @Test func jsonFixturesAreAcceptedAndAnsweredInJSON() throws {
        let http = try EmbeddedHTTP()
        for line in TestData.fixtureJSONLines {
            let responses = try http.exchange(EmbeddedHTTP.request(line, contentType: "application/json"))
            #expect(responses.map(\.status) == [200])
            #expect(responses.first?.text == "{}")
        }
        #expect(http.drainedSpans() == TestData.fixtureSpanCount)
    }

    @Test func gzipProtobufIsAccepted() throws {
        let http = try EmbeddedHTTP()
        let body = TestData.generatedBody(spans: 200)
        let responses = try http.exchange(
            EmbeddedHTTP.request(TestZlib.gzip(body), headers: ["Content-Encoding: gzip"]))
        #expect(responses.map(\.status) == [200])
        #expect(http.drainedSpans() == 200)
    }

    @Test func garbageBytesAre400WithAStatusBodyAndTheConnectionStaysUsable() throws {
        let http = try EmbeddedHTTP()
        let garbage = (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let bad = try http.exchange(EmbeddedHTTP.request(garbage))
        #expect(bad.map(\.status) == [400])
        #expect(bad.first?.body.isEmpty == false, "google.rpc.Status with a message")
        let good = try http.exchange(EmbeddedHTTP.request(TestData.fixtureBodies[0]))
        #expect(good.map(\.status) == [200])
        #expect(http.stats.snapshot.failedRequests == 1)
    }

    @Test func truncatedProtobufIs400AndNothingIsKept() throws {
        let http = try EmbeddedHTTP()
        let body = TestData.generatedBody(spans: 20)
        let responses = try http.exchange(EmbeddedHTTP.request(Array(body.prefix(body.count - 5))))
        #expect(responses.map(\.status) == [400])
        #expect(http.drainedSpans() == 0)
    }

    @Test func invalidJSONIs400InJSON() throws {
        let http = try EmbeddedHTTP()
        let responses = try http.exchange(
            EmbeddedHTTP.request(Array(#"{"resourceSpans": [{"scopeSpans": [}"#.utf8), contentType: "application/json"))
        #expect(responses.map(\.status) == [400])
        let status = try JSONSerialization.jsonObject(with: Data(responses[0].body)) as? [String: Any]
        #expect(status?["code"] as? Int == 3)
        #expect((status?["message"] as? String)?.isEmpty == false)
    }

    @Test func wrongContentTypeIs415() throws {
        let http = try EmbeddedHTTP()
        let responses = try http.exchange(EmbeddedHTTP.request(TestData.fixtureBodies[0], contentType: "text/plain"))
        #expect(responses.map(\.status) == [415])
        #expect(http.drainedSpans() == 0)
    }

    @Test func otherPathsAndMethodsAre404And405() throws {
        let http = try EmbeddedHTTP()
        #expect(try http.exchange(EmbeddedHTTP.request([], path: "/v1/logs")).map(\.status) == [404])
        let get = try http.exchange(EmbeddedHTTP.request([], method: "GET"))
        #expect(get.map(\.status) == [405])
        #expect(get.first?.headers["allow"] == "POST")
    }

    @Test func partialSuccessReportsRejectedSpans() throws {
        let http = try EmbeddedHTTP()
        let responses = try http.exchange(EmbeddedHTTP.request(TestData.bodyWithOneInvalidSpan()))
        #expect(responses.map(\.status) == [200])
        #expect(responses.first?.body.isEmpty == false, "partial_success is set")
        var rejected = 0
        var spans = 0
        http.inbox.drain {
            rejected += $0.rejectedSpans
            spans += $0.batch.spans.count
        }
        #expect(rejected == 1 && spans == 2)
    }

    @Test func bodyOverTheCapIs413AndCloses() throws {
        var configuration = OTLPHTTPConfiguration()
        configuration.maxBodyBytes = 1024
        let http = try EmbeddedHTTP(configuration: configuration)
        let responses = try http.exchange(EmbeddedHTTP.request(TestData.generatedBody(spans: 20)))
        #expect(responses.map(\.status) == [413])
        #expect(responses.first?.headers["connection"] == "close")
        http.channel.embeddedEventLoop.advanceTime(by: .seconds(3))
        #expect(!http.channel.isActive)
    }

    @Test func gzipBombIs413() throws {
        let http = try EmbeddedHTTP()
        let bomb = TestData.gzipBomb(size: 100 << 20)
        let responses = try http.exchange(EmbeddedHTTP.request(bomb, headers: ["Content-Encoding: gzip"]))
        #expect(responses.map(\.status) == [413])
        #expect(http.drainedSpans() == 0)
    }

    @Test func fullInboxIs503WithRetryAfterAndNothingIsLost() throws {
        let http = try EmbeddedHTTP(inboxCapacity: 100)
        let body = TestData.generatedBody(spans: 80)
        #expect(try http.exchange(EmbeddedHTTP.request(body)).map(\.status) == [200])
        let busy = try http.exchange(EmbeddedHTTP.request(body))
        #expect(busy.map(\.status) == [503])
        #expect(busy.first?.headers["retry-after"] == "1")
        #expect(http.drainedSpans() == 80, "the accepted request is intact")
        #expect(try http.exchange(EmbeddedHTTP.request(body)).map(\.status) == [200], "the retry succeeds")
        #expect(http.stats.snapshot.refusedRequests == 1)
    }

    @Test func idleConnectionsAreClosedAfterTheIdleTimeout() throws {
        var configuration = OTLPHTTPConfiguration()
        configuration.idleTimeout = .seconds(10)
        let http = try EmbeddedHTTP(configuration: configuration)
        #expect(try http.exchange(EmbeddedHTTP.request(TestData.fixtureBodies[0])).map(\.status) == [200])
        http.channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(http.channel.isActive)
        http.channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!http.channel.isActive)
    }

    @Test func slowClientsGet408AndAreClosed() throws {
        var configuration = OTLPHTTPConfiguration()
        configuration.requestTimeout = .seconds(5)
        let http = try EmbeddedHTTP(configuration: configuration)
        let request = EmbeddedHTTP.request(TestData.generatedBody(spans: 10))
        try http.send(Array(request.prefix(request.count - 10)))  // the body never completes
        http.channel.embeddedEventLoop.advanceTime(by: .seconds(6))
        let responses = EmbeddedHTTP.parse(try http.written())
        #expect(responses.first?.status == 408)
        http.channel.embeddedEventLoop.advanceTime(by: .seconds(3))
        #expect(!http.channel.isActive)
        #expect(http.drainedSpans() == 0)
    }

    @Test func malformedHTTPIs400() throws {
        let http = try EmbeddedHTTP()
        try? http.send(Array("NOT HTTP AT ALL\r\n\r\n".utf8))
        let responses = EmbeddedHTTP.parse(try http.written())
        #expect(responses.map(\.status) == [400])
    }
}
