/// How to obtain an OAuth 2.0 access token (RFC 6749) for a request, as saved: every text may hold
/// `{{templates}}`, and an empty text means "not set".
public struct OAuth2Settings: Hashable, Sendable {
    /// The grants Portico can run. The raw values are the `grant_type` names of RFC 6749.
    public enum Grant: String, Hashable, Sendable, CaseIterable {
        case clientCredentials = "client_credentials"
        case password
        case refreshToken = "refresh_token"
        /// With PKCE (RFC 7636, S256) and a loopback redirect (RFC 8252).
        case authorizationCode = "authorization_code"
    }

    /// Where the client id and secret go in a token request (RFC 6749 §2.3.1).
    public enum ClientAuthentication: String, Hashable, Sendable, CaseIterable {
        /// HTTP Basic: what the RFC requires servers to support.
        case basic
        /// `client_id` and `client_secret` as form fields, for servers that want them there.
        case body
    }

    public var grant: Grant
    public var tokenURL: String
    /// Where the user signs in: the authorization-code grant only.
    public var authorizationURL: String
    public var clientID: String
    public var clientSecret: String
    public var clientAuthentication: ClientAuthentication
    public var scope: String
    /// Sent as `audience` when set (Auth0 and others need it to pick the API).
    public var audience: String
    /// The password grant's resource owner.
    public var username: String
    public var password: String
    /// The refresh-token grant's stored token.
    public var refreshToken: String
    /// The loopback port the authorization-code grant listens on; nil picks a free one.
    public var redirectPort: Int?

    public init(grant: Grant, tokenURL: String, authorizationURL: String = "", clientID: String, clientSecret: String = "",
                clientAuthentication: ClientAuthentication = .basic, scope: String = "", audience: String = "",
                username: String = "", password: String = "", refreshToken: String = "", redirectPort: Int? = nil) {
        self.grant = grant
        self.tokenURL = tokenURL
        self.authorizationURL = authorizationURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clientAuthentication = clientAuthentication
        self.scope = scope
        self.audience = audience
        self.username = username
        self.password = password
        self.refreshToken = refreshToken
        self.redirectPort = redirectPort
    }
}
