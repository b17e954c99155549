import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOSSL

/// The second transport, over SwiftNIO: it can go through HTTP and SOCKS proxies, turn certificate
/// verification off, trust extra CAs, present a client certificate, speak HTTP/2 when the server
/// offers it, and send a body with GET, none of which FoundationNetworking can do on Linux.
/// Like URLSession it never follows redirects (the `RequestEngine` does), keeps no cookies and adds
/// no credentials.
public final class AsyncHTTPClientTransport: HTTPTransport, Sendable {
    private let clients = ClientPool.shared
    private let environment: [String: String]
    private let connectionsPerHost: Int?

    /// - Parameter environment: where the standard proxy variables are read when a request names no proxy.
    /// - Parameter connectionsPerHost: how many connections to one host the client keeps at once
    ///   (nil: async-http-client's default, 8); `portico bench -c N` needs at least N.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, connectionsPerHost: Int? = nil) {
        self.environment = environment
        self.connectionsPerHost = connectionsPerHost
    }

    public func perform(
        _ request: ResolvedRequest,
        deadline: ContinuousClock.Instant,
        bodySink: @escaping @Sendable (ResponseHead) -> any ResponseBodySink
    ) async throws(PorticoError) -> TransportResponse {
        let proxy = try ProxyRoute.proxy(for: request.url, options: request.options.connection, environment: environment)
        return try await perform(request, proxy: proxy, deadline: deadline, bodySink: bodySink)
    }

    public func carrier(for request: ResolvedRequest) throws(PorticoError) -> TransportKind { .asyncHTTPClient }

    /// Sends through `proxy` (nil: directly), already chosen by the caller.
    func perform(
        _ request: ResolvedRequest,
        proxy: ProxyEndpoint?,
        deadline: ContinuousClock.Instant,
        bodySink: @escaping @Sendable (ResponseHead) -> any ResponseBodySink
    ) async throws(PorticoError) -> TransportResponse {
        if Task.isCancelled { throw PorticoError(.cancelled, "cancelled") }
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { throw PorticoError(.timeout, "timed out before sending \(request.url.absoluteString)") }
        let connection = request.options.connection
        let client = clients.client(for: ClientPool.Key(proxy: proxy, connectTimeoutMilliseconds: connection.connectTimeout.map { Int64(($0 * 1000).rounded()) }, connectionsPerHost: connectionsPerHost))
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        outgoing.tlsConfiguration = try TLSSettings.configuration(for: connection)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        // libcurl under URLSession asks for compressed bodies and inflates them; so does this one,
        // unless the request asks for an encoding itself.
        if !request.headers.contains(named: "Accept-Encoding") { outgoing.headers.add(name: "Accept-Encoding", value: "gzip, deflate") }
        // curl's default, which URLSession's libcurl sends too.
        if !request.headers.contains(named: "Accept") { outgoing.headers.add(name: "Accept", value: "*/*") }
        switch request.body {
        case .none: break
        case .data(let data): outgoing.body = .bytes(ByteBuffer(bytes: data))
        case .file(let url): outgoing.body = try FileUpload.body(url)
        }

        let nioDeadline = NIODeadline.now() + .nanoseconds(Int64(remaining.components.seconds) * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000)
        let url = request.url
        let prepared = outgoing
        let exchange: @Sendable () async throws -> TransportResponse = {
            let response = try await client.execute(prepared, deadline: nioDeadline)
            // Headers as the server sent them, in its order, as URLSession shows them too: an
            // inflated body keeps its Content-Encoding and Content-Length.
            let fields = response.headers.map { HTTPField($0.name, $0.value) }
            let head = ResponseHead(status: Int(response.status.code), headers: fields, url: url, httpVersion: Self.versionText(response.version))
            let headReceivedAt = ContinuousClock.now
            let sink = bodySink(head)
            for try await buffer in response.body {
                try sink.receive(Data(buffer.readableBytesView))
            }
            try sink.finish()
            return TransportResponse(head: head, headReceivedAt: headReceivedAt, finishedAt: .now, transport: .asyncHTTPClient)
        }
        do {
            return try await withThrowingTaskGroup(of: TransportResponse?.self) { group in
                group.addTask { try await exchange() }
                // The client's own deadline ends with the response head; the body is bounded here.
                group.addTask {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw PorticoError(.timeout, "timed out after the request's time limit")
                }
                return response
            }
        } catch let error as PorticoError {
            throw error
        } catch {
            if Task.isCancelled { throw PorticoError(.cancelled, "cancelled") }
            throw AsyncHTTPClientErrors.classify(error, url: request.url, proxy: proxy)
        }
    }

    static func versionText(_ version: HTTPVersion) -> String {
        version.major >= 2 ? "HTTP/\(version.major)" : "HTTP/\(version.major).\(version.minor)"
    }
}

/// One `HTTPClient` per proxy, connect timeout and connection limit (the only settings fixed per client; TLS is set per
/// request). Clients live as long as the process, in one shared pool: an `HTTPClient` must be shut
/// down before it is released, shutting one down while another task may still use it would fail
/// that exchange, and a process has only a handful of distinct settings.
private final class ClientPool: Sendable {
    static let shared = ClientPool()

    struct Key: Hashable {
        var proxy: ProxyEndpoint?
        var connectTimeoutMilliseconds: Int64?
        var connectionsPerHost: Int?
    }

    private let clients = NIOLockedValueBox<[Key: HTTPClient]>([:])

    func client(for key: Key) -> HTTPClient {
        clients.withLockedValue { clients in
            if let client = clients[key] { return client }
            // No decompression limit here: NIO inflates in 16 KiB steps as the body is read, and
            // the RequestEngine counts the inflated bytes and stops the exchange at the user's
            // body size limit (BodySizeLimit), with its own message and keeping what arrived.
            var configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                decompression: .enabled(limit: .none))
            // A refused connection or a failed handshake is reported at once, as URLSession does,
            // not retried with back-off until the connect timeout.
            configuration.connectionPool.retryConnectionEstablishment = false
            if let connections = key.connectionsPerHost {
                configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
            }
            if let milliseconds = key.connectTimeoutMilliseconds {
                configuration.timeout.connect = .milliseconds(milliseconds)
            }
            if let proxy = key.proxy {
                switch proxy.kind {
                case .http:
                    let authorization = proxy.username.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
                    configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
                case .socks5:
                    configuration.proxy = .socksServer(host: proxy.host, port: proxy.port)
                }
            }
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[key] = client
            return client
        }
    }
}
