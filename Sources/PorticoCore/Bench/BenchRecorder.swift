import Foundation
import Histogram

/// What a load test has measured so far: shared by its workers, read for progress while it runs.
final class BenchRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies = LatencyHistogram.empty()
    /// The answers since the last progress report, for the latest latency.
    private var recent = LatencyHistogram.empty()
    private var statuses: [Int: Int] = [:]
    private var errorsByKind: [PorticoError.Kind: Int] = [:]
    private var errorExamples: [PorticoError.Kind: String] = [:]
    private var bytes = 0
    private var finished = 0
    private var errors = 0
    let start: ContinuousClock.Instant

    init(start: ContinuousClock.Instant) {
        self.start = start
    }

    /// One request ended: with a whole response (`error` nil), or not.
    func record(status: Int?, error: PorticoError?, latency: Duration, bytes received: Int) {
        lock.withLock {
            finished += 1
            if let error {
                errors += 1
                errorsByKind[error.kind, default: 0] += 1
                if errorExamples[error.kind] == nil { errorExamples[error.kind] = error.message }
                return
            }
            if let status { statuses[status, default: 0] += 1 }
            bytes += received
            LatencyHistogram.record(latency, in: &latencies)
            LatencyHistogram.record(latency, in: &recent)
        }
    }

    /// Where the run stands; starts a new interval for `recentP99`.
    func progress() -> BenchProgress {
        lock.withLock {
            defer { recent.reset() }
            return BenchProgress(
                elapsed: start.duration(to: .now), finished: finished, errors: errors, statuses: statuses, errorsByKind: errorsByKind,
                latency: BenchLatency(latencies), recentP99: recent.totalCount > 0 ? .microseconds(Int64(recent.valueAtPercentile(99))) : nil)
        }
    }

    func result(plan: BenchPlan, interrupted: Bool) -> BenchResult {
        lock.withLock {
            BenchResult(
                plan: plan, elapsed: start.duration(to: .now), requests: finished, errors: errors, errorsByKind: errorsByKind,
                errorExamples: errorExamples, statuses: statuses, bytesReceived: bytes, latency: BenchLatency(latencies),
                interrupted: interrupted, histogram: latencies)
        }
    }
}
