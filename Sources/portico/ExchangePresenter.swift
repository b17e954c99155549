import ArgumentParser
import Foundation
import PorticoCore

/// How `portico send` and `history replay` show an exchange: the flags both take.
struct ExchangeOutput: ParsableArguments {
    @Flag(name: [.customShort("i"), .long], help: "Print the status line and headers before the body.")
    var include = false

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the body to this file (put in place only once complete).", valueName: "file"))
    var output: String?

    @Option(help: "text prints the body; json prints one JSON object describing the exchange (docs/cli.md).")
    var format: SendCommand.Format = .text

    @Flag(help: "Exit with status 1 when the response status is 400 or more.")
    var fail = false

    @Flag(name: [.customShort("v"), .long], help: "Print the request sent, redirects, response head and timings to standard error.")
    var verbose = false

    @Flag(help: "On a terminal, write the body as received: escape sequences act on the terminal and binary bodies are shown (secret values are still masked).")
    var raw = false

    @Option(name: .customLong("max-body-size"), help: ArgumentHelp("Stop after this much body, counted after decompression (e.g. 50MB, 2GiB); what arrived is kept, the exit code is 3. Default: response.maxBodySize in config.yaml, else 1GiB.", valueName: "size"))
    var maxBodySize: String?

    func validate() throws {
        if let maxBodySize {
            do { _ = try HistoryRetention.parseSize(maxBodySize) } catch { throw ValidationError("--max-body-size: \(error.message)") }
        }
    }

    /// The body size limit: the flag's, else config.yaml's, else the default.
    var bodySizeLimit: Int {
        maxBodySize.flatMap { try? HistoryRetention.parseSize($0) } ?? CommandLineSettings.config.responseMaxBodySize
    }
}

/// Where and how to record the exchange; nil when history is off for it.
struct HistoryRecording {
    var store: HistoryStore
    var context: HistoryContext

    /// The store the user's config describes, with what a crashed writer left cleared away (a
    /// history that cannot be repaired now is reported when it is written or read).
    static func store(paths: UserPaths = .fromEnvironment()) -> HistoryStore {
        let config = CommandLineSettings.config
        let store = HistoryStore(folder: HistoryStore.defaultFolder(paths: paths), maxBodySize: config.historyMaxBodySize, retention: config.historyRetention)
        try? store.recover()
        return store
    }
}

/// The cookie jar of one `send` or `replay`: in memory, so cookies set on the way carry through
/// redirects, and kept between runs when config.yaml asks for it; nil with `cookies: jar: false`.
enum CommandLineCookies {
    static func jar(collectionID: String?) -> KeptCookieJar? {
        let config = CommandLineSettings.config
        guard config.cookieJar else { return nil }
        let store = config.persistCookies && collectionID != nil ? CookieJarStore(paths: .fromEnvironment()) : nil
        let kept = KeptCookieJar(collectionID: collectionID ?? "", store: store)
        if let problem = kept.loadProblem { Console.info("\(problem); starting with an empty jar") }
        return kept
    }
}

/// The user's config.yaml, read once per command: a broken file is reported once, and the defaults used.
enum CommandLineSettings {
    static let config: UserConfig = {
        do throws(PorticoError) { return try UserConfig.load(.fromEnvironment()) } catch {
            Console.info("\(error.message); the default settings are used")
            return UserConfig()
        }
    }()
}

/// Sends a prepared request, prints what came back the way the flags ask, and records it in history.
struct ExchangePresenter {
    let options: ExchangeOutput
    let prepared: SendCommand.PreparedSend
    let history: HistoryRecording?

    func run() async throws {
        let sendingMasker = prepared.masker
        let cookies = prepared.cookies
        let engine = RequestEngine(transport: AutomaticTransport(defaults: CommandLineSettings.config.network), oauth2: .commandLine(), cookieJar: cookies?.jar,
                                   maxBodySize: options.bodySizeLimit)
        if options.verbose { printRequest(prepared.request) }

        let fileSink: FileBodySink?
        do {
            fileSink = try options.output.map { path throws(PorticoError) in try FileBodySink(destination: URL(fileURLWithPath: path)) }
        } catch {
            throw Console.fail(error)
        }
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        let format = options.format
        let include = options.include
        let raw = options.raw
        let stdoutSink = LockedBox<StandardOutputSink?>(nil)
        // Where the body goes is the user's choice; history keeps a copy of the first bytes on the way.
        let capture = LockedBox<CapturingBodySink?>(nil)
        let captureLimit = history?.store.maxBodySize
        // -v says what a GraphQL, JSON-RPC, SOAP or XML-RPC answer reports: that needs the body.
        let protocolCapture = LockedBox<CapturingBodySink?>(nil)
        let verbose = options.verbose
        // Checks and captures read the body: a copy of its first bytes is kept on the way.
        let judgedCopy = LockedBox<CapturingBodySink?>(nil)
        let judges = prepared.judged != nil
        @Sendable func recorded(_ sink: any ResponseBodySink) -> any ResponseBodySink {
            var sink = sink
            if judges {
                let capturing = CapturingBodySink(forwardingTo: sink, limit: Self.judgedBodyLimit)
                judgedCopy.value = capturing
                sink = capturing
            }
            if verbose {
                let capturing = CapturingBodySink(forwardingTo: sink, limit: ProtocolResponse.sizeLimit)
                protocolCapture.value = capturing
                sink = capturing
            }
            guard let captureLimit else { return sink }
            let capturing = CapturingBodySink(forwardingTo: sink, limit: captureLimit)
            capture.value = capturing
            return capturing
        }

        // An OAuth 2.0 token obtained on the way is masked like a secret from the first byte shown.
        let obtained = LockedBox<[String]>([])
        var exchange = await withCancellableSignal {
            await engine.send(prepared.request, bodySink: { head in
                let masker = obtained.value.isEmpty ? sendingMasker : sendingMasker.adding(obtained.value)
                if let fileSink {
                    if include, format == .text { StandardOutput.write(Self.headText(head, masker: masker)) }
                    return recorded(fileSink)
                }
                if format == .json { return ResponseBody() }
                if include { StandardOutput.write(Self.headText(head, masker: masker)) }
                let sink = StandardOutputSink(masker: masker, terminal: stdoutIsTerminal && !raw, contentType: head.headers.first(named: "Content-Type"))
                stdoutSink.value = sink
                return recorded(sink)
            }, credentialObtained: { token in obtained.value.append(token) })
        }
        var masker = exchange.obtainedSecrets.isEmpty ? sendingMasker : sendingMasker.adding(exchange.obtainedSecrets)
        let judgement = judge(exchange, body: judgedCopy.value.map { try? $0.copy.data() } ?? (try? exchange.body?.data()))
        if let judgement, !judgement.secretCaptures.isEmpty { masker = masker.adding(judgement.secretCaptures.map(\.value)) }

        if exchange.error == nil {
            do { try fileSink?.commit() } catch { exchange.error = error }
        } else {
            fileSink?.discard()
        }
        stdoutSink.value?.close()
        if let cookies, let problem = cookies.keep(cookies.jar.cookies) { Console.info(problem) }
        if options.verbose { printOutcome(exchange, body: protocolCapture.value) }
        record(exchange, capture: capture.value, capturedSecrets: judgement?.secretCaptures ?? [])
        // The reader took what it wanted (`| head`): like a command killed by SIGPIPE, say nothing more.
        if StandardOutput.isClosed { throw ExitCode.success }

        if format == .json {
            // With -o the body is in the file: the JSON has its size, and body null.
            let size = fileSink?.size ?? exchange.body?.size ?? 0
            let data = try? exchange.body?.data()
            let json = ExchangeJSON.encode(exchange: exchange, body: data, bodySize: size, error: exchange.error, masker: masker, checks: judgement.map(\.checks))
            StandardOutput.write(stdoutIsTerminal ? ExchangeJSON.escapingForTerminal(json) : json)
            StandardOutput.write(Data("\n".utf8))
            if let error = exchange.error { throw ExitCodes.code(for: error) }
        } else if let error = exchange.error {
            throw Console.fail(PorticoError(error.kind, masker.mask(error.message)))
        } else if let judgement {
            report(judgement, masker: masker)
        }
        if options.fail, let status = exchange.response?.status, status >= 400 {
            if format == .text { Console.error("the server answered \(status) \(HTTPStatus.reason(for: status))") }
            throw ExitCodes.httpFailure
        }
        if options.fail, let judgement, judgement.failedChecks > 0 || judgement.captureProblem != nil { throw ExitCodes.httpFailure }
    }

    /// Checks and captures read at most this much of a body.
    static let judgedBodyLimit = 64 << 20

    /// The request's checks and captures on the response; captured values are kept for the
    /// requests that use them. Nil when the request has none, or no response arrived.
    private func judge(_ exchange: Exchange, body: Data?) -> ResponseJudgement? {
        guard let judged = prepared.judged, let head = exchange.response, exchange.error == nil else { return nil }
        let response = CheckedResponse(status: head.status, headers: head.headers, body: body ?? Data(),
                                       durationMilliseconds: exchange.timing.total.milliseconds, baseDirectory: judged.baseDirectory)
        return judged.judge(response)
    }

    /// One line per failed check (all of them with -v), then a tally, on standard error.
    private func report(_ judgement: ResponseJudgement, masker: SecretMasker) {
        var lines: [String] = []
        if let problem = judgement.captureProblem { lines.append("! \(masker.mask(problem.message))") }
        for result in judgement.checks where options.verbose || !result.passed {
            lines.append("\(result.passed ? "✓" : "✗") \(masker.mask(result.check.source))\(result.passed ? "" : ": " + masker.mask(result.failure ?? ""))")
        }
        if !judgement.checks.isEmpty {
            let failed = judgement.failedChecks
            lines.append(failed == 0 ? "checks: all \(judgement.checks.count) passed" : "checks: \(failed) of \(judgement.checks.count) failed")
        }
        if !judgement.captured.isEmpty {
            lines.append("captured: \(judgement.captured.map(\.name).joined(separator: ", "))")
        }
        if !lines.isEmpty { Console.info(lines.joined(separator: "\n")) }
    }

    /// Appends the exchange to history; a failure to record is reported, never fatal.
    private func record(_ exchange: Exchange, capture: CapturingBodySink?, capturedSecrets: [(name: String, value: String)]) {
        guard let history else { return }
        var context = history.context
        context.privacy.secrets += capturedSecrets
        var draft = HistoryDraft(exchange: exchange, context: context)
        if let capture, draft.record.response != nil {
            draft.responseBody = HistoryDraft.BodySource(.response(capture.copy), secrets: context.privacy(for: exchange).replacements, wholeSize: capture.size)
        }
        do {
            let saved = try history.store.append(draft)
            if options.verbose { Console.info("* recorded in history as \(saved.id.prefix(8))") }
        } catch {
            Console.info("history: the exchange was not recorded: \(error.message)")
        }
    }

    static func headText(_ head: ResponseHead, masker: SecretMasker) -> Data {
        var text = "\(head.httpVersion ?? "HTTP") \(head.status) \(head.reason)\n"
        for field in head.headers { text += "\(field.name): \(masker.mask(field.value))\n" }
        return Data((TerminalText.sanitize(text) + "\n").utf8)
    }

    private func printRequest(_ request: ResolvedRequest) {
        let masker = prepared.masker
        var lines = ["> \(request.method) \(masker.mask(request.url.absoluteString))"]
        lines += request.headers.map { "> \($0.name): \(masker.mask($0.value))" }
        switch request.body {
        case .none: break
        case .data(let data): lines.append("> (body: \(data.count) bytes)")
        case .file(let url): lines.append("> (body: file \(url.path))")
        }
        Console.info(lines.joined(separator: "\n"))
    }

    private func printOutcome(_ exchange: Exchange, body: CapturingBodySink?) {
        let masker = prepared.masker.adding(exchange.obtainedSecrets)
        var lines: [String] = []
        for hop in exchange.redirects {
            lines.append("< \(hop.status) \(HTTPStatus.reason(for: hop.status)) -> \(masker.mask(hop.location)) (\(Self.milliseconds(hop.duration)))")
        }
        if let head = exchange.response {
            lines.append("< \(head.httpVersion ?? "HTTP") \(head.status) \(head.reason)")
            lines += head.headers.map { "< \($0.name): \(masker.mask($0.value))" }
        }
        let ttfb = exchange.timing.timeToFirstByte.map { "first byte \(Self.milliseconds($0)), " } ?? ""
        lines.append("* \(ttfb)total \(Self.milliseconds(exchange.timing.total))")
        if let transport = exchange.transport {
            lines.append("* transport \(transport.rawValue)\(exchange.response?.httpVersion.map { ", \($0)" } ?? "")")
        }
        // With --format json the whole body is in the exchange; else the copy -v kept.
        let data: Data? = if let body { body.size <= ProtocolResponse.sizeLimit ? try? body.copy.data() : nil } else { try? exchange.body?.data() }
        if let data, let analysis = ProtocolResponse.analyse(data) {
            lines.append("* " + TerminalText.sanitize(masker.mask(analysis.summary)))
        }
        Console.info(lines.joined(separator: "\n"))
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f ms", duration.milliseconds)
    }
}

/// Runs `body`, cancelling it when the user presses Ctrl-C, so the exchange ends as "cancelled";
/// a second Ctrl-C exits at once.
func withCancellableSignal<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
    let task = Task { await body() }
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT)
    let presses = LockedBox(0)
    source.setEventHandler {
        presses.value += 1
        if presses.value > 1 { exit(130) }
        task.cancel()
    }
    source.resume()
    defer {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
    return await task.value
}

/// A value shared with the transport's callback.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
