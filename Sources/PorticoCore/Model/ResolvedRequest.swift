import Foundation

/// One header line: name and value as sent or received, in order.
public struct HTTPField: Hashable, Sendable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    // As JSON a header is a two-element array, so order and duplicates survive and files stay small.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        name = try container.decode(String.self)
        value = try container.decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(name)
        try container.encode(value)
    }
}

extension Array where Element == HTTPField {
    /// The first value of a header, compared case-insensitively as HTTP requires.
    public func first(named name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public func contains(named name: String) -> Bool { first(named: name) != nil }

    public mutating func removeAll(named name: String) {
        removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// The bytes a request carries on the wire.
public enum ResolvedBody: Hashable, Sendable {
    case none
    case data(Data)
    /// Streamed from the file when sent, so large uploads are not held in memory.
    case file(URL)

    public var isEmpty: Bool {
        switch self {
        case .none: true
        case .data(let data): data.isEmpty
        case .file: false
        }
    }
}

/// A request with every template rendered: exactly what goes on the wire.
public struct ResolvedRequest: Hashable, Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: [HTTPField]
    public var body: ResolvedBody
    public var options: RequestOptions
    /// Headers that carry a credential besides Authorization, Cookie and Proxy-Authorization (an
    /// API-key header): like those, they are not sent on to another origin by a redirect.
    public var credentialHeaders: [String]
    /// Digest credentials: sent as the answer to the server's challenge, never as they are.
    public var digest: DigestCredentials?
    /// OAuth 2.0 settings: the access token is obtained when the request is sent.
    public var oauth2: OAuth2Credentials?
    /// AWS Signature Version 4 credentials: each hop is signed as it is sent.
    public var awsSigV4: AWSSigV4Credentials?

    public init(method: HTTPMethod, url: URL, headers: [HTTPField] = [], body: ResolvedBody = .none, options: RequestOptions = RequestOptions(), credentialHeaders: [String] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.options = options
        self.credentialHeaders = credentialHeaders
    }
}

/// A rendered Digest username and password.
public struct DigestCredentials: Hashable, Sendable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}
