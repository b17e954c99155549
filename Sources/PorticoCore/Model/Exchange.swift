import Foundation

/// The status line and headers of a response.
public struct ResponseHead: Hashable, Sendable {
    public var status: Int
    public var headers: [HTTPField]
    /// The URL that answered (differs from the request's after redirects).
    public var url: URL
    /// `HTTP/1.1`, `HTTP/2`: known when the transport reports it (async-http-client does;
    /// URLSession on Linux does not).
    public var httpVersion: String?

    public init(status: Int, headers: [HTTPField], url: URL, httpVersion: String? = nil) {
        self.status = status
        self.headers = headers
        self.url = url
        self.httpVersion = httpVersion
    }

    public var reason: String { HTTPStatus.reason(for: status) }
}

/// A redirect that was followed.
public struct RedirectHop: Hashable, Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var status: Int
    public var location: String
    /// From sending this hop to receiving its response head.
    public var duration: Duration

    public init(method: HTTPMethod, url: URL, status: Int, location: String, duration: Duration) {
        self.method = method
        self.url = url
        self.status = status
        self.location = location
        self.duration = duration
    }
}

/// Times measured by Portico itself (FoundationNetworking on Linux delivers no task metrics).
public struct ExchangeTiming: Hashable, Sendable {
    public var startedAt: Date
    /// From the start of the exchange to the head of the final response, redirects included.
    public var timeToFirstByte: Duration?
    /// From the start of the exchange to the last byte of the body, or to the failure.
    public var total: Duration

    public init(startedAt: Date, timeToFirstByte: Duration?, total: Duration) {
        self.startedAt = startedAt
        self.timeToFirstByte = timeToFirstByte
        self.total = total
    }
}

/// One request sent and what came of it: a response, or an error (possibly after part of a response).
public struct Exchange: Sendable {
    public var request: ResolvedRequest
    public var response: ResponseHead?
    public var body: ResponseBody?
    public var redirects: [RedirectHop]
    public var timing: ExchangeTiming
    public var error: PorticoError?
    /// The transport that carried the last hop; nil when nothing was sent.
    public var transport: TransportKind?
    /// Credentials the exchange obtained itself (OAuth 2.0 access tokens): masked wherever the
    /// exchange is shown or recorded, like the values of secret variables.
    public var obtainedSecrets: [String] = []

    public init(request: ResolvedRequest, response: ResponseHead?, body: ResponseBody?, redirects: [RedirectHop], timing: ExchangeTiming, error: PorticoError?, transport: TransportKind? = nil) {
        self.request = request
        self.response = response
        self.body = body
        self.redirects = redirects
        self.timing = timing
        self.error = error
        self.transport = transport
    }
}

extension Duration {
    /// Milliseconds with microsecond precision, for display and JSON.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds / 1_000_000_000_000) / 1000
    }
}
