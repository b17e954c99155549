/// How a request proves who is asking. New kinds are added as cases; the wire form is made in one place
/// (`RequestRenderer`), so adding one does not touch the transports.
public enum Auth: Hashable, Sendable {
    /// Use the collection's default auth.
    case inherit
    case none
    case basic(username: String, password: String)
    /// RFC 7616: the password never crosses the wire; the server's challenge is answered with a hash.
    case digest(username: String, password: String)
    case bearer(token: String)
    case apiKey(name: String, value: String, location: APIKeyLocation)
    /// The token is obtained when the request is sent, then sent as a bearer token.
    case oauth2(OAuth2Settings)
    /// AWS Signature Version 4: each hop is signed when it is sent.
    case awsSigV4(AWSSigV4Settings)
}

public enum APIKeyLocation: String, Hashable, Sendable, CaseIterable {
    case header
    case query
    /// A cookie of that name, added to the request's `Cookie` header.
    case cookie
}
