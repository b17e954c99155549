import Foundation

/// Sends a `ResolvedRequest` through a transport, following redirects itself so that every hop is
/// recorded, enforcing the total deadline, and timing the exchange.
public struct RequestEngine: Sendable {
    public var transport: any HTTPTransport
    /// Obtains the access tokens of requests with OAuth 2.0 auth.
    public var oauth2: OAuth2Authorizer
    /// Keeps the cookies responses set and sends them back (RFC 6265); nil: no cookies are kept.
    public var cookieJar: CookieJar?
    /// The most body bytes (after content decoding) taken from any one response, redirects and
    /// challenges included; past it the exchange ends with `BodySizeLimit.exceeded`, keeping what arrived.
    public var maxBodySize: Int

    public init(transport: any HTTPTransport, oauth2: OAuth2Authorizer = OAuth2Authorizer(), cookieJar: CookieJar? = nil, maxBodySize: Int = BodySizeLimit.defaultSize) {
        self.transport = transport
        self.oauth2 = oauth2
        self.cookieJar = cookieJar
        self.maxBodySize = maxBodySize
    }

    /// - Parameter bodySink: where the final response's body goes; by default a `ResponseBody`
    ///   (memory, spilling to a temporary file), which the returned `Exchange` then holds.
    ///   Bodies of redirects that are followed are discarded.
    /// - Parameter credentialObtained: told each OAuth 2.0 access token before it is sent, so
    ///   what shows the response can mask it as it streams.
    public func send(
        _ request: ResolvedRequest,
        bodySink: @escaping @Sendable (ResponseHead) -> any ResponseBodySink = { _ in ResponseBody() },
        credentialObtained: @escaping @Sendable (String) -> Void = { _ in }
    ) async -> Exchange {
        var obtained: [String] = []
        var exchange = await exchange(request, obtained: &obtained, credentialObtained: credentialObtained, bodySink: bodySink)
        exchange.obtainedSecrets = obtained
        return exchange
    }

    private func exchange(
        _ request: ResolvedRequest,
        obtained: inout [String],
        credentialObtained: @escaping @Sendable (String) -> Void,
        bodySink: @escaping @Sendable (ResponseHead) -> any ResponseBodySink
    ) async -> Exchange {
        // The jar's cookies are part of the request as sent (and as recorded, redacted).
        var request = request
        // The Cookie header the request wrote itself: kept on every hop to the same origin.
        var writtenCookie = request.headers.first(named: "Cookie")
        cookieJar?.apply(to: &request)
        // The token comes first: the sign-in of the authorization-code grant may take a person
        // minutes, which must not count against the request's own time limit.
        var oauth2Token: OAuth2Authorizer.Obtained?
        if let credentials = request.oauth2 {
            do throws(PorticoError) {
                oauth2Token = try await oauth2.accessToken(for: credentials, transport: transport, timeout: request.options.timeout, connection: request.options.connection)
            } catch {
                return Exchange(request: request, response: nil, body: nil, redirects: [],
                                timing: ExchangeTiming(startedAt: Date(), timeToFirstByte: nil, total: .zero), error: error)
            }
        }
        let startedAt = Date()
        let start = ContinuousClock.now
        let timeout = min(max(request.options.timeout, 0), RequestOptions.maximumTimeout)
        let deadline = start.advanced(by: .milliseconds(Int64((timeout * 1000).rounded())))
        var current = request
        var hops: [RedirectHop] = []
        // Whether the current hop's Digest challenge was answered (a second 401 is the answer).
        var digestAnswered = false
        // Whether a cached token the server refused was already replaced (once is enough).
        var tokenRenewed = false
        if let oauth2Token {
            obtained.append(oauth2Token.accessToken)
            credentialObtained(oauth2Token.accessToken)
            Self.authorize(&current, with: oauth2Token.accessToken)
        }
        if request.digest != nil, let known = DigestNonces.shared.next(for: request.url) {
            answer(known.challenge, count: known.count, in: &current)
        }
        let finalSink = SinkHolder()
        var carrier: TransportKind?
        var sentHops = 0

        func failure(_ error: PorticoError, head: ResponseHead? = nil) -> Exchange {
            Exchange(request: request, response: head, body: finalSink.sink as? ResponseBody, redirects: hops,
                     timing: ExchangeTiming(startedAt: startedAt, timeToFirstByte: nil, total: start.duration(to: .now)), error: error, transport: carrier)
        }

        while true {
            if Task.isCancelled { return failure(PorticoError(.cancelled, "cancelled")) }
            let hopStart = ContinuousClock.now
            let follow = request.options.followRedirects
            let mayAnswerDigest = current.digest != nil && !digestAnswered
            let mayRenewToken = current.oauth2 != nil && oauth2Token?.wasCached == true && !tokenRenewed
            if let jar = cookieJar, sentHops > 0 {
                // Every hop after the first (a redirect, an answered challenge) takes the jar's
                // cookies afresh: the last response may have set some, and the URL may have changed.
                current.headers.removeAll(named: "Cookie")
                if let writtenCookie, !writtenCookie.isEmpty { current.headers.append(HTTPField("Cookie", writtenCookie)) }
                jar.apply(to: &current)
            }
            let response: TransportResponse
            let jar = cookieJar
            let maxBodySize = maxBodySize
            let hopURL = current.url
            // Signed here, on a copy, so that each hop is signed as it is sent and the next hop
            // starts from the unsigned request.
            var wire = current
            if let credentials = current.awsSigV4 {
                do throws(PorticoError) {
                    let payloadHash = try AWSSignatureV4.payloadHash(of: current.body)
                    AWSSignatureV4(credentials: credentials).sign(&wire, payloadHash: payloadHash, at: Date())
                } catch {
                    return failure(error, head: finalSink.head)
                }
            }
            do {
                carrier = try transport.carrier(for: current)
                response = try await transport.perform(wire, deadline: deadline) { head in
                    jar?.store(head.headers, from: hopURL)
                    // A body that is thrown away is limited too: an endless one would run to the deadline.
                    if follow, HTTPStatus.isRedirect(head.status), head.headers.contains(named: "Location") {
                        return LimitedBodySink(DiscardingSink(), limit: maxBodySize)
                    }
                    if mayAnswerDigest, head.status == 401, DigestChallenge.parse(head.headers) != nil {
                        return LimitedBodySink(DiscardingSink(), limit: maxBodySize)
                    }
                    if mayRenewToken, head.status == 401 { return LimitedBodySink(DiscardingSink(), limit: maxBodySize) }
                    return LimitedBodySink(finalSink.install(bodySink(head), for: head), limit: maxBodySize)
                }
            } catch {
                // A timeout at the deadline is the total limit; one before it is the transport's own
                // (the connect timeout), whose message says so.
                let message = error.kind == .timeout && ContinuousClock.now >= deadline
                    ? "timed out after \(Self.seconds(request.options.timeout)) (the request's total time limit)"
                    : error.message
                return failure(PorticoError(error.kind, message), head: finalSink.head)
            }
            sentHops += 1
            let head = response.head
            if mayAnswerDigest, head.status == 401, let challenge = DigestChallenge.parse(head.headers) {
                digestAnswered = true
                DigestNonces.shared.start(challenge, for: current.url)
                do throws(PorticoError) {
                    try answerOrFail(challenge, count: 1, in: &current)
                } catch {
                    return failure(error, head: head)
                }
                continue
            }
            if mayRenewToken, head.status == 401, let credentials = current.oauth2 {
                // A cached token refused before its time was revoked or rotated: get a new one, try once more.
                tokenRenewed = true
                oauth2.invalidate(credentials)
                do throws(PorticoError) {
                    let fresh = try await oauth2.accessToken(for: credentials, transport: transport, timeout: request.options.timeout, connection: request.options.connection)
                    obtained.append(fresh.accessToken)
                    credentialObtained(fresh.accessToken)
                    Self.authorize(&current, with: fresh.accessToken)
                } catch {
                    return failure(error, head: head)
                }
                continue
            }
            guard follow, HTTPStatus.isRedirect(head.status), let location = head.headers.first(named: "Location") else {
                return Exchange(
                    request: request, response: head, body: finalSink.sink as? ResponseBody, redirects: hops,
                    timing: ExchangeTiming(startedAt: startedAt, timeToFirstByte: start.duration(to: response.headReceivedAt), total: start.duration(to: response.finishedAt)),
                    error: nil, transport: response.transport)
            }
            hops.append(RedirectHop(method: current.method, url: current.url, status: head.status, location: location, duration: hopStart.duration(to: response.headReceivedAt)))
            if hops.count > request.options.maxRedirects {
                return failure(PorticoError(.protocol, "stopped after \(request.options.maxRedirects) redirects (the request's limit); the last pointed to \(location)"), head: head)
            }
            guard let next = Self.redirect(current, status: head.status, location: location) else {
                return failure(PorticoError(.protocol, "redirect to an invalid location '\(location)'"), head: head)
            }
            // The request's own Cookie header is not sent on to another origin.
            if !Self.sameOrigin(current.url, next.url) { writtenCookie = nil }
            current = next
            // A new hop gets its own challenge; an answer for another URI would be refused.
            digestAnswered = false
            if current.digest != nil {
                current.headers.removeAll(named: "Authorization")
                if let known = DigestNonces.shared.next(for: current.url) { answer(known.challenge, count: known.count, in: &current) }
            }
        }
    }

    private static func authorize(_ request: inout ResolvedRequest, with accessToken: String) {
        request.headers.removeAll(named: "Authorization")
        request.headers.append(HTTPField("Authorization", "Bearer " + accessToken))
    }

    /// Sets the `Authorization` answering `challenge` with the request's Digest credentials.
    private func answerOrFail(_ challenge: DigestChallenge, count: Int, in request: inout ResolvedRequest) throws(PorticoError) {
        guard let credentials = request.digest else { return }
        var uri = request.url.path(percentEncoded: true)
        if uri.isEmpty { uri = "/" }
        if let query = request.url.query(percentEncoded: true) { uri += "?" + query }
        let cnonce = (0..<16).map { _ in UInt8.random(in: 0...255) }.hexText
        let value = try challenge.authorization(username: credentials.username, password: credentials.password, method: request.method.rawValue, uri: uri, count: count, cnonce: cnonce)
        request.headers.removeAll(named: "Authorization")
        request.headers.append(HTTPField("Authorization", value))
    }

    /// Answers a remembered challenge at once; if it cannot be answered, the server's 401 will say so.
    private func answer(_ challenge: DigestChallenge, count: Int, in request: inout ResolvedRequest) {
        try? answerOrFail(challenge, count: count, in: &request)
    }

    /// The request for the next hop, as curl and the Fetch standard do it: 303 becomes GET without a
    /// body (HEAD stays HEAD), 301 and 302 turn POST into GET and keep other methods, 307 and 308
    /// keep method and body. Credentials are not sent to another origin.
    static func redirect(_ request: ResolvedRequest, status: Int, location: String) -> ResolvedRequest? {
        guard let target = URL(string: location, relativeTo: request.url)?.absoluteURL,
              let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https", target.host != nil
        else { return nil }
        var next = request
        next.url = target
        if (status == 303 && request.method != .head) || ([301, 302].contains(status) && request.method == .post) {
            next.method = .get
            next.body = .none
            for name in ["Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding"] {
                next.headers.removeAll(named: name)
            }
        }
        if !sameOrigin(request.url, target) {
            next.digest = nil
            next.oauth2 = nil
            next.awsSigV4 = nil
            for name in ["Authorization", "Cookie", "Proxy-Authorization"] + request.credentialHeaders {
                next.headers.removeAll(named: name)
            }
        }
        return next
    }

    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        origin(of: a) == origin(of: b)
    }

    /// Scheme, host and port (the scheme's default when none is given), as one key.
    static func origin(of url: URL) -> String {
        "\(url.scheme?.lowercased() ?? "")://\(url.host?.lowercased() ?? ""):\(url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80))"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// Remembers the sink of the final response so the exchange can hand it back.
private final class SinkHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var installed: (any ResponseBodySink)?
    private var installedHead: ResponseHead?

    var sink: (any ResponseBodySink)? { lock.withLock { installed } }
    /// The head of the final response, so an exchange that breaks off mid-body still shows it.
    var head: ResponseHead? { lock.withLock { installedHead } }

    func install(_ sink: any ResponseBodySink, for head: ResponseHead) -> any ResponseBodySink {
        lock.withLock {
            installed = sink
            installedHead = head
        }
        return sink
    }
}

/// Takes the body of a redirect that is followed and drops it.
final class DiscardingSink: ResponseBodySink {
    func receive(_ chunk: Data) throws(PorticoError) {}
    func finish() throws(PorticoError) {}
}
