import Foundation
import Testing

/// `portico bench` against the demo server, whose own tally of the requests it received
/// (`/stats/requests`) is what the bench's counts are checked against. Each test sends to a target
/// of its own (`?run=UUID`), so tests running at once never count each other's requests.
@Suite("portico bench")
struct BenchCommandTests {
    /// A target no other test sends to.
    private func uniqueTarget(_ path: String) -> String {
        "\(path)?run=\(UUID().uuidString)"
    }

    private func benchJSON(_ sandbox: Sandbox, _ arguments: [String]) async throws -> (RunResult, [String: Any]) {
        let result = try await sandbox.run(["bench"] + arguments + ["--format", "json"], timeout: 60)
        return (result, try result.json())
    }

    @Test("the bench's count is the server's count of requests received")
    func countsMatchTheServer() async throws {
        let target = uniqueTarget("/echo")
        let (result, report) = try await benchJSON(try Sandbox(), [try await DemoAPI.url(target), "-n", "60", "-c", "3"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(report.int("requests") == 60)
        #expect(report.int("responses") == 60)
        #expect(report.int("errors") == 0)
        #expect(report.object("status_counts")?.int("200") == 60, "\(report)")
        #expect(try await DemoAPI.tally(target).received == 60)
    }

    @Test("--format json has the documented keys, percentiles in order and a histogram of every answer")
    func jsonShape() async throws {
        let url = try await DemoAPI.url(uniqueTarget("/echo"))
        let (result, report) = try await benchJSON(try Sandbox(), [url, "-n", "40", "-c", "2"])
        #expect(result.exitCode == 0, "\(result)")
        for key in ["requests", "responses", "errors", "errors_by_kind", "error_examples", "status_counts", "duration_ms", "throughput_rps",
                    "bytes_received", "concurrency", "rate_rps", "interrupted", "latency_ms", "histogram", "request"] {
            #expect(report[key] != nil, "missing \(key): \(report)")
        }
        #expect(report.object("request")?.string("method") == "GET")
        #expect(report.object("request")?.string("url") == url)
        #expect(report.int("concurrency") == 2)
        #expect(report.isNull("rate_rps"))
        #expect(report["interrupted"] as? Bool == false)
        #expect((report.number("throughput_rps") ?? 0) > 0)
        #expect((report.int("bytes_received") ?? 0) > 0)
        let latency = try #require(report.object("latency_ms"))
        let figures = try ["min", "p50", "p90", "p99", "p999", "max"].map { key in try #require(latency.number(key), "latency_ms.\(key): \(latency)") }
        #expect(figures == figures.sorted(), "percentiles out of order: \(latency)")
        #expect(figures[0] > 0)
        let histogram = try #require(report["histogram"] as? [[String: Any]])
        #expect(histogram.reduce(0) { $0 + ($1.int("count") ?? 0) } == 40, "\(histogram)")
    }

    @Test("the text report has throughput, percentiles, statuses and a histogram; no progress line off a terminal")
    func textReport() async throws {
        let url = try await DemoAPI.url(uniqueTarget("/echo"))
        let result = try await Sandbox().run(["bench", url, "-n", "25"], timeout: 60)
        #expect(result.exitCode == 0, "\(result)")
        let text = result.stdoutText
        #expect(text.hasPrefix("GET \(url)\n"), "\(text)")
        #expect(text.contains("25 requests in "), "\(text)")
        #expect(text.contains("requests/s"), "\(text)")
        for figure in ["p50 ", "p90 ", "p99 ", "p99.9 ", "max "] {
            #expect(text.contains(figure), "no \(figure): \(text)")
        }
        #expect(text.contains("200 × 25"), "\(text)")
        #expect(text.contains("errors      none"), "\(text)")
        #expect(text.contains("latency histogram (25 answers)"), "\(text)")
        #expect(text.contains("█") || text.contains("▏"), "no bars: \(text)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test("-c 4 keeps four requests in flight at once, and no more; -c 1 one")
    func concurrencyIsReal() async throws {
        let sandbox = try Sandbox()
        let concurrent = uniqueTarget("/delay/300")
        let (result, report) = try await benchJSON(sandbox, [try await DemoAPI.url(concurrent), "-n", "8", "-c", "4"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(report.int("responses") == 8)
        let tally = try await DemoAPI.tally(concurrent)
        #expect(tally.received == 8)
        #expect(tally.maxInFlight >= 2 && tally.maxInFlight <= 4, "the server saw at most \(tally.maxInFlight) at once")

        let sequential = uniqueTarget("/delay/50")
        let (one, _) = try await benchJSON(sandbox, [try await DemoAPI.url(sequential), "-n", "4", "-c", "1"])
        #expect(one.exitCode == 0, "\(one)")
        let sequentialTally = try await DemoAPI.tally(sequential)
        #expect(sequentialTally.received == 4)
        #expect(sequentialTally.maxInFlight == 1)
    }

    @Test("--rate R --duration D sends R × D requests")
    func rateSendsTheScheduledCount() async throws {
        let target = uniqueTarget("/echo")
        let (result, report) = try await benchJSON(try Sandbox(), [try await DemoAPI.url(target), "--rate", "40", "--duration", "500ms", "-c", "2"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(report.int("requests") == 20, "\(report)")
        #expect(report.number("rate_rps") == 40)
        #expect(try await DemoAPI.tally(target).received == 20)
    }

    /// Six requests due every 50 ms to a route that takes 200 ms, one at a time: the last is due at
    /// 250 ms but cannot leave before the five ahead of it are answered (1 s at the least), so
    /// measured from when it was due its latency is at least 750 ms. A lower bound set by the
    /// server's own delays: a slower machine only makes it larger.
    @Test("with --rate, latency counts from when a request was due (no coordinated omission)")
    func openLoopChargesLateness() async throws {
        let target = uniqueTarget("/delay/200")
        let (result, report) = try await benchJSON(try Sandbox(), [try await DemoAPI.url(target), "--rate", "20", "-n", "6", "-c", "1"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(report.int("responses") == 6)
        #expect((report.object("latency_ms")?.number("max") ?? 0) >= 750, "\(report)")
        #expect(try await DemoAPI.tally(target).received == 6)
    }

    @Test("-n and --duration together: the count, reached first, ends the run")
    func countAndDurationWhicheverFirst() async throws {
        let target = uniqueTarget("/echo")
        let (result, report) = try await benchJSON(try Sandbox(), [try await DemoAPI.url(target), "-n", "7", "--duration", "10m"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(report.int("requests") == 7)
        #expect(try await DemoAPI.tally(target).received == 7)
    }

    @Test("a port nobody answers: every request is an error of kind connect, exit 3")
    func errorsAreCounted() async throws {
        let (result, report) = try await benchJSON(try Sandbox(), ["http://127.0.0.1:1/", "-n", "5", "-c", "2"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(report.int("requests") == 5)
        #expect(report.int("responses") == 0)
        #expect(report.int("errors") == 5)
        #expect(report.object("errors_by_kind")?.int("connect") == 5, "\(report)")
        #expect(report.object("latency_ms")?.isNull("p99") == true, "\(report)")
        #expect(result.stderr.contains("no request was answered; connect × 5"), "\(result)")
    }

    @Test("a request file is rendered with its collection, -e and --var, like send")
    func requestFileWithEnvironmentAndVariables() async throws {
        let sandbox = try Sandbox()
        let run = UUID().uuidString
        let folder = sandbox.path("api")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        id: bench-collection
        name: Bench
        environments:
          test:
            variables:
              base: \(try await DemoAPI.url(""))
        """.write(to: folder.appendingPathComponent("portico.yaml"), atomically: true, encoding: .utf8)
        try "id: bench-echo\nname: echo\nurl: \"{{base}}/echo?run={{run}}\"\n".write(to: folder.appendingPathComponent("echo.yaml"), atomically: true, encoding: .utf8)
        let (result, report) = try await benchJSON(sandbox, ["api/echo.yaml", "-e", "test", "--var", "run=\(run)", "-n", "12", "-c", "2"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(report.int("responses") == 12, "\(report)")
        #expect(try await DemoAPI.tally("/echo?run=\(run)").received == 12)

        // Nothing of it lands in history.
        let history = try await sandbox.run(["history", "list", "--json"])
        #expect(history.exitCode == 0, "\(history)")
        #expect(!history.stdoutText.contains(run), "\(history)")
    }

    @Test("bad input is refused with a message that names the flag, exit 2", arguments: [
        (["--requests=0"], "-n must be 1 or more requests"),
        (["--requests=-3"], "-n must be 1 or more requests (got -3)"),
        (["-c", "0"], "-c must be 1 to 1000"),
        (["-c", "5000"], "-c must be 1 to 1000"),
        (["--duration", "10"], "'10' is not a duration"),
        (["--duration", "0s"], "'0s' is not a duration"),
        (["--duration", "soon"], "'soon' is not a duration"),
        (["--rate", "0"], "--rate must be more than 0"),
        (["--format", "xml"], "xml"),
        (["--json", "{}", "-d", "x=1"], "give only one of -d, --data-file and --json"),
    ])
    func badInput(arguments: [String], message: String) async throws {
        let result = try await Sandbox().run(["bench", "http://127.0.0.1:1/"] + arguments)
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test("a request that cannot be rendered is bad input, before anything is sent")
    func undefinedVariable() async throws {
        let result = try await Sandbox().run(["bench", "http://127.0.0.1:1/{{nothing}}", "-n", "1"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("nothing"), "\(result)")
    }
}
