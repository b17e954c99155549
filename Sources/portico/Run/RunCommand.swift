import ArgumentParser
import Foundation
import PorticoCore

/// `portico run`: a collection's requests with their checks, for CI and as a small monitor.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run requests and their checks, for CI or as a monitor.",
        discussion: """
        TARGET is a collection folder, a folder inside one, a request file, a .http file or one of \
        its requests (api.http#login); the default is the collection in this folder. Requests run \
        in collection order (the order of their file names, a folder's own requests before its \
        sub-folders'; name files 01-login.yaml, 02-… to choose it). A request's `needs:` are sent \
        before it, once per round; its `captures:` set variables for the requests after it; its \
        `checks:` decide whether it passed (docs/checks.md).

        Examples:
          portico run demo -e demo
          portico run api/users api/auth/login.yaml --report junit:results.xml
          portico run api --every 30s --report json:status.json

        Exit codes: 0 every request passed (skipped ones included); 1 a check failed; 2 an error \
        (a request could not be rendered or sent, a capture found nothing, bad input); 130 cancelled.
        """
    )

    @Argument(help: "Collections, folders, request files or .http requests to run (default: .).")
    var targets: [String] = []

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("The environment of the collection to render with.", valueName: "name"))
    var environment: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable, highest precedence (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Flag(help: "Stop at the first request that fails or errs.")
    var bail = false

    @Option(help: ArgumentHelp("Send up to this many requests at once (default 1: one after another).", valueName: "n"))
    var jobs = 1

    @Option(help: ArgumentHelp("Run everything this many times (default 1; with --every, stop after this many rounds).", valueName: "n"))
    var `repeat`: Int?

    @Option(help: ArgumentHelp("Run again this long after each round starts, until interrupted: 30s, 5m, 1h. A 429 or 503 with Retry-After waits longer.", valueName: "duration"))
    var every: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write the results: junit:FILE, json:FILE, tap (to standard output) or tap:FILE (repeatable).", valueName: "format"))
    var reports: [String] = []

    @Flag(name: .customLong("no-history"), help: "Do not record the exchanges in history.")
    var noHistory = false

    @OptionGroup(title: "Transport, proxy and TLS") var connection: ConnectionFlags

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let count = `repeat`, count < 1 { throw ValidationError("--repeat must be 1 or more") }
        if let every {
            guard let seconds = DurationText.seconds(every), seconds > 0 else {
                throw ValidationError("--every '\(every)' is not a duration: write 30s, 5m or 1h")
            }
        }
        for report in reports { _ = try RunReportTarget(report) }
        if reports.filter({ $0 == "tap" }).count > 1 { throw ValidationError("--report tap writes to standard output once") }
    }

    func run() async throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var targets: RunTargets
        let overrides: [Variable]
        do throws(PorticoError) {
            targets = try RunTargets.resolve(self.targets.isEmpty ? ["."] : self.targets, cwd: cwd)
            overrides = try variables.map { assignment throws(PorticoError) in try VariableScope.override(assignment) }
            if let environment, targets.collection.environment(named: environment) == nil {
                _ = try VariableScope.make(collection: targets.collection, environmentName: environment, overrides: [])
            }
        } catch {
            throw Console.fail(error)
        }
        let flags = connection.options(cwd: cwd)
        targets.collection.root.updateRequests { $0.options.connection = flags.overriding($0.options.connection) }
        let requests = targets.requests.compactMap { chosen in targets.collection.allRequests.first { $0.template.id == chosen.template.id } }

        let cookies = CommandLineCookies.jar(collectionID: targets.collection.id)
        let paths = UserPaths.fromEnvironment()
        // No browser sign-in: a request whose OAuth 2.0 grant needs a person is skipped.
        let engine = RequestEngine(transport: AutomaticTransport(defaults: CommandLineSettings.config.network),
                                   oauth2: OAuth2Authorizer(store: OAuth2TokenStore(paths: paths)), cookieJar: cookies?.jar,
                                   maxBodySize: CommandLineSettings.config.responseMaxBodySize)
        let runner = RequestRunner(collection: targets.collection, location: targets.location, environment: environment, overrides: overrides,
                                   engine: engine, captures: CaptureStore(paths: paths), history: noHistory ? nil : HistoryRecording.store(paths: paths))
        let reportTargets = try reports.map(RunReportTarget.init)
        let plan = RoundPlan(requests: requests, jobs: jobs, bail: bail, rounds: `repeat`, every: every.flatMap(DurationText.seconds))
        let monitor = every != nil
        let tapOnly = reportTargets.contains { $0.format == .tap && $0.file == nil }
        let console = RunConsole()
        let collectionName = targets.collection.name
        let environment = self.environment

        let (rounds, cancelled) = await withCancellableSignal { () async -> ([RunRound], Bool) in
            var rounds: [RunRound] = []
            while true {
                let round = await plan.runRound(number: rounds.count + 1, runner: runner, console: console)
                // A round cut short by Ctrl+C is not reported as if its requests had failed.
                if Task.isCancelled { return (rounds, true) }
                rounds.append(round)
                if !tapOnly { StandardOutput.write(Data((monitor ? console.monitorLine(round) : console.table(round)).utf8)) }
                let summary = RunSummary(collectionName: collectionName, environment: environment, rounds: rounds)
                for target in reportTargets { target.write(summary) }
                guard let pause = plan.pause(after: round, roundCount: rounds.count) else { return (rounds, false) }
                do { try await Task.sleep(for: .milliseconds(Int64(pause * 1000))) } catch { return (rounds, true) }
            }
        }
        if let cookies, let problem = cookies.keep(cookies.jar.cookies) { Console.info(problem) }
        let summary = RunSummary(collectionName: collectionName, environment: environment, rounds: rounds)
        if tapOnly { StandardOutput.write(Data(TAPReport.text(summary).utf8)) }
        if monitor, rounds.count > 1 {
            Console.info("\(rounds.count) rounds: \(summary.count(.passed)) passed, \(summary.count(.failed)) failed, \(summary.count(.error)) errors, \(summary.count(.skipped)) skipped")
        }
        if cancelled { throw ExitCodes.cancelled }
        if summary.count(.error) > 0 { throw ExitCodes.badInput }
        if summary.count(.failed) > 0 { throw ExitCodes.httpFailure }
    }
}

/// How rounds go: which requests, how many at once, when to stop and when to start the next.
struct RoundPlan: Sendable {
    var requests: [StoredRequest]
    var jobs: Int
    var bail: Bool
    /// nil: one round, or rounds until interrupted with `every`.
    var rounds: Int?
    /// Seconds between the starts of rounds.
    var every: Double?

    func runRound(number: Int, runner: RequestRunner, console: RunConsole) async -> RunRound {
        runner.startRound()
        let startedAt = Date()
        let start = ContinuousClock.now
        var outcomes: [RequestOutcome] = []
        if jobs == 1 {
            for (index, request) in requests.enumerated() {
                if Task.isCancelled { break }
                console.progress(index + 1, of: requests.count, request)
                let sent = await runner.run(request)
                outcomes += sent
                if bail, sent.contains(where: { $0.verdict == .failed || $0.verdict == .error }) { break }
            }
        } else {
            outcomes = await concurrently(runner: runner, console: console)
        }
        console.clearProgress()
        return RunRound(number: number, startedAt: startedAt, duration: start.duration(to: .now), outcomes: outcomes)
    }

    /// Up to `jobs` requests at a time, started in collection order; outcomes in that order.
    private func concurrently(runner: RequestRunner, console: RunConsole) async -> [RequestOutcome] {
        let failed = LockedBox(false)
        return await withTaskGroup(of: (Int, [RequestOutcome]).self) { group in
            var results: [Int: [RequestOutcome]] = [:]
            var next = 0
            func start() {
                guard next < requests.count, !(bail && failed.value) else { return }
                let index = next
                let request = requests[index]
                next += 1
                console.progress(index + 1, of: requests.count, request)
                group.addTask {
                    let sent = await runner.run(request)
                    if sent.contains(where: { $0.verdict == .failed || $0.verdict == .error }) { failed.value = true }
                    return (index, sent)
                }
            }
            for _ in 0..<jobs { start() }
            for await (index, sent) in group {
                results[index] = sent
                start()
            }
            return results.keys.sorted().flatMap { results[$0]! }
        }
    }

    /// Seconds to wait before the next round, or nil when there is none: `every` from the start of
    /// the round, or longer when a 429 or 503 said to retry after more.
    func pause(after round: RunRound, roundCount: Int) -> Double? {
        if let rounds, roundCount >= rounds { return nil }
        if bail, round.outcomes.contains(where: { $0.verdict == .failed || $0.verdict == .error }) { return nil }
        guard let every else { return rounds == nil ? nil : 0 }
        let elapsed = round.duration.milliseconds / 1000
        return max(every - elapsed, round.retryAfter(now: Date()), 0)
    }
}
