import Foundation

/// Obtains the access token a request's OAuth 2.0 settings call for: from the store while it is
/// good, by the refresh token the server gave once it has expired, and otherwise by running the
/// grant. Front ends share one per process; the store decides whether tokens outlive it.
public struct OAuth2Authorizer: Sendable {
    public var store: OAuth2TokenStore
    /// Shows the authorization URL of the authorization-code grant; without one that grant fails.
    public var presenter: (any OAuth2AuthorizationPresenter)?
    /// How long a person has to sign in before the authorization-code grant gives up.
    public var signInLimit: Duration
    var now: @Sendable () -> Date

    public init(store: OAuth2TokenStore = OAuth2TokenStore(), presenter: (any OAuth2AuthorizationPresenter)? = nil, signInLimit: Duration = .seconds(300)) {
        self.store = store
        self.presenter = presenter
        self.signInLimit = signInLimit
        now = { Date() }
    }

    /// An access token, and whether it came from the store (then a 401 may mean it was revoked).
    public struct Obtained: Sendable {
        public var accessToken: String
        public var wasCached: Bool
    }

    /// Whether obtaining a token for `credentials` would wait for a person to sign in in a browser
    /// that this authorizer cannot show: the authorization-code grant, without a presenter, with no
    /// token in the store. `portico run` skips such requests instead of failing them.
    public func needsPerson(for credentials: OAuth2Credentials) -> Bool {
        guard credentials.grant == .authorizationCode, presenter == nil else { return false }
        guard let entry = store.entry(for: credentials.cacheKey) else { return true }
        return !entry.token.isUsable(at: now(), issuedAt: entry.issuedAt) && entry.token.refreshToken == nil
    }

    /// - Parameters:
    ///   - timeout: the limit of each token request, the request's own.
    ///   - connection: the request's proxy and TLS settings, which the token request uses too.
    public func accessToken(for credentials: OAuth2Credentials, transport: any HTTPTransport, timeout: Double,
                            connection: ConnectionOptions = ConnectionOptions()) async throws(PorticoError) -> Obtained {
        let key = credentials.cacheKey
        let endpoint = OAuth2TokenEndpoint(transport: transport, connection: connection)
        func deadline() -> ContinuousClock.Instant { .now.advanced(by: .milliseconds(Int64((timeout * 1000).rounded()))) }
        if let entry = store.entry(for: key) {
            if entry.token.isUsable(at: now(), issuedAt: entry.issuedAt) {
                return Obtained(accessToken: entry.token.accessToken, wasCached: true)
            }
            if let refreshToken = entry.token.refreshToken {
                let issuedAt = now()
                do {
                    let token = try await endpoint.requestToken([("grant_type", "refresh_token"), ("refresh_token", refreshToken)], credentials: credentials, deadline: deadline(), now: issuedAt)
                    keep(token, for: key, issuedAt: issuedAt, previousRefreshToken: refreshToken)
                    return Obtained(accessToken: token.accessToken, wasCached: false)
                } catch {
                    // A refused refresh token (expired, revoked) is why the grant runs again below;
                    // a server that cannot be reached fails the same way the grant would.
                    guard error.kind == .input else { throw error }
                }
            }
            try? store.remove(key)
        }
        let issuedAt = now()
        let token: OAuth2Token
        switch credentials.grant {
        case .clientCredentials:
            token = try await endpoint.requestToken([("grant_type", "client_credentials")], credentials: credentials, deadline: deadline(), now: issuedAt)
        case .password:
            token = try await endpoint.requestToken([("grant_type", "password"), ("username", credentials.username), ("password", credentials.password)],
                                                    credentials: credentials, deadline: deadline(), now: issuedAt)
        case .refreshToken:
            guard !credentials.refreshToken.isEmpty else {
                throw .input("the OAuth 2.0 refresh_token grant needs a refresh token (refreshToken in the auth settings)")
            }
            token = try await endpoint.requestToken([("grant_type", "refresh_token"), ("refresh_token", credentials.refreshToken)],
                                                    credentials: credentials, deadline: deadline(), now: issuedAt)
        case .authorizationCode:
            guard let presenter else {
                throw .input("the OAuth 2.0 authorization_code grant needs a person to sign in in a browser: use portico send or the explorer")
            }
            let authorization = try await OAuth2AuthorizationCodeFlow(credentials: credentials, presenter: presenter, signInLimit: signInLimit).authorize()
            token = try await endpoint.requestToken(
                [("grant_type", "authorization_code"), ("code", authorization.code), ("redirect_uri", authorization.redirectURI), ("code_verifier", authorization.codeVerifier)],
                credentials: credentials, deadline: deadline(), now: issuedAt)
        }
        keep(token, for: key, issuedAt: issuedAt, previousRefreshToken: credentials.grant == .refreshToken ? credentials.refreshToken : nil)
        return Obtained(accessToken: token.accessToken, wasCached: false)
    }

    /// Forgets the token the credentials would use: the server refused it before it expired.
    public func invalidate(_ credentials: OAuth2Credentials) {
        try? store.remove(credentials.cacheKey)
    }

    /// Stores a token; a refresh answer without a new refresh token leaves the old one in force (RFC 6749 §6).
    /// A token that cannot be stored is still used: the cost is one more token request next time.
    private func keep(_ token: OAuth2Token, for key: OAuth2TokenKey, issuedAt: Date, previousRefreshToken: String?) {
        var kept = token
        if kept.refreshToken == nil { kept.refreshToken = previousRefreshToken }
        try? store.save(kept, for: key, issuedAt: issuedAt)
    }
}
