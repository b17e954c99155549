import Foundation
import PorticoCore

/// A load test's result as text for people: the request, throughput, latency percentiles, status
/// and error counts, and the latencies drawn as a histogram of block characters.
enum BenchReport {
    /// The rows of the histogram and the widest bar, in cells.
    static let histogramRows = 10
    static let barWidth = 40

    static func text(_ result: BenchResult, request: ResolvedRequest, masker: SecretMasker) -> String {
        var lines = ["\(request.method.rawValue) \(masker.mask(request.url.absoluteString))"]
        let plan = result.plan
        var pace = "concurrency \(plan.concurrency)"
        if let rate = plan.rate { pace += ", rate \(number(rate))/s open loop (latency from when each request was due)" }
        lines.append("  \(result.requests) requests in \(DurationText.describe(result.elapsed)), \(pace)\(result.interrupted ? ", stopped early" : "")")
        let seconds = result.elapsed.milliseconds / 1000
        let bytesPerSecond = seconds > 0 ? Double(result.bytesReceived) / seconds : 0
        lines.append("  throughput  \(number(result.throughput)) requests/s, \(bytes(bytesPerSecond))/s received")
        if let latency = result.latency {
            let figures = [("p50", latency.p50), ("p90", latency.p90), ("p99", latency.p99), ("p99.9", latency.p999), ("max", latency.max)]
            lines.append("  latency     " + figures.map { "\($0.0) \(milliseconds($0.1))" }.joined(separator: "   ") + "   (mean \(milliseconds(latency.mean)))")
        } else {
            lines.append("  latency     no request was answered")
        }
        let statuses = result.statuses.sorted { $0.key < $1.key }.map { "\($0.key) × \($0.value)" }
        lines.append("  status      " + (statuses.isEmpty ? "none" : statuses.joined(separator: "   ")))
        if result.errors == 0 {
            lines.append("  errors      none")
        } else {
            lines.append("  errors      \(result.errors)")
            for (kind, count) in result.errorsByKind.sorted(by: { $0.value > $1.value }) {
                lines.append("    \(kind.rawValue) × \(count): \(masker.mask(result.errorExamples[kind] ?? ""))")
            }
        }
        let buckets = result.latencyBuckets(rows: histogramRows)
        if !buckets.isEmpty {
            lines.append("")
            lines.append("  latency histogram (\(result.responses) answers)")
            let largest = buckets.map(\.count).max() ?? 1
            let labels = buckets.map { milliseconds($0.lower) }
            let labelWidth = labels.map(\.count).max() ?? 0
            for (bucket, label) in zip(buckets, labels) {
                let bar = Self.bar(bucket.count, of: largest, width: barWidth)
                lines.append("  \(String(repeating: " ", count: labelWidth - label.count))\(label) │\(bar)\(String(repeating: " ", count: barWidth - bar.count)) \(bucket.count)")
            }
        }
        return TerminalText.sanitize(lines.joined(separator: "\n")) + "\n"
    }

    /// A bar of `count` out of `largest` in `width` cells, in eighths of a cell; a count above
    /// zero always shows.
    static func bar(_ count: Int, of largest: Int, width: Int) -> String {
        guard count > 0, largest > 0 else { return "" }
        let eighths = max(1, Int((Double(count) / Double(largest) * Double(width * 8)).rounded()))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
    }

    /// `0.412 ms`, `3.21 ms`, `48.2 ms`, `512 ms`, `1.52 s`: three significant digits.
    static func milliseconds(_ duration: Duration) -> String {
        let value = duration.milliseconds
        switch value {
        case ..<1: return String(format: "%.3f ms", value)
        case ..<10: return String(format: "%.2f ms", value)
        case ..<100: return String(format: "%.1f ms", value)
        case ..<1000: return String(format: "%.0f ms", value)
        default: return String(format: "%.2f s", value / 1000)
        }
    }

    static func number(_ value: Double) -> String {
        value >= 100 || value == value.rounded() ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }

    static func bytes(_ value: Double) -> String {
        switch value {
        case ..<1024: String(format: "%.0f B", value)
        case ..<(1024 * 1024): String(format: "%.1f KiB", value / 1024)
        default: String(format: "%.1f MiB", value / (1024 * 1024))
        }
    }
}

/// The line on standard error, when it is a terminal, that says where a bench stands while it runs.
final class BenchProgressLine: Sendable {
    private let plan: BenchPlan

    init(plan: BenchPlan) {
        self.plan = plan
    }

    func show(_ progress: BenchProgress) {
        var parts = ["\(progress.finished)\(plan.count.map { "/\($0)" } ?? "") requests", "\(BenchReport.number(progress.throughput))/s"]
        if let latency = progress.latency { parts.append("p50 \(BenchReport.milliseconds(latency.p50))  p99 \(BenchReport.milliseconds(latency.p99))") }
        parts.append("errors \(progress.errors)")
        parts.append(DurationText.describe(progress.elapsed) + (plan.duration.map { " of \(DurationText.describe($0))" } ?? ""))
        FileHandle.standardError.write(Data("\r\u{1B}[2K  \(parts.joined(separator: "   "))".utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
