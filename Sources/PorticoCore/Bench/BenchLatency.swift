import Histogram

/// The latency figures a load test reports, read from an HdrHistogram of microseconds (three
/// significant digits: a percentile is within 0.1% of the true value).
public struct BenchLatency: Hashable, Sendable {
    public var min: Duration
    public var mean: Duration
    public var p50: Duration
    public var p90: Duration
    public var p99: Duration
    public var p999: Duration
    /// The largest latency recorded, exact.
    public var max: Duration

    public init(min: Duration, mean: Duration, p50: Duration, p90: Duration, p99: Duration, p999: Duration, max: Duration) {
        self.min = min
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
    }

    init?(_ histogram: Histogram<UInt64>) {
        guard histogram.totalCount > 0 else { return nil }
        func at(_ percentile: Double) -> Duration { .microseconds(Int64(histogram.valueAtPercentile(percentile))) }
        min = .microseconds(Int64(histogram.min))
        mean = .microseconds(Int64(histogram.mean.rounded()))
        p50 = at(50)
        p90 = at(90)
        p99 = at(99)
        p999 = at(99.9)
        max = .microseconds(Int64(histogram.maxRecorded))
    }
}

/// Latencies in microseconds, from 1 µs to an hour (a longer one is recorded as an hour).
enum LatencyHistogram {
    static let highestMicroseconds: UInt64 = 3_600_000_000

    static func empty() -> Histogram<UInt64> {
        Histogram(lowestDiscernibleValue: 1, highestTrackableValue: highestMicroseconds, numberOfSignificantValueDigits: .three)
    }

    static func record(_ latency: Duration, in histogram: inout Histogram<UInt64>) {
        let (seconds, attoseconds) = latency.components
        let microseconds = max(0, seconds) * 1_000_000 + max(0, attoseconds) / 1_000_000_000_000
        histogram.record(min(UInt64(microseconds), highestMicroseconds))
    }
}
