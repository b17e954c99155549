import Foundation

/// The transport Portico sends with: URLSession by default, async-http-client when a request needs
/// what URLSession cannot do on Linux (a proxy, TLS settings, a client certificate, a connect
/// timeout, a body with GET) or when the user picks it with `transport:`. The user's `network:`
/// settings fill in what the request and its collection leave unset.
public final class AutomaticTransport: HTTPTransport, Sendable {
    private let urlSession: URLSessionTransport
    private let asyncHTTPClient: AsyncHTTPClientTransport
    private let defaults: ConnectionOptions
    private let environment: [String: String]

    /// - Parameter connectionsPerHost: how many requests each transport puts on the wire to one
    ///   host at once (nil: their defaults, 6 and 8); a load test raises it to its concurrency.
    public init(defaults: ConnectionOptions = ConnectionOptions(), environment: [String: String] = ProcessInfo.processInfo.environment, connectionsPerHost: Int? = nil) {
        self.defaults = defaults
        self.environment = environment
        urlSession = connectionsPerHost.map { URLSessionTransport(connectionsPerHost: $0) } ?? URLSessionTransport()
        asyncHTTPClient = AsyncHTTPClientTransport(environment: environment, connectionsPerHost: connectionsPerHost)
    }

    public func carrier(for request: ResolvedRequest) throws(PorticoError) -> TransportKind {
        try choose(withDefaults(request))
    }

    /// The transport for a request whose options already hold the user's defaults.
    private func choose(_ request: ResolvedRequest) throws(PorticoError) -> TransportKind {
        switch request.options.connection.transport ?? .auto {
        case .urlSession:
            return try urlSession.carrier(for: request)
        case .asyncHTTPClient:
            return .asyncHTTPClient
        case .auto:
            // With proxy variables set, libcurl under URLSession would read them its own way.
            if URLSessionTransport.unmetNeed(of: request) != nil || ProxyRoute.environmentNamesProxy(environment) {
                return .asyncHTTPClient
            }
            return .urlSession
        }
    }

    public func perform(
        _ request: ResolvedRequest,
        deadline: ContinuousClock.Instant,
        bodySink: @escaping @Sendable (ResponseHead) -> any ResponseBodySink
    ) async throws(PorticoError) -> TransportResponse {
        let request = withDefaults(request)
        switch try choose(request) {
        case .urlSession: return try await urlSession.perform(request, deadline: deadline, bodySink: bodySink)
        case .asyncHTTPClient: return try await asyncHTTPClient.perform(request, deadline: deadline, bodySink: bodySink)
        }
    }

    private func withDefaults(_ request: ResolvedRequest) -> ResolvedRequest {
        var request = request
        request.options.connection = request.options.connection.overriding(defaults)
        return request
    }
}
