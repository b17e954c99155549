import Foundation
import PorticoCore
import PorticoDemoServer
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The demo API, started once per test process on a free port: the real server the binary talks to.
enum DemoAPI {
    private static let running = Task { try await DemoServer.start(port: 0) }

    static func server() async throws -> RunningDemoServer { try await running.value }

    static func url(_ path: String) async throws -> String { try await running.value.baseURL + path }

    static func port() async throws -> Int { try await running.value.port }

    /// Runs `body` against a demo server of its own, for a test that changes the demo's data
    /// (renames, creates or deletes users): the shared server's data stays as other tests expect.
    static func withOwnServer<T>(_ body: (RunningDemoServer) async throws -> T) async throws -> T {
        let server = try await DemoServer.start(port: 0)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Fetches a path without the binary, as a reference to compare its output with.
    static func fetch(_ path: String) async throws -> Data {
        let (data, _) = try await URLSession.shared.data(from: URL(string: try await url(path))!)
        return data
    }

    /// What the demo server counted for `target` (`/stats/requests`): requests received, and the
    /// most of them in flight at once.
    static func tally(_ target: String) async throws -> (received: Int, maxInFlight: Int) {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?+")
        let encoded = try #require(target.addingPercentEncoding(withAllowedCharacters: allowed))
        let tally = try #require(parseJSONObject(try await fetch("/stats/requests?target=\(encoded)")))
        #expect(tally.string("target") == target)
        return (try #require(tally.int("received")), try #require(tally.int("max_in_flight")))
    }
}

/// The built `portico` executable.
enum PorticoBinary {
    /// The package root, found from this file's place in `Tests/PorticoCLITests/`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `portico` sits beside the test bundle (`.build/<triple>/debug/`); `.build/debug` links there.
    static let location: URL? = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("portico"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("portico"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("portico"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/portico"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func require() throws -> URL {
        guard let location else {
            throw HarnessError("the portico binary was not found beside the tests or at \(packageRoot.path)/.build/debug/portico: run swift build first")
        }
        return location
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What one run of the binary did.
struct RunResult: CustomStringConvertible {
    var arguments: [String]
    var exitCode: Int32
    var stdout: Data
    var stderr: String
    /// The run was killed by the harness's time limit.
    var timedOut: Bool
    /// From launch to exit, measured by the test.
    var elapsed: Duration

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// Standard output parsed as one JSON object.
    func json() throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any] else {
            throw HarnessError("stdout of `portico \(arguments.joined(separator: " "))` is not a JSON object:\n\(stdoutText.prefix(2000))\nstderr: \(stderr)")
        }
        return object
    }

    var description: String {
        "`portico \(arguments.joined(separator: " "))` exited \(exitCode)\(timedOut ? " (killed: timed out)" : "")\nstdout: \(stdoutText.prefix(1500))\nstderr: \(stderr.prefix(1500))"
    }
}

/// A fresh temporary folder per test: the binary's XDG config and data homes and HOME live in it,
/// so runs never touch the real home and tests never see each other's secrets or files.
final class Sandbox {
    let root: URL
    var configHome: URL { root.appendingPathComponent("config") }
    var dataHome: URL { sharedDataHome ?? root.appendingPathComponent("data") }
    /// Another sandbox's data home, for runs that must share a history (concurrent writers).
    private let sharedDataHome: URL?
    var home: URL { root.appendingPathComponent("home") }
    /// The binary's config and data folders, as it finds them from XDG_CONFIG_HOME and XDG_DATA_HOME.
    var userPaths: UserPaths { UserPaths(config: configHome.appendingPathComponent("portico"), data: dataHome.appendingPathComponent("portico")) }
    /// The working directory of every run; tests put their own files here.
    var work: URL { root.appendingPathComponent("work") }
    private var runs = 0

    init(dataHome: URL? = nil) throws {
        sharedDataHome = dataHome
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("portico-cli-tests-\(UUID().uuidString)", isDirectory: true)
        for folder in [configHome, self.dataHome, home, work] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A path inside the work folder (not created).
    func path(_ relative: String) -> URL { work.appendingPathComponent(relative) }

    /// Runs `portico` with `arguments`; standard input is `stdin` or /dev/null. A run that takes
    /// longer than `timeout` seconds is killed and reported as timed out. With `inTerminal`,
    /// standard output is a pseudo-terminal (Tests/Peers/run_in_pty.py), as for a person at a
    /// terminal, and `stdout` holds what reached it.
    func run(_ arguments: [String], stdin: Data? = nil, environment extra: [String: String] = [:], timeout: Double = 30, inTerminal: Bool = false) async throws -> RunResult {
        let binary = try PorticoBinary.require()
        runs += 1
        // Output goes to files, not pipes: a large body can never fill a pipe and deadlock the run.
        let io = root.appendingPathComponent("io-\(runs)", isDirectory: true)
        try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
        let stdoutURL = io.appendingPathComponent("stdout")
        let stderrURL = io.appendingPathComponent("stderr")
        let stdinURL = io.appendingPathComponent("stdin")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        try (stdin ?? Data()).write(to: stdinURL)

        let process = Process()
        if inTerminal {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", TestPeer.peersFolder.appendingPathComponent("run_in_pty.py").path, binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = work
        process.environment = environment().merging(extra) { _, given in given }
        let input = try FileHandle(forReadingFrom: stdin == nil ? URL(fileURLWithPath: "/dev/null") : stdinURL)
        let output = try FileHandle(forWritingTo: stdoutURL)
        let errors = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors

        let state = RunState()
        let start = ContinuousClock.now
        let launched = ProcessBox(process)
        // Waits without blocking a thread: the demo server answering the binary runs in this process.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in
                if state.finish() { continuation.resume() }
            }
            do {
                try process.run()
            } catch {
                state.launchError = error
                if state.finish() { continuation.resume() }
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                state.killIfRunning(launched.process.processIdentifier)
            }
            state.watchForExit(of: process.processIdentifier) { continuation.resume() }
        }
        let elapsed = start.duration(to: .now)
        try? input.close()
        try? output.close()
        try? errors.close()
        if let error = state.launchError { throw HarnessError("cannot launch \(binary.path): \(error)") }
        if state.timedOut {
            Issue.record("`portico \(arguments.joined(separator: " "))` did not finish within \(timeout) s and was killed")
        }
        return RunResult(
            arguments: arguments,
            exitCode: state.observedExitStatus ?? process.terminationStatus,
            stdout: (try? Data(contentsOf: stdoutURL)) ?? Data(),
            stderr: String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self),
            timedOut: state.timedOut,
            elapsed: elapsed)
    }

    private func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = configHome.path
        environment["XDG_DATA_HOME"] = dataHome.path
        environment["HOME"] = home.path
        // The runs talk to 127.0.0.1 and expect DNS and connect failures of their own.
        for name in ["http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"] {
            environment[name] = nil
        }
        return environment
    }

    /// Writes the demo collection into `folder` (relative to the work folder), pointing at the
    /// shared demo server, or at the server on `port`.
    @discardableResult
    func initDemoCollection(_ folder: String = "demo", port: Int? = nil) async throws -> URL {
        let server: Int
        if let port { server = port } else { server = try await DemoAPI.port() }
        let result = try await run(["demo", "--init", folder, "--port", String(server)])
        guard result.exitCode == 0 else { throw HarnessError("demo --init failed: \(result)") }
        return path(folder)
    }
}

/// Lets the process cross into the timer's closure.
private struct ProcessBox: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}

/// Who finished first, the process or the harness's time limit.
private final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var killed = false
    private var launchFailure: (any Error)?

    var launchError: (any Error)? {
        get { lock.withLock { launchFailure } }
        set { lock.withLock { launchFailure = newValue } }
    }

    var timedOut: Bool { lock.withLock { killed } }

    /// True the first time only.
    func finish() -> Bool {
        lock.withLock {
            if finished { return false }
            finished = true
            return true
        }
    }

    private var exitStatus: Int32?
    private var watcher: DispatchSourceTimer?

    /// The exit status seen by `watchForExit` when Foundation never reported the exit.
    var observedExitStatus: Int32? { lock.withLock { exitStatus } }

    /// Foundation's Process on Linux sometimes never calls the termination handler of a process
    /// that has exited (it stays a zombie, and the test would wait forever): a look every quarter
    /// second with `waitid(WNOWAIT)`, which leaves the process for Foundation to reap, ends the wait
    /// with the status the kernel reports.
    func watchForExit(of pid: Int32, resume: @escaping @Sendable () -> Void) {
        guard pid > 0 else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 0.25, repeating: 0.25)
        timer.setEventHandler { [self] in
            var info = siginfo_t()
            guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == pid else {
                if lock.withLock({ finished }) { stopWatching() }
                return
            }
            // The handler gets a moment to come first: its status is Foundation's own.
            Thread.sleep(forTimeInterval: 0.5)
            let first = lock.withLock { () -> Bool in
                if finished { return false }
                finished = true
                exitStatus = info._sifields._sigchld.si_status
                return true
            }
            stopWatching()
            if first { resume() }
        }
        lock.withLock { watcher = timer }
        timer.resume()
    }

    private func stopWatching() {
        lock.withLock { () -> DispatchSourceTimer? in
            defer { watcher = nil }
            return watcher
        }?.cancel()
    }

    /// Kills only a run that has not reported its exit (checked under the lock the termination
    /// handler takes), so a finished run's pid is never signalled.
    func killIfRunning(_ pid: Int32) {
        lock.withLock {
            guard !finished, pid > 0 else { return }
            killed = true
            kill(pid, SIGKILL)
        }
    }
}

// MARK: - Reading JSON

extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func string(_ key: String) -> String? { self[key] as? String }
    func number(_ key: String) -> Double? { (self[key] as? NSNumber)?.doubleValue }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    func array(_ key: String) -> [Any]? { self[key] as? [Any] }
    func isNull(_ key: String) -> Bool { self[key] is NSNull }
    /// `[[name, value], ...]` lists such as headers and query rows.
    func pairs(_ key: String) -> [[String]]? { self[key] as? [[String]] }
}

/// Parses JSON text (a response body printed by the binary).
func parseJSONObject(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}

func parseJSONObject(_ data: Data) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
}

/// A launched child process whose end can be awaited. Foundation's `waitUntilExit` has hung in
/// these tests on Linux; the termination handler, set before launch, has not.
final class LaunchedProcess: @unchecked Sendable {
    let process: Process
    private let lock = NSLock()
    private var exited = false
    private var waiter: CheckedContinuation<Void, Never>?

    init(_ process: Process) throws {
        self.process = process
        process.terminationHandler = { [weak self] _ in self?.finish() }
        try process.run()
    }

    private func finish() {
        let continuation = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            exited = true
            defer { waiter = nil }
            return waiter
        }
        continuation?.resume()
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = lock.withLock { () -> Bool in
                if exited { return true }
                waiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }
}
