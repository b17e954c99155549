import Foundation

/// OAuth 2.0 settings with every template rendered: what the token request is made of. Carried on
/// the `ResolvedRequest`, since the token is obtained only when the request is sent.
public struct OAuth2Credentials: Hashable, Sendable {
    public var grant: OAuth2Settings.Grant
    public var tokenURL: URL
    public var authorizationURL: URL?
    public var clientID: String
    public var clientSecret: String
    public var clientAuthentication: OAuth2Settings.ClientAuthentication
    public var scope: String
    public var audience: String
    public var username: String
    public var password: String
    public var refreshToken: String
    public var redirectPort: Int?

    public init(grant: OAuth2Settings.Grant, tokenURL: URL, authorizationURL: URL? = nil, clientID: String, clientSecret: String = "",
                clientAuthentication: OAuth2Settings.ClientAuthentication = .basic, scope: String = "", audience: String = "",
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

    /// Which cached token these credentials may use: a token is good for the same server, client,
    /// grant, scope and user, and for no other.
    public var cacheKey: OAuth2TokenKey {
        OAuth2TokenKey(tokenURL: tokenURL.absoluteString, clientID: clientID, grant: grant.rawValue, scope: scope, username: username)
    }
}

/// The identity of a cached token.
public struct OAuth2TokenKey: Hashable, Sendable, Codable {
    public var tokenURL: String
    public var clientID: String
    public var grant: String
    public var scope: String
    public var username: String
}
