/// How a load test sends: how many requests or for how long, how many at once, and at what pace.
public struct BenchPlan: Hashable, Sendable {
    /// Stop after this many requests (nil: no count limit).
    public var count: Int?
    /// Stop scheduling requests after this long (nil: no time limit). With a count too, whichever
    /// is reached first ends the run.
    public var duration: Duration?
    /// How many requests may be in flight at once.
    public var concurrency: Int
    /// Requests per second, open loop: request i is due at start + i / rate whether or not earlier
    /// ones have been answered, and its latency is measured from that moment, so a server that
    /// stalls is charged for the requests it kept waiting (no coordinated omission). Nil: each
    /// worker sends its next request as soon as the last one is answered (closed loop).
    public var rate: Double?

    public static let maximumConcurrency = 1000
    /// The run a bench without -n or --duration gets, as wrk does.
    public static let defaultDuration = Duration.seconds(10)

    public init(count: Int? = nil, duration: Duration? = nil, concurrency: Int = 1, rate: Double? = nil) {
        self.count = count
        self.duration = duration
        self.concurrency = concurrency
        self.rate = rate
    }

    /// A plan from the command line's values; an input error names the value that is wrong.
    public static func make(count: Int?, duration: String?, concurrency: Int?, rate: Double?) throws(PorticoError) -> BenchPlan {
        if let count, count < 1 { throw .input("-n must be 1 or more requests (got \(count))") }
        if let concurrency, !(1...maximumConcurrency).contains(concurrency) {
            throw .input("-c must be 1 to \(maximumConcurrency) requests at once (got \(concurrency))")
        }
        if let rate, !(rate > 0 && rate <= 1_000_000) { throw .input("--rate must be more than 0 and at most 1000000 requests per second") }
        let limit = try duration.map { text throws(PorticoError) in try DurationText.parse(text) }
        return BenchPlan(count: count, duration: limit ?? (count == nil ? defaultDuration : nil), concurrency: concurrency ?? 1, rate: rate)
    }

    /// How many workers to start: never more than there are requests to send.
    var workers: Int { min(concurrency, count ?? concurrency) }
}
