import Foundation
import OTLPWire
import SpanCore

/// `spantop-bench soak`: sends Eigent-shaped workforce runs to a running `spantop serve` at a
/// steady rate for a long time, samples the server's resident memory every 2 s, and checks it
/// stays flat once the span cap is first reached (within `tolerance`, plus `slackBytes`).
enum SoakLoad {
    struct Options {
        var host = "127.0.0.1"
        var port = 4318
        /// The server's process id, whose `/proc/PID/status` is sampled.
        var pid: Int32 = 0
        var rate = 40_000
        var spans = 10_000_000
        var cap = 150_000
        /// 0: every workforce run has new project, task, trace and span ids; N: the same N runs
        /// (same ids) are sent over and over.
        var repeatEvery = 0
        /// Projects the runs are spread over; by default each run has its own (a long session).
        var projects = 1 << 40
        var batch = 512
        var tolerance = 0.10
        var slackBytes = 8 << 20
        var samplesPath: String?
    }

    struct Sample {
        var seconds: Double
        var sent: Int
        var rss: Int
    }

    /// Runs the soak; false when the server fell behind, refused requests or grew.
    static func run(_ o: Options) -> Bool {
        var source = BenchData(batchSpans: o.batch, projects: o.projects, repeatEvery: o.repeatEvery)
        var http = HTTPLoad.Options()
        http.host = o.host
        http.port = o.port
        let client = HTTPWorker(options: http, set: nil, sender: 0)
        let ids = o.repeatEvery == 0 ? "new ids every run" : "the same \(o.repeatEvery) runs repeated"
        print("soak: \(o.spans) spans at \(o.rate)/s to \(o.host):\(o.port), \(ids); server pid \(o.pid), cap \(o.cap)")
        var samples: [Sample] = []
        var sent = 0
        var failures = 0
        let start = MonotonicClock.now()
        func elapsed() -> Double { (MonotonicClock.now() - start).seconds }
        var nextSample = 0.0
        while sent < o.spans {
            let body = ProtobufEncoder.encode(source.nextBatch())
            guard client.post(body) == 200 else {
                failures += 1
                if failures > 20 { break }
                continue
            }
            sent += o.batch
            let due = Double(sent) / Double(o.rate)
            let now = elapsed()
            if now >= nextSample {
                let s = Sample(seconds: now, sent: sent, rss: residentBytes(of: String(o.pid)))
                samples.append(s)
                print(
                    "  \(format(s.seconds, 0)) s  \(format(Double(s.sent))) spans  RSS \(format(Double(s.rss) / 1e6, 1)) MB"
                )
                nextSample += 2
            }
            if due > now { usleep(useconds_t((due - now) * 1e6)) }
        }
        // Let the last batches drain, then a final sample.
        sleep(2)
        samples.append(Sample(seconds: elapsed(), sent: sent, rss: residentBytes(of: String(o.pid))))
        if let path = o.samplesPath {
            let rows = samples.map { "\(format($0.seconds, 1))\t\($0.sent)\t\($0.rss)" }
            try? ("seconds\tsent\trss_bytes\n" + rows.joined(separator: "\n") + "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        return verdict(samples, sent: sent, seconds: elapsed(), failures: failures, o)
    }

    static func verdict(_ samples: [Sample], sent: Int, seconds: Double, failures: Int, _ o: Options) -> Bool {
        let rate = Double(sent) / seconds
        print(
            "sent \(format(Double(sent))) spans in \(format(seconds, 1)) s = \(format(rate)) spans/s, \(failures) failed requests"
        )
        var ok = failures == 0 && sent >= o.spans && rate >= Double(o.rate) * 0.95
        guard let atCap = samples.first(where: { $0.sent >= o.cap }) else {
            print("FAIL: the cap was never reached")
            return false
        }
        let after = samples.filter { $0.seconds >= atCap.seconds }
        let peak = after.map(\.rss).max() ?? atCap.rss
        let limit = Int(Double(atCap.rss) * (1 + o.tolerance)) + o.slackBytes
        let last = samples.last!.rss
        print(
            "RSS when the cap was reached (\(format(atCap.seconds, 0)) s): \(format(Double(atCap.rss) / 1e6, 1)) MB; "
                + "peak after: \(format(Double(peak) / 1e6, 1)) MB; last: \(format(Double(last) / 1e6, 1)) MB; "
                + "limit \(format(Double(limit) / 1e6, 1)) MB")
        if peak > limit {
            print("FAIL: resident memory grew past the limit")
            ok = false
        }
        if rate < Double(o.rate) * 0.95 { print("FAIL: the server or the sender could not keep the rate") }
        print(ok ? "PASS" : "FAIL")
        return ok
    }
}
