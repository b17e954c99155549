import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default transport: one long-lived ephemeral URLSession with a delegate, so bodies stream
/// chunk by chunk and Portico sees every redirect and takes its own timings (see DESIGN.md §3).
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let delegate = SessionDelegate()
    private let connectionsPerHost: Int
    private let sessionLock = NSLock()
    private var madeSession: URLSession?

    /// - Parameter connectionsPerHost: how many requests may be on the wire to one host at once
    ///   (more wait inside URLSession); `portico bench -c N` needs at least N.
    public init(connectionsPerHost: Int = 6) {
        self.connectionsPerHost = connectionsPerHost
    }

    /// The session, made by the first request rather than by init: making it starts libcurl
    /// (curl_global_init, which initialises OpenSSL) and Foundation's shared cookie storage and
    /// URL cache, over a millisecond that the explorer would otherwise spend before its first
    /// frame on a session the user may never send with.
    private var session: URLSession {
        sessionLock.withLock {
            if let madeSession { return madeSession }
            let made = makeSession()
            madeSession = made
            return made
        }
    }

    private func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        // Cookies and credentials are the user's business: nothing is stored or added behind their back.
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.urlCredentialStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = connectionsPerHost
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        queue.name = "portico.transport"
        return URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    public func perform(
        _ request: ResolvedRequest,
        deadline: ContinuousClock.Instant,
        bodySink: @escaping @Sendable (ResponseHead) -> any ResponseBodySink
    ) async throws(PorticoError) -> TransportResponse {
        if Task.isCancelled { throw PorticoError(.cancelled, "cancelled") }
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { throw PorticoError(.timeout, "timed out before sending \(request.url.absoluteString)") }
        _ = try carrier(for: request)

        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        // URLSession's own timeout is an idle timeout in whole seconds; the real deadline is enforced
        // below, this only keeps URLSession from giving up first.
        urlRequest.timeoutInterval = max(1, Double(remaining.components.seconds) + 2)
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        let task: URLSessionDataTask
        switch request.body {
        case .none:
            task = session.dataTask(with: urlRequest)
        case .data(let data):
            urlRequest.httpBody = data
            task = session.dataTask(with: urlRequest)
        case .file(let url):
            task = session.uploadTask(with: urlRequest, fromFile: url)
        }
        let state = TaskState(bodySink: bodySink)

        let result: Result<TransportResponse, PorticoError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Cancelled before the task could start: it ends here and never runs.
                guard state.begin(continuation) else { return }
                delegate.register(state, for: task)
                let timer = Task {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    if !Task.isCancelled { state.stop(task, because: .timeout) }
                }
                state.setTimer(timer)
                task.resume()
            }
        } onCancel: {
            state.stop(task, because: .cancelled)
        }
        return try result.get()
    }
}

extension URLSessionTransport {
    /// URLSession, or an error naming what in `request` it cannot do on Linux (DESIGN.md §3).
    public func carrier(for request: ResolvedRequest) throws(PorticoError) -> TransportKind {
        if let need = Self.unmetNeed(of: request) {
            throw .input("the URLSession transport cannot \(need) on Linux; use transport: auto or async-http-client")
        }
        return .urlSession
    }

    /// What `request` asks for that FoundationNetworking cannot do, in words; nil when it can carry it.
    static func unmetNeed(of request: ResolvedRequest) -> String? {
        let options = request.options.connection
        if (request.method == .get || request.method == .head), !request.body.isEmpty { return "send a body with \(request.method)" }
        if options.proxy.map({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) == true { return "use a proxy" }
        if options.verifyTLS == false { return "turn TLS verification off" }
        if options.caFile != nil { return "trust an extra CA file" }
        if options.clientCertificate != nil || options.clientKey != nil { return "present a client certificate" }
        if options.connectTimeout != nil { return "apply a separate connect timeout" }
        return nil
    }
}

/// Why Portico itself stopped a task.
enum StopReason: Sendable {
    case timeout, cancelled
    case sinkFailed(PorticoError)

    var error: PorticoError {
        switch self {
        case .timeout: PorticoError(.timeout, "timed out after the request's time limit")
        case .cancelled: PorticoError(.cancelled, "cancelled")
        case .sinkFailed(let error): error
        }
    }
}

/// Everything about one running task; touched from the delegate queue and from the caller.
final class TaskState: @unchecked Sendable {
    let bodySink: @Sendable (ResponseHead) -> any ResponseBodySink
    private var continuation: CheckedContinuation<Result<TransportResponse, PorticoError>, Never>?
    /// Guarded by `lock`: a cancellation may complete the exchange while the timer is being set.
    private var timer: Task<Void, Never>?
    var head: ResponseHead?
    var headReceivedAt: ContinuousClock.Instant?
    var sink: (any ResponseBodySink)?
    /// Set when an authentication challenge was declined after its response arrived.
    var challengeDeclined = false
    private let lock = NSLock()
    private var stopReason: StopReason?
    /// Held while a chunk is handed to the sink; recursive, since a sink that fails stops the
    /// exchange from inside the hand-over.
    private let delivery = NSRecursiveLock()

    init(bodySink: @escaping @Sendable (ResponseHead) -> any ResponseBodySink) {
        self.bodySink = bodySink
    }

    /// Ends the exchange at once and stops the task; the task's own completion, if it ever comes,
    /// finds the exchange already ended. The exchange ends first: `cancel()` waits for
    /// FoundationNetworking's own queue, which a response with 100,000 headers kept busy for
    /// seconds past the deadline.
    func stop(_ task: URLSessionTask, because reason: StopReason) {
        let first = lock.withLock {
            if stopReason == nil { stopReason = reason; return true }
            return false
        }
        guard first else { return }
        // A chunk being handed to the sink right now is finished first: once the exchange has
        // ended, its owner may close the sink, and the two must not meet.
        delivery.withLock {}
        complete(.failure(reason.error))
        // Cancelled from another thread, not this one (often the delegate queue): cancel() waits
        // for FoundationNetworking's work queue, and a gzip bomb keeps that queue busy until libcurl
        // has inflated all it had read. Waiting here held the delegate queue, so every chunk
        // delivered meanwhile piled up in memory (the explorer passed 7 GB and never recovered);
        // now those chunks are dropped as they come (`deliver`). Requests sent on URLSession in the
        // meantime still wait for that queue: FoundationNetworking has no way to stop libcurl sooner.
        let cancelling = CancellableTask(task: task)
        DispatchQueue.global().async { cancelling.task.cancel() }
    }

    /// Hands a chunk to the sink, unless the exchange was stopped: URLSession may go on
    /// delivering chunks it had already read after the task was cancelled.
    func deliver(_ data: Data, to sink: any ResponseBodySink) throws(PorticoError) {
        delivery.lock()
        defer { delivery.unlock() }
        guard reasonForStop == nil else { return }
        try sink.receive(data)
    }

    var reasonForStop: StopReason? { lock.withLock { stopReason } }

    /// Installs the continuation to resume; if the exchange was already stopped, resumes it at
    /// once with the reason and returns false.
    func begin(_ continuation: CheckedContinuation<Result<TransportResponse, PorticoError>, Never>) -> Bool {
        let stopped = lock.withLock { () -> StopReason? in
            if let stopReason { return stopReason }
            self.continuation = continuation
            return nil
        }
        if let stopped {
            continuation.resume(returning: .failure(stopped.error))
            return false
        }
        return true
    }

    /// Keeps the deadline's timer to cancel on completion; cancels it at once if that came first.
    func setTimer(_ newTimer: Task<Void, Never>) {
        let ended = lock.withLock { () -> Bool in
            if continuation == nil { return true }
            timer = newTimer
            return false
        }
        if ended { newTimer.cancel() }
    }

    func complete(_ result: Result<TransportResponse, PorticoError>) {
        let (pending, timer) = lock.withLock { () -> (CheckedContinuation<Result<TransportResponse, PorticoError>, Never>?, Task<Void, Never>?) in
            defer { continuation = nil; self.timer = nil }
            return (continuation, self.timer)
        }
        timer?.cancel()
        pending?.resume(returning: result)
    }
}

/// `@unchecked Sendable`: URLSessionTask is safe to cancel from any thread.
private struct CancellableTask: @unchecked Sendable {
    let task: URLSessionTask
}

final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var states: [Int: TaskState] = [:]

    func register(_ state: TaskState, for task: URLSessionTask) {
        lock.withLock { states[task.taskIdentifier] = state }
    }

    private func state(for task: URLSessionTask) -> TaskState? {
        lock.withLock { states[task.taskIdentifier] }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse, completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let state = state(for: dataTask), let http = response as? HTTPURLResponse else {
            completionHandler(.allow)
            return
        }
        let head = ResponseHead(status: http.statusCode, headers: Self.fields(of: http), url: http.url ?? dataTask.originalRequest?.url ?? URL(fileURLWithPath: "/"))
        state.head = head
        state.headReceivedAt = .now
        state.sink = state.bodySink(head)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let state = state(for: dataTask), let sink = state.sink else { return }
        do throws(PorticoError) {
            try state.deliver(data, to: sink)
        } catch {
            state.stop(dataTask, because: .sinkFailed(error))
        }
    }

    /// Portico follows redirects itself, so each hop is visible and 307/308 keep their body.
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    /// Without this, a 401 with `WWW-Authenticate: Basic` and no credential hangs forever on Linux.
    /// FoundationNetworking raises the challenge once the whole 401 response has been delivered,
    /// so the exchange is complete here: it is finished at once, and the challenge declined.
    /// (Waiting for the task to end after declining took seconds under load.) Portico sets
    /// Authorization itself and never answers challenges with stored credentials.
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge, completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        let method = challenge.protectionSpace.authenticationMethod
        guard [NSURLAuthenticationMethodHTTPBasic, NSURLAuthenticationMethodHTTPDigest, NSURLAuthenticationMethodNTLM, NSURLAuthenticationMethodNegotiate, NSURLAuthenticationMethodDefault].contains(method) else {
            // Server trust and client certificates (on platforms that ask) keep the system's handling.
            completionHandler(.performDefaultHandling, nil)
            return
        }
        if let state = state(for: task) {
            state.challengeDeclined = true
            finish(state)
        }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    /// Completes a task whose response head and body have all arrived.
    private func finish(_ state: TaskState) {
        guard let head = state.head, let headReceivedAt = state.headReceivedAt else {
            state.complete(.failure(PorticoError(.protocol, "the server closed the connection without a response")))
            return
        }
        do {
            try state.sink?.finish()
        } catch {
            state.complete(.failure(error))
            return
        }
        state.complete(.success(TransportResponse(head: head, headReceivedAt: headReceivedAt, finishedAt: .now, transport: .urlSession)))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let state = lock.withLock({ states.removeValue(forKey: task.taskIdentifier) }) else { return }
        // Stopped by Portico (and already ended), or a declined challenge (finished when declined).
        if state.reasonForStop != nil || state.challengeDeclined { return }
        if let error {
            state.complete(.failure(TransportErrors.classify(error, url: task.originalRequest?.url)))
            return
        }
        finish(state)
    }

    /// FoundationNetworking keeps response headers in a dictionary: the wire order is lost, so they
    /// are sorted by name to read the same way every time.
    private static func fields(of response: HTTPURLResponse) -> [HTTPField] {
        response.allHeaderFields.compactMap { key, value -> HTTPField? in
            guard let name = key as? String else { return nil }
            return HTTPField(name, "\(value)")
        }
        .sorted { $0.name.lowercased() < $1.name.lowercased() }
    }
}
