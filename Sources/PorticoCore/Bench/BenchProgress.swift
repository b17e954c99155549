/// Where a load test stands while it runs: what a progress line or the explorer's repeat mode shows.
public struct BenchProgress: Hashable, Sendable {
    public var elapsed: Duration
    /// Requests that ended, answered or failed.
    public var finished: Int
    public var errors: Int
    public var statuses: [Int: Int]
    public var errorsByKind: [PorticoError.Kind: Int]
    /// Over every answer so far; nil before the first.
    public var latency: BenchLatency?
    /// The 99th percentile of the answers since the previous progress report; nil when none came.
    public var recentP99: Duration?

    public init(elapsed: Duration, finished: Int, errors: Int, statuses: [Int: Int], errorsByKind: [PorticoError.Kind: Int], latency: BenchLatency?, recentP99: Duration?) {
        self.elapsed = elapsed
        self.finished = finished
        self.errors = errors
        self.statuses = statuses
        self.errorsByKind = errorsByKind
        self.latency = latency
        self.recentP99 = recentP99
    }

    /// Requests ended per second so far.
    public var throughput: Double {
        let seconds = elapsed.milliseconds / 1000
        return seconds > 0 ? Double(finished) / seconds : 0
    }
}
