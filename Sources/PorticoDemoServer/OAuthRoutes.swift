import Foundation
import Hummingbird
import PorticoCore

/// A small OAuth 2.0 authorization server and a resource it protects, for the demo collection and
/// the tests: client `demo-client` with secret `demo-client-secret`, resource owner `demo` with
/// password `open-sesame-42`.
///
/// - `POST /oauth/token`: client_credentials, password, refresh_token and authorization_code (with
///   PKCE S256) grants; the client authenticates with HTTP Basic or in the body. `?expires_in=N`
///   makes the token last N seconds (default 3600), so expiry can be tried out.
/// - `GET /oauth/authorize`: checks the request and redirects at once to the loopback
///   `redirect_uri` with a code and the state (a demo has no one to sign in).
/// - `GET /oauth/protected`: answers only a currently valid bearer token.
/// - `POST /oauth/revoke`: revokes a token (RFC 7009), so a cached token can be made stale.
/// - `GET /oauth/stats?scope=S`: how many token requests asked for scope S, and with which grants.
struct OAuthRoutes {
    static let clientID = "demo-client"
    static let clientSecret = "demo-client-secret"

    let ledger = OAuthLedger()

    func register(on router: Router<BasicRequestContext>) {
        router.post("/oauth/token") { request, _ in
            let form = try await Self.form(request)
            let lifetime = request.uri.queryParameters.get("expires_in", as: Int.self) ?? 3600
            return token(form: form, authorization: request.headers[.authorization], lifetime: lifetime)
        }
        router.get("/oauth/authorize") { request, _ in
            authorize(request.uri.queryParameters)
        }
        router.get("/oauth/protected") { request, _ in
            let header = request.headers[.authorization] ?? ""
            guard header.hasPrefix("Bearer "), let grant = ledger.validAccess(String(header.dropFirst(7))) else {
                return DemoJSON.response(["error": "invalid_token", "error_description": "send a current access token from /oauth/token"], status: .unauthorized,
                                         headers: [.wwwAuthenticate: "Bearer realm=\"portico-demo\", error=\"invalid_token\""])
            }
            var answer: [String: Any] = ["authenticated": true, "client": grant.clientID, "scope": grant.scope]
            if let user = grant.user { answer["user"] = user }
            return DemoJSON.response(answer)
        }
        router.post("/oauth/revoke") { request, _ in
            let form = try await Self.form(request)
            guard Self.client(form: form, authorization: request.headers[.authorization]) else { return Self.invalidClient() }
            ledger.revoke(form["token"] ?? "")
            return DemoJSON.response([:] as [String: Any])
        }
        router.get("/oauth/stats") { request, _ in
            let scope = request.uri.queryParameters.get("scope") ?? ""
            let grants = ledger.requests(scope: scope)
            // A tally that changes: a client must not answer it from its cache.
            return DemoJSON.response(["scope": scope, "token_requests": grants.count, "grants": grants], headers: [.cacheControl: "no-store"])
        }
    }

    private func token(form: [String: String], authorization: String?, lifetime: Int) -> Response {
        let grantType = form["grant_type"] ?? ""
        let requestedScope = form["scope"] ?? ""
        ledger.count(grantType, scope: requestedScope)
        guard Self.client(form: form, authorization: authorization) else { return Self.invalidClient() }
        let grant: OAuthLedger.Grant
        switch grantType {
        case "client_credentials":
            grant = OAuthLedger.Grant(clientID: Self.clientID, user: nil, scope: requestedScope)
        case "password":
            guard form["username"] == AuthRoutes.basicUser, form["password"] == AuthRoutes.basicPassword else {
                return Self.refusal("invalid_grant", "wrong username or password (use \(AuthRoutes.basicUser) / \(AuthRoutes.basicPassword))")
            }
            grant = OAuthLedger.Grant(clientID: Self.clientID, user: AuthRoutes.basicUser, scope: requestedScope)
        case "refresh_token":
            guard let refreshed = ledger.useRefreshToken(form["refresh_token"] ?? "") else {
                return Self.refusal("invalid_grant", "the refresh token is unknown, used or revoked")
            }
            grant = refreshed
        case "authorization_code":
            switch ledger.useCode(form["code"] ?? "", redirectURI: form["redirect_uri"] ?? "", verifier: form["code_verifier"] ?? "") {
            case .success(let granted): grant = granted
            case .failure(let problem): return Self.refusal("invalid_grant", problem.message)
            }
        default:
            return Self.refusal("unsupported_grant_type", "grant_type must be client_credentials, password, refresh_token or authorization_code")
        }
        let issued = ledger.issue(grant, lifetime: lifetime, withRefreshToken: grantType != "client_credentials")
        var answer: [String: Any] = ["access_token": issued.accessToken, "token_type": "Bearer", "expires_in": lifetime]
        if !grant.scope.isEmpty { answer["scope"] = grant.scope }
        if let refreshToken = issued.refreshToken { answer["refresh_token"] = refreshToken }
        return DemoJSON.response(answer, headers: [.cacheControl: "no-store"])
    }

    /// RFC 6749 §4.1.1 and RFC 7636 §4.3: a loopback redirect URI (RFC 8252 §7.3) and an S256 challenge.
    private func authorize(_ query: Parameters) -> Response {
        guard query.get("response_type") == "code" else { return Self.refusal("unsupported_response_type", "response_type must be code") }
        guard query.get("client_id") == Self.clientID else { return Self.refusal("unauthorized_client", "client_id must be \(Self.clientID)") }
        guard let redirectURI = query.get("redirect_uri"), let redirect = URLComponents(string: redirectURI),
              redirect.scheme == "http", ["127.0.0.1", "localhost", "[::1]", "::1"].contains(redirect.host ?? "") else {
            return Self.refusal("invalid_request", "redirect_uri must be a loopback http URI, e.g. http://127.0.0.1:<port>/callback")
        }
        guard query.get("code_challenge_method") == "S256", let challenge = query.get("code_challenge"),
              challenge.count == 43, challenge.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            return Self.refusal("invalid_request", "send a PKCE code_challenge with code_challenge_method S256")
        }
        let code = ledger.issueCode(challenge: challenge, redirectURI: redirectURI, scope: query.get("scope") ?? "")
        var target = redirect
        var items = target.queryItems ?? []
        items.append(URLQueryItem(name: "code", value: code))
        if let state = query.get("state") { items.append(URLQueryItem(name: "state", value: state)) }
        target.queryItems = items
        return Response(status: .found, headers: [.location: target.string ?? redirectURI])
    }

    private static func form(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 1 << 16)
        var form: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            form[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return form
    }

    /// The client proves itself with HTTP Basic (form-encoded id and secret, RFC 6749 §2.3.1) or in the body.
    private static func client(form: [String: String], authorization: String?) -> Bool {
        if let authorization, authorization.hasPrefix("Basic "),
           let decoded = Data(base64Encoded: String(authorization.dropFirst(6))).flatMap({ String(data: $0, encoding: .utf8) }) {
            let parts = decoded.split(separator: ":", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            return parts.count == 2 && parts[0] == clientID && parts[1] == clientSecret
        }
        return form["client_id"] == clientID && form["client_secret"] == clientSecret
    }

    private static func invalidClient() -> Response {
        DemoJSON.response(["error": "invalid_client", "error_description": "client \(clientID) with secret \(clientSecret), as HTTP Basic or in the body"],
                          status: .unauthorized, headers: [.wwwAuthenticate: "Basic realm=\"portico-demo-oauth\""])
    }

    private static func refusal(_ code: String, _ description: String) -> Response {
        DemoJSON.response(["error": code, "error_description": description], status: .badRequest)
    }
}

/// What the demo authorization server issued: access tokens until they expire or are revoked,
/// refresh tokens until used once (they rotate), codes until used once or a minute has passed.
final class OAuthLedger: @unchecked Sendable {
    struct Grant {
        var clientID: String
        var user: String?
        var scope: String
    }

    private struct Code {
        var challenge: String
        var redirectURI: String
        var scope: String
        var expiresAt: Date
    }

    private let lock = NSLock()
    private var accessTokens: [String: (grant: Grant, expiresAt: Date)] = [:]
    private var refreshTokens: [String: Grant] = [:]
    private var codes: [String: Code] = [:]
    private var requestsByScope: [String: [String]] = [:]

    func count(_ grantType: String, scope: String) {
        lock.withLock { requestsByScope[scope, default: []].append(grantType) }
    }

    /// The grant types of the token requests for `scope`, in order.
    func requests(scope: String) -> [String] {
        lock.withLock { requestsByScope[scope] ?? [] }
    }

    func issue(_ grant: Grant, lifetime: Int, withRefreshToken: Bool) -> (accessToken: String, refreshToken: String?) {
        let accessToken = Self.randomToken()
        let refreshToken = withRefreshToken ? Self.randomToken() : nil
        lock.withLock {
            accessTokens[accessToken] = (grant, Date().addingTimeInterval(Double(lifetime)))
            if let refreshToken { refreshTokens[refreshToken] = grant }
        }
        return (accessToken, refreshToken)
    }

    func validAccess(_ token: String) -> Grant? {
        lock.withLock {
            guard let entry = accessTokens[token], entry.expiresAt > Date() else { return nil }
            return entry.grant
        }
    }

    func useRefreshToken(_ token: String) -> Grant? {
        lock.withLock { refreshTokens.removeValue(forKey: token) }
    }

    func revoke(_ token: String) {
        lock.withLock {
            accessTokens[token] = nil
            refreshTokens[token] = nil
        }
    }

    func issueCode(challenge: String, redirectURI: String, scope: String) -> String {
        let code = Self.randomToken()
        lock.withLock { codes[code] = Code(challenge: challenge, redirectURI: redirectURI, scope: scope, expiresAt: Date().addingTimeInterval(60)) }
        return code
    }

    /// RFC 7636 §4.6: the verifier must hash to the challenge the authorization request carried.
    func useCode(_ code: String, redirectURI: String, verifier: String) -> Result<Grant, PorticoError> {
        guard let issued = lock.withLock({ codes.removeValue(forKey: code) }), issued.expiresAt > Date() else {
            return .failure(.input("the code is unknown, used or expired"))
        }
        guard issued.redirectURI == redirectURI else { return .failure(.input("redirect_uri differs from the authorization request's")) }
        guard PKCE.challenge(for: verifier) == issued.challenge else { return .failure(.input("the code_verifier does not match the code_challenge")) }
        return .success(Grant(clientID: OAuthRoutes.clientID, user: AuthRoutes.basicUser, scope: issued.scope))
    }

    private static func randomToken() -> String {
        (0..<20).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
