import Foundation
import PorticoCore
import Testing

/// The load generator behind `portico bench` and the explorer's repeat mode, against the demo server.
@Suite("bench runner")
struct BenchRunnerTests {
    private func request(_ path: String) async throws -> ResolvedRequest {
        ResolvedRequest(method: .get, url: try await TestServer.url(path))
    }

    @Test("durations as typed: ms, s, m, h, fractions")
    func durations() throws {
        #expect(try DurationText.parse("500ms") == .milliseconds(500))
        #expect(try DurationText.parse("10s") == .seconds(10))
        #expect(try DurationText.parse("1.5s") == .milliseconds(1500))
        #expect(try DurationText.parse("2m") == .seconds(120))
        #expect(try DurationText.parse("1h") == .seconds(3600))
        for bad in ["", "10", "0s", "-1s", "5x", "ms", "1.2.3s"] {
            #expect(throws: PorticoError.self, "\(bad)") { try DurationText.parse(bad) }
        }
        #expect(DurationText.describe(.milliseconds(250)) == "250 ms")
        #expect(DurationText.describe(.milliseconds(2500)) == "2.5 s")
        #expect(DurationText.describe(.seconds(300)) == "5 min")
    }

    @Test("a plan: 10 s when neither a count nor a duration is given; both kept when both are")
    func plans() throws {
        #expect(try BenchPlan.make(count: nil, duration: nil, concurrency: nil, rate: nil) == BenchPlan(duration: .seconds(10)))
        #expect(try BenchPlan.make(count: 5, duration: "1m", concurrency: 3, rate: 2) == BenchPlan(count: 5, duration: .seconds(60), concurrency: 3, rate: 2))
        #expect(try BenchPlan.make(count: 5, duration: nil, concurrency: nil, rate: nil).duration == nil)
        for (count, concurrency, rate) in [(0, 1, 1.0), (-1, 1, 1.0), (1, 0, 1.0), (1, 1001, 1.0), (1, 1, 0.0), (1, 1, -5.0), (1, 1, Double.nan)] {
            #expect(throws: PorticoError.self) { try BenchPlan.make(count: count, duration: nil, concurrency: concurrency, rate: rate) }
        }
    }

    @Test("a count of requests, sent three at a time: each answered, timed and in the histogram")
    func countedRun() async throws {
        let runner = BenchRunner(engine: TestServer.engine)
        let result = await runner.run(try await request("/echo?bench-runner=count"), plan: BenchPlan(count: 30, concurrency: 3))
        #expect(result.requests == 30)
        #expect(result.responses == 30)
        #expect(result.statuses == [200: 30])
        #expect(!result.interrupted)
        #expect(result.bytesReceived > 0)
        let latency = try #require(result.latency)
        #expect(latency.min <= latency.p50 && latency.p50 <= latency.p99 && latency.p99 <= latency.max)
        let buckets = result.latencyBuckets(rows: 8)
        #expect(buckets.reduce(0) { $0 + $1.count } == 30)
        #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.upper == $1.lower && $0.lower < $1.lower })
    }

    @Test("a rate and a duration schedule rate × duration requests")
    func pacedRun() async throws {
        let runner = BenchRunner(engine: TestServer.engine)
        let result = await runner.run(try await request("/echo?bench-runner=rate"), plan: BenchPlan(duration: .milliseconds(250), concurrency: 2, rate: 80))
        #expect(result.requests == 20)
        #expect(result.responses == 20)
    }

    @Test("failed requests are counted by kind, with the first message, and not timed")
    func failures() async throws {
        let runner = BenchRunner(engine: TestServer.engine)
        let result = await runner.run(ResolvedRequest(method: .get, url: URL(string: "http://127.0.0.1:1/")!), plan: BenchPlan(count: 4, concurrency: 2))
        #expect(result.requests == 4)
        #expect(result.errors == 4)
        #expect(result.errorsByKind == [.connect: 4])
        #expect(result.errorExamples[.connect] != nil)
        #expect(result.latency == nil)
        #expect(result.latencyBuckets(rows: 10).isEmpty)
    }

    @Test("a run without limits goes until it is cancelled, reporting progress on the way")
    func cancelledRun() async throws {
        let runner = BenchRunner(engine: TestServer.engine, progressInterval: .milliseconds(20))
        let request = try await request("/echo?bench-runner=endless")
        let reports = AsyncStream<BenchProgress>.makeStream()
        let run = Task { await runner.run(request, plan: BenchPlan()) { reports.continuation.yield($0) } }
        var answered: BenchProgress?
        for await progress in reports.stream where progress.finished > 0 {
            answered = progress
            break
        }
        run.cancel()
        let result = await run.value
        #expect(result.interrupted)
        #expect(result.requests >= answered?.finished ?? 1)
        #expect(result.errorsByKind[.cancelled] == nil, "a request cut short by the stop is not an error of the server")
    }
}
