import ArgumentParser
import Foundation
import PorticoCore

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Send a request repeatedly; report throughput, latency percentiles and a histogram.",
        discussion: """
        TARGET is found as `portico send` finds it: a URL, a request file (rendered with its \
        collection, -e environment and --var variables), or a request of a .http file. The request \
        is rendered once and sent as it is, through the same transport, auth and cookie jar as send.

        -n stops after COUNT requests, --duration after a time (500ms, 30s, 2m); given both, \
        whichever comes first; given neither, it runs for 10s. -c keeps that many requests in \
        flight at once. --rate paces requests open loop: request i is due at i/R seconds, and its \
        latency counts from then, so a server that stalls is charged for the requests that waited \
        (give -c enough to keep up: about the rate times the latency). Latency runs from sending \
        to the last byte of the body; failed requests are counted, not timed. Ctrl-C stops early \
        and reports what was measured. Nothing is recorded in history.

        Examples:
          portico bench :8642/echo -n 1000 -c 8
          portico bench demo/users/list-users.yaml -e demo --duration 30s -c 4
          portico bench :8642/users --rate 200 --duration 10s -c 16 --format json | jq .latency_ms.p99

        Exit codes: 0 the run ended and at least one request was answered; 2 bad input; \
        3 no request was answered (every one failed: connect, DNS, TLS, timeout, protocol); \
        130 stopped with Ctrl-C (the figures are still printed).
        """
    )

    @Argument(help: "A URL, the path of a request file, or a request of a .http file (api.http#login).")
    var target: String

    @Option(name: [.customShort("n"), .customLong("requests")], help: ArgumentHelp("Send this many requests.", valueName: "count"))
    var count: Int?

    @Option(name: [.customShort("c"), .long], help: ArgumentHelp("Requests in flight at once (default 1, at most \(BenchPlan.maximumConcurrency)).", valueName: "n"))
    var concurrency: Int?

    @Option(help: ArgumentHelp("Send for this long: 500ms, 30s, 2m (default 10s unless -n is given).", valueName: "duration"))
    var duration: String?

    @Option(help: ArgumentHelp("Requests per second, paced open loop; latency counts from when each was due.", valueName: "r"))
    var rate: Double?

    @OptionGroup var change: RequestChangeFlags

    @Option(help: ArgumentHelp("The collection folder (default: the folder above the request file that holds portico.yaml).", valueName: "dir"))
    var collection: String?


    @Option(help: ArgumentHelp("Time limit of each request in seconds (default 30, or the request file's).", valueName: "seconds"))
    var timeout: Double?

    @OptionGroup(title: "Transport, proxy and TLS") var connection: ConnectionFlags

    @Option(help: "text prints a report with a latency histogram; json one JSON object (docs/cli.md).")
    var format: SendCommand.Format = .text

    func validate() throws {
        do throws(PorticoError) {
            _ = try plan()
        } catch {
            throw ValidationError(error.message)
        }
        if let timeout, !(timeout > 0 && timeout <= RequestOptions.maximumTimeout) {
            throw ValidationError("--timeout must be more than 0 and at most \(Int(RequestOptions.maximumTimeout)) seconds")
        }
    }

    private func plan() throws(PorticoError) -> BenchPlan {
        try BenchPlan.make(count: count, duration: duration, concurrency: concurrency, rate: rate)
    }

    func run() async throws {
        let plan: BenchPlan
        let prepared: SendCommand.PreparedSend
        do throws(PorticoError) {
            plan = try self.plan()
            // Bench results are not history: a run of 100,000 identical exchanges would push out
            // everything worth going back to.
            prepared = try await RequestSource(
                target: target, method: change.method, headers: change.headers, data: change.data, dataFile: change.dataFile, json: change.json,
                collection: collection, environment: change.environment, variables: change.variables, timeout: timeout,
                recordsHistory: false, connection: connection
            ).prepare()
        } catch {
            throw Console.fail(error)
        }
        let cookies = prepared.cookies
        let transport = AutomaticTransport(defaults: CommandLineSettings.config.network, connectionsPerHost: plan.concurrency)
        let runner = BenchRunner(engine: RequestEngine(transport: transport, oauth2: .commandLine(), cookieJar: cookies?.jar))
        let progressLine = isatty(STDERR_FILENO) == 1 ? BenchProgressLine(plan: plan) : nil
        let request = prepared.request
        let result = await withCancellableSignal {
            await runner.run(request, plan: plan) { progress in progressLine?.show(progress) }
        }
        progressLine?.clear()
        if let cookies, let problem = cookies.keep(cookies.jar.cookies) { Console.info(problem) }

        let masker = prepared.masker
        switch format {
        case .json:
            StandardOutput.write(BenchJSON.encode(result, request: request, masker: masker) + Data("\n".utf8))
        case .text:
            StandardOutput.write(Data(BenchReport.text(result, request: request, masker: masker).utf8))
        }
        if result.interrupted { throw ExitCodes.cancelled }
        if result.responses == 0 {
            let reasons = result.errorsByKind.sorted { $0.value > $1.value }.map { kind, count in
                "\(kind.rawValue) × \(count): \(masker.mask(result.errorExamples[kind] ?? ""))"
            }
            Console.error("no request was answered; \(reasons.joined(separator: "; "))")
            throw ExitCodes.network
        }
    }
}
