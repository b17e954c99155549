import Foundation

/// The JSON form of a load test's result, printed by `portico bench --format json` (docs/cli.md):
/// keys sorted, every key written even when null, stable across versions.
public enum BenchJSON {
    struct Document: Encodable {
        var request: RequestPart
        var requests: Int
        var responses: Int
        var errors: Int
        var errorsByKind: [String: Int]
        var errorExamples: [String: String]
        var statusCounts: [String: Int]
        var durationMs: Double
        var throughputRps: Double
        var bytesReceived: Int
        var concurrency: Int
        var rateRps: Double?
        var interrupted: Bool
        var latencyMs: LatencyPart
        var histogram: [BucketPart]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(request, forKey: .request)
            try container.encode(requests, forKey: .requests)
            try container.encode(responses, forKey: .responses)
            try container.encode(errors, forKey: .errors)
            try container.encode(errorsByKind, forKey: .errorsByKind)
            try container.encode(errorExamples, forKey: .errorExamples)
            try container.encode(statusCounts, forKey: .statusCounts)
            try container.encode(durationMs, forKey: .durationMs)
            try container.encode(throughputRps, forKey: .throughputRps)
            try container.encode(bytesReceived, forKey: .bytesReceived)
            try container.encode(concurrency, forKey: .concurrency)
            try container.encode(rateRps, forKey: .rateRps)
            try container.encode(interrupted, forKey: .interrupted)
            try container.encode(latencyMs, forKey: .latencyMs)
            try container.encode(histogram, forKey: .histogram)
        }

        enum CodingKeys: String, CodingKey {
            case request, requests, responses, errors, concurrency, interrupted, histogram
            case errorsByKind = "errors_by_kind"
            case errorExamples = "error_examples"
            case statusCounts = "status_counts"
            case durationMs = "duration_ms"
            case throughputRps = "throughput_rps"
            case bytesReceived = "bytes_received"
            case rateRps = "rate_rps"
            case latencyMs = "latency_ms"
        }
    }

    struct RequestPart: Encodable {
        var method: String
        var url: String
    }

    /// Null figures while no request was answered, so that `.latency_ms.p99` always exists.
    struct LatencyPart: Encodable {
        var latency: BenchLatency?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            for (key, value) in [(CodingKeys.min, latency?.min), (.mean, latency?.mean), (.p50, latency?.p50), (.p90, latency?.p90),
                                 (.p99, latency?.p99), (.p999, latency?.p999), (.max, latency?.max)] {
                try container.encode(value.map { BenchJSON.rounded($0.milliseconds) }, forKey: key)
            }
        }

        enum CodingKeys: String, CodingKey { case min, mean, p50, p90, p99, p999, max }
    }

    struct BucketPart: Encodable {
        var fromMs: Double
        var toMs: Double
        var count: Int

        enum CodingKeys: String, CodingKey {
            case count
            case fromMs = "from_ms"
            case toMs = "to_ms"
        }
    }

    /// The number of rows of the histogram the JSON carries.
    public static let histogramRows = 12

    /// - Parameter masker: hides secret values in the URL and the error messages.
    public static func encode(_ result: BenchResult, request: ResolvedRequest, masker: SecretMasker) -> Data {
        let document = Document(
            request: RequestPart(method: request.method.rawValue, url: masker.mask(request.url.absoluteString)),
            requests: result.requests, responses: result.responses, errors: result.errors,
            errorsByKind: Dictionary(uniqueKeysWithValues: result.errorsByKind.map { ($0.key.rawValue, $0.value) }),
            errorExamples: Dictionary(uniqueKeysWithValues: result.errorExamples.map { ($0.key.rawValue, masker.mask($0.value)) }),
            statusCounts: Dictionary(uniqueKeysWithValues: result.statuses.map { (String($0.key), $0.value) }),
            durationMs: rounded(result.elapsed.milliseconds), throughputRps: rounded(result.throughput),
            bytesReceived: result.bytesReceived, concurrency: result.plan.concurrency, rateRps: result.plan.rate,
            interrupted: result.interrupted, latencyMs: LatencyPart(latency: result.latency),
            histogram: result.latencyBuckets(rows: histogramRows).map { BucketPart(fromMs: rounded($0.lower.milliseconds), toMs: rounded($0.upper.milliseconds), count: $0.count) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
