import Foundation
import Histogram

/// What a load test measured, once it has ended.
public struct BenchResult: Sendable {
    public var plan: BenchPlan
    /// From the first request leaving to the last one ending.
    public var elapsed: Duration
    /// Requests that ended, answered or failed.
    public var requests: Int
    /// Requests that failed (no complete response): see `errorsByKind`.
    public var errors: Int
    public var errorsByKind: [PorticoError.Kind: Int]
    /// The first message of each kind of error, to say what went wrong.
    public var errorExamples: [PorticoError.Kind: String]
    /// Responses by status code.
    public var statuses: [Int: Int]
    /// Response body bytes received (after content decoding).
    public var bytesReceived: Int
    /// Over the requests answered in full; nil when none was. Failed requests are left out: a
    /// refused connection takes microseconds and would make the server look fast.
    public var latency: BenchLatency?
    /// Stopped early (Ctrl-C, Esc): the figures cover what was sent until then.
    public var interrupted: Bool
    let histogram: Histogram<UInt64>

    public var responses: Int { requests - errors }

    /// The final figures in the form progress is reported in.
    public var progress: BenchProgress {
        BenchProgress(elapsed: elapsed, finished: requests, errors: errors, statuses: statuses, errorsByKind: errorsByKind, latency: latency, recentP99: nil)
    }

    /// Requests ended per second.
    public var throughput: Double {
        let seconds = elapsed.milliseconds / 1000
        return seconds > 0 ? Double(requests) / seconds : 0
    }

    /// One row of the latency histogram: answers whose latency lies in `lower..<upper`.
    public struct Bucket: Hashable, Sendable {
        public var lower: Duration
        public var upper: Duration
        public var count: Int
    }

    /// The answers' latencies in `rows` buckets of equal ratio from the fastest to the slowest
    /// (latencies spread over orders of magnitude; equal widths would put nearly all in one row).
    public func latencyBuckets(rows: Int) -> [Bucket] {
        guard histogram.totalCount > 0, rows > 0 else { return [] }
        let low = Double(max(1, histogram.min))
        let high = Double(max(histogram.maxRecorded, UInt64(low)))
        let rows = high > low ? rows : 1
        let step = rows > 1 ? log(high / low) / Double(rows) : 1
        func edge(_ index: Int) -> Duration {
            .microseconds(Int64((low * exp(step * Double(index))).rounded()))
        }
        var counts = [Int](repeating: 0, count: rows)
        for recorded in histogram.recordedValues() {
            let value = min(max(Double(recorded.value), low), high)
            let index = rows > 1 ? min(rows - 1, Int(log(value / low) / step)) : 0
            counts[index] += Int(recorded.count)
        }
        return (0..<rows).map { index in
            Bucket(lower: edge(index), upper: index == rows - 1 ? .microseconds(Int64(high)) : edge(index + 1), count: counts[index])
        }
    }
}
