import Foundation
@testable import PorticoCore
import PorticoDemoServer
import Testing

/// OAuth 2.0 against the demo server's authorization server. Each test asks for its own scope, so
/// the server's count of token requests per scope is the test's own whatever runs beside it.
@Suite("OAuth 2.0")
struct OAuth2Tests {
    /// A request to the protected resource with these settings, rendered as a send would.
    private func protectedRequest(_ settings: OAuth2Settings, variables: [Variable] = []) throws -> ResolvedRequest {
        let template = RequestTemplate(name: "protected", url: "{{base}}/oauth/protected", auth: .oauth2(settings))
        return try RequestRenderer(scope: VariableScope(overrides: variables), baseDirectory: URL(fileURLWithPath: "/")).render(template)
    }

    private func settings(_ grant: OAuth2Settings.Grant, scope: String, tokenQuery: String = "") -> OAuth2Settings {
        OAuth2Settings(grant: grant, tokenURL: "{{base}}/oauth/token\(tokenQuery)", clientID: "demo-client", clientSecret: "{{clientSecret}}",
                       scope: scope, username: grant == .password ? "demo" : "", password: grant == .password ? "{{password}}" : "")
    }

    private func variables() async throws -> [Variable] {
        [Variable("base", try await TestServer.baseURL()), Variable("clientSecret", "demo-client-secret", isSecret: true),
         Variable("password", "open-sesame-42", isSecret: true)]
    }

    /// The grant types of the token requests the server saw for `scope`.
    private func tokenRequests(scope: String) async throws -> [String] {
        var components = URLComponents(url: try await TestServer.url("/oauth/stats"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "scope", value: scope)]
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: components.url!))
        return exchange.bodyJSON["grants"] as? [String] ?? ["(no stats: \(exchange.bodyText))"]
    }

    private func uniqueScope(_ name: String) -> String { "\(name)-\(UUID().uuidString.prefix(8))" }

    @Test func theTokenRequestTakesTheRequestsProxyAndTLSSettings() async throws {
        let transport = RecordingTransport()
        var request = try protectedRequest(settings(.clientCredentials, scope: uniqueScope("connection")), variables: try await variables())
        request.options.connection = ConnectionOptions(transport: .asyncHTTPClient, connectTimeout: 5, verifyTLS: false)
        let exchange = await RequestEngine(transport: transport, oauth2: OAuth2Authorizer(store: OAuth2TokenStore(file: FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString).json")))).send(request)
        #expect(exchange.response?.status == 200, "\(String(describing: exchange.error))")
        let sent = transport.sent
        #expect(sent.map(\.url.path) == ["/oauth/token", "/oauth/protected"])
        #expect(sent.allSatisfy { $0.options.connection == request.options.connection })
    }

    @Test func theS256ChallengeIsTheRFCExample() {
        // RFC 7636 Appendix B.
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        let verifier = PKCE.makeVerifier()
        #expect(verifier.count == 43)
        #expect(verifier != PKCE.makeVerifier())
    }

    @Test func aRequestFileKeepsEveryOAuth2Setting() throws {
        let settings = OAuth2Settings(grant: .authorizationCode, tokenURL: "{{base}}/oauth/token", authorizationURL: "{{base}}/oauth/authorize",
                                      clientID: "demo-client", clientSecret: "{{clientSecret}}", clientAuthentication: .body, scope: "read write",
                                      audience: "api", username: "", password: "", refreshToken: "", redirectPort: 8765)
        let template = RequestTemplate(name: "o", url: "http://x/", auth: .oauth2(settings))
        let text = try RequestFileFormat.encode(template)
        #expect(text.contains("""
            auth:
              oauth2:
                grant: authorization_code
                tokenUrl: '{{base}}/oauth/token'
                authorizationUrl: '{{base}}/oauth/authorize'
                clientId: demo-client
                clientSecret: '{{clientSecret}}'
                clientAuth: body
                scope: read write
                audience: api
                redirectPort: 8765
            """), "\(text)")
        #expect(try RequestFileFormat.decode(text, defaultName: "o").auth == template.auth)
        let minimal = OAuth2Settings(grant: .clientCredentials, tokenURL: "https://id.example/token", clientID: "c")
        let round = try RequestFileFormat.decode(try RequestFileFormat.encode(RequestTemplate(name: "m", url: "http://x/", auth: .oauth2(minimal))), defaultName: "m")
        #expect(round.auth == .oauth2(minimal))
    }

    @Test func aRequestFileSaysWhatAGrantLacks() {
        func problem(_ auth: String) -> String {
            do {
                _ = try RequestFileFormat.decode("id: x\nurl: http://x/\nauth:\n  oauth2:\n" + auth, defaultName: "x")
                return "no problem"
            } catch { return error.message }
        }
        #expect(problem("    grant: implicit\n    tokenUrl: http://t/\n    clientId: c\n").hasPrefix("auth.oauth2.grant must be one of: client_credentials, password, refresh_token, authorization_code"))
        #expect(problem("    grant: client_credentials\n    clientId: c\n") == "auth.oauth2 has no 'tokenUrl'")
        #expect(problem("    grant: client_credentials\n    tokenUrl: http://t/\n    clientId: c\n    clientAuth: header\n") == "auth.oauth2.clientAuth must be one of: basic, body")
    }

    @Test func whatAGrantLacksIsSaidWhenItIsSent() async throws {
        let code = OAuth2Settings(grant: .authorizationCode, tokenURL: "http://t/token", clientID: "c")
        #expect(throws: PorticoError.input("OAuth 2.0 authorization URL: invalid URL: it is empty")) { try protectedRequest(code, variables: [Variable("base", "http://x")]) }
        let refresh = try protectedRequest(OAuth2Settings(grant: .refreshToken, tokenURL: "{{base}}/oauth/token", clientID: "demo-client"), variables: try await variables())
        let exchange = await RequestEngine(transport: URLSessionTransport()).send(refresh)
        #expect(exchange.error == .input("the OAuth 2.0 refresh_token grant needs a refresh token (refreshToken in the auth settings)"))
    }

    @Test func clientCredentialsGetATokenOnceAndReuseIt() async throws {
        let scope = uniqueScope("cc")
        let engine = RequestEngine(transport: URLSessionTransport())
        let request = try protectedRequest(settings(.clientCredentials, scope: scope), variables: try await variables())
        #expect(request.oauth2 != nil)
        #expect(!request.headers.contains(named: "Authorization"))
        for _ in 0..<3 {
            let exchange = await engine.send(request)
            #expect(exchange.error == nil)
            #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
            #expect(exchange.bodyJSON["scope"] as? String == scope)
        }
        #expect(try await tokenRequests(scope: scope) == ["client_credentials"])
    }

    @Test func thePasswordGrantCanSendTheClientInTheBody() async throws {
        let scope = uniqueScope("pw")
        var password = settings(.password, scope: scope)
        password.clientAuthentication = .body
        let exchange = await RequestEngine(transport: URLSessionTransport()).send(try protectedRequest(password, variables: try await variables()))
        #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
        #expect(exchange.bodyJSON["user"] as? String == "demo")
        #expect(try await tokenRequests(scope: scope) == ["password"])
    }

    @Test func aStoredRefreshTokenGetsAnAccessToken() async throws {
        let scope = uniqueScope("rt")
        let variables = try await variables()
        // A refresh token as a person would have one: from an earlier password grant.
        let store = OAuth2TokenStore()
        let first = try #require(try protectedRequest(settings(.password, scope: scope), variables: variables).oauth2)
        _ = try await OAuth2Authorizer(store: store).accessToken(for: first, transport: URLSessionTransport(), timeout: 10)
        let refreshToken = try #require(store.entry(for: first.cacheKey)?.token.refreshToken)

        var refresh = settings(.refreshToken, scope: scope)
        refresh.refreshToken = "{{refreshToken}}"
        let request = try protectedRequest(refresh, variables: variables + [Variable("refreshToken", refreshToken, isSecret: true)])
        let exchange = await RequestEngine(transport: URLSessionTransport()).send(request)
        #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
        #expect(exchange.bodyJSON["user"] as? String == "demo")
        #expect(try await tokenRequests(scope: scope) == ["password", "refresh_token"])
    }

    @Test func anExpiredTokenIsRenewedWithItsRefreshToken() async throws {
        let scope = uniqueScope("expiry")
        // The client's clock is moved past the token's 60 s rather than waiting: a loaded machine
        // could let a 1 s token run out on its way to the server.
        let clock = ShiftedClock()
        var authorizer = OAuth2Authorizer()
        authorizer.now = { clock.now }
        let engine = RequestEngine(transport: URLSessionTransport(), oauth2: authorizer)
        let request = try protectedRequest(settings(.password, scope: scope, tokenQuery: "?expires_in=60"), variables: try await variables())
        let first = await engine.send(request)
        #expect(first.response?.status == 200, "\(first.bodyText)")
        #expect(await engine.send(request).response?.status == 200)
        #expect(try await tokenRequests(scope: scope) == ["password"])
        clock.advance(by: 61)
        let second = await engine.send(request)
        #expect(second.response?.status == 200, "\(second.bodyText)")
        #expect(try await tokenRequests(scope: scope) == ["password", "refresh_token"])
    }

    @Test func aRevokedCachedTokenIsReplacedOnceAfterA401() async throws {
        let scope = uniqueScope("revoked")
        let store = OAuth2TokenStore()
        let engine = RequestEngine(transport: URLSessionTransport(), oauth2: OAuth2Authorizer(store: store))
        let request = try protectedRequest(settings(.clientCredentials, scope: scope), variables: try await variables())
        #expect(await engine.send(request).response?.status == 200)
        let credentials = try #require(request.oauth2)
        let token = try #require(store.entry(for: credentials.cacheKey)?.token.accessToken)

        var revoke = ResolvedRequest(method: .post, url: try await TestServer.url("/oauth/revoke"), body: .data(Data("token=\(token)".utf8)))
        revoke.headers = [HTTPField("Content-Type", "application/x-www-form-urlencoded"),
                          HTTPField("Authorization", "Basic " + Data("demo-client:demo-client-secret".utf8).base64EncodedString())]
        #expect(await TestServer.send(revoke).response?.status == 200)

        let exchange = await engine.send(request)
        #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
        #expect(try await tokenRequests(scope: scope) == ["client_credentials", "client_credentials"])
        #expect(store.entry(for: credentials.cacheKey)?.token.accessToken != token)
    }

    @Test func aFreshTokenRefusedIsNotRetried() async throws {
        // The token endpoint answers, but the resource refuses every token it issues for another audience:
        // here /bearer, which wants its own fixed token. A fresh token's 401 is the answer.
        let scope = uniqueScope("fresh401")
        let template = RequestTemplate(name: "b", url: "{{base}}/bearer", auth: .oauth2(settings(.clientCredentials, scope: scope)))
        let request = try RequestRenderer(scope: VariableScope(overrides: try await variables()), baseDirectory: URL(fileURLWithPath: "/")).render(template)
        let exchange = await RequestEngine(transport: URLSessionTransport()).send(request)
        #expect(exchange.response?.status == 401)
        #expect(try await tokenRequests(scope: scope) == ["client_credentials"])
    }

    @Test func aRefusedTokenRequestNamesTheEndpointTheErrorAndTheStatus() async throws {
        let scope = uniqueScope("refused")
        let base = try await TestServer.baseURL()
        let wrongSecret = try protectedRequest(settings(.clientCredentials, scope: scope),
                                               variables: try await variables() + [Variable("clientSecret", "guess", isSecret: true)])
        let exchange = await RequestEngine(transport: URLSessionTransport()).send(wrongSecret)
        #expect(exchange.response == nil)
        #expect(exchange.error?.kind == .input)
        #expect(exchange.error?.message.hasPrefix("the OAuth 2.0 token endpoint \(base)/oauth/token answered 401 Unauthorized: invalid_client (") == true, "\(exchange.error?.message ?? "")")

        let wrongPassword = try protectedRequest(settings(.password, scope: scope),
                                                 variables: try await variables() + [Variable("password", "guess", isSecret: true)])
        let refused = await RequestEngine(transport: URLSessionTransport()).send(wrongPassword)
        #expect(refused.error?.message == "the OAuth 2.0 token endpoint \(base)/oauth/token answered 400 Bad Request: invalid_grant (wrong username or password (use demo / open-sesame-42))")
        #expect(try await tokenRequests(scope: scope) == ["client_credentials", "password"])
    }

    @Test func theAuthorizationCodeGrantFollowsTheRedirectToTheLoopbackAndChecksState() async throws {
        let scope = uniqueScope("code")
        var code = settings(.authorizationCode, scope: scope)
        code.authorizationURL = "{{base}}/oauth/authorize"
        let request = try protectedRequest(code, variables: try await variables())
        let browser = TestBrowser()
        let engine = RequestEngine(transport: URLSessionTransport(), oauth2: OAuth2Authorizer(presenter: browser))
        let exchange = await engine.send(request)
        #expect(exchange.error == nil)
        #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
        #expect(exchange.bodyJSON["user"] as? String == "demo")
        #expect(try await tokenRequests(scope: scope) == ["authorization_code"])

        let shown = try #require(browser.shown.first)
        let query = Dictionary(uniqueKeysWithValues: (URLComponents(url: shown, resolvingAgainstBaseURL: false)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["response_type"] == "code")
        #expect(query["redirect_uri"]?.hasPrefix("http://127.0.0.1:") == true)
        #expect(query["scope"] == scope)
        // Had the forged redirect been taken, its code would have been refused at the token endpoint.
        #expect(Array(browser.events.prefix(2)) == ["present", "forged redirect answered 200"])
        #expect(browser.events.contains("dismiss"))
    }

    @Test func theAuthorizationCodeGrantNeedsSomeoneToShowTheURLTo() async throws {
        var code = settings(.authorizationCode, scope: uniqueScope("nobody"))
        code.authorizationURL = "{{base}}/oauth/authorize"
        let exchange = await RequestEngine(transport: URLSessionTransport()).send(try protectedRequest(code, variables: try await variables()))
        #expect(exchange.error?.message.contains("needs a person to sign in") == true)
    }

    @Test func theStoreIsAPrivateFileThatOutlivesTheProcessAndCanBeCleared() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let file = temporary.url.appendingPathComponent("oauth/tokens.json")
        let key = OAuth2TokenKey(tokenURL: "https://id.example/token", clientID: "c", grant: "client_credentials", scope: "s", username: "")
        let issued = Date()
        try OAuth2TokenStore(file: file).save(OAuth2Token(accessToken: "at-1", expiresAt: issued.addingTimeInterval(100)), for: key, issuedAt: issued)
        #expect(!String(decoding: try Data(contentsOf: file), as: UTF8.self).contains("at-1"), "the token is sealed on disk")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[.posixPermissions] as? Int) == 0o700)

        let another = OAuth2TokenStore(file: file)
        let entry = try #require(another.entry(for: key))
        #expect(entry.token.accessToken == "at-1")
        // Usable until a tenth of its lifetime before it ends.
        #expect(entry.token.isUsable(at: issued.addingTimeInterval(89), issuedAt: entry.issuedAt))
        #expect(!entry.token.isUsable(at: issued.addingTimeInterval(91), issuedAt: entry.issuedAt))
        #expect(try another.removeAll() == 1)
        #expect(OAuth2TokenStore(file: file).entry(for: key) == nil)
    }
}

/// The time as the authorizer sees it, moved forward by the test.
private final class ShiftedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0
    var now: Date { lock.withLock { Date().addingTimeInterval(offset) } }
    func advance(by seconds: TimeInterval) { lock.withLock { offset += seconds } }
}

/// Plays the person at the browser: first a forged redirect with another state, which must be
/// ignored, then the authorization URL followed to the loopback listener.
private final class TestBrowser: OAuth2AuthorizationPresenter, @unchecked Sendable {
    private let lock = NSLock()
    private var shownURLs: [URL] = []
    private var eventLog: [String] = []

    var shown: [URL] { lock.withLock { shownURLs } }
    var events: [String] { lock.withLock { eventLog } }

    private func log(_ event: String) { lock.withLock { eventLog.append(event) } }

    func present(authorizationURL url: URL) async {
        lock.withLock { shownURLs.append(url) }
        log("present")
        let redirectURI = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "redirect_uri" }?.value ?? ""
        let engine = RequestEngine(transport: URLSessionTransport())
        Task {
            let forged = await engine.send(ResolvedRequest(method: .get, url: URL(string: redirectURI + "?code=forged&state=not-yours")!))
            self.log("forged redirect answered \(forged.response?.status ?? 0)")
            let followed = await engine.send(ResolvedRequest(method: .get, url: url))
            if followed.response?.status == 200 { self.log("redirect followed") }
        }
    }

    func dismiss() async { log("dismiss") }
}

/// The real transport, keeping what it was asked to send.
private final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner = AutomaticTransport(environment: [:])
    private let lock = NSLock()
    private var requests: [ResolvedRequest] = []

    var sent: [ResolvedRequest] { lock.withLock { requests } }

    func carrier(for request: ResolvedRequest) throws(PorticoError) -> TransportKind { try inner.carrier(for: request) }

    func perform(_ request: ResolvedRequest, deadline: ContinuousClock.Instant,
                 bodySink: @escaping @Sendable (ResponseHead) -> any ResponseBodySink) async throws(PorticoError) -> TransportResponse {
        lock.withLock { requests.append(request) }
        return try await inner.perform(request, deadline: deadline, bodySink: bodySink)
    }
}
