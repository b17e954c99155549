import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The redirect target of the authorization-code grant for a native app (RFC 8252 §7.3): an HTTP
/// listener on 127.0.0.1 only, so nothing off the machine can reach it. Each request to
/// `/callback` is handed on with its query; the browser gets a short page saying it may close.
final class LoopbackRedirectListener: Sendable {
    let port: Int
    /// The redirects received, in order.
    let redirects: AsyncStream<URLComponents>
    private let continuation: AsyncStream<URLComponents>.Continuation
    private let channel: any Channel

    var redirectURI: String { "http://127.0.0.1:\(port)/callback" }

    private init(port: Int, redirects: AsyncStream<URLComponents>, continuation: AsyncStream<URLComponents>.Continuation, channel: any Channel) {
        self.port = port
        self.redirects = redirects
        self.continuation = continuation
        self.channel = channel
    }

    /// Listens on `port`, or on a free port when it is nil.
    static func start(port: Int?) async throws(PorticoError) -> LoopbackRedirectListener {
        let (redirects, continuation) = AsyncStream.makeStream(of: URLComponents.self)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RedirectHandler(continuation: continuation))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: "127.0.0.1", port: port ?? 0).get()
            guard let bound = channel.localAddress?.port else {
                try? await channel.close()
                throw PorticoError.input("the OAuth 2.0 redirect listener has no port")
            }
            return LoopbackRedirectListener(port: bound, redirects: redirects, continuation: continuation, channel: channel)
        } catch let error as PorticoError {
            throw error
        } catch {
            throw .input("cannot listen on 127.0.0.1:\(port.map(String.init) ?? "(any port)") for the OAuth 2.0 redirect: \(error)")
        }
    }

    func close() async {
        continuation.finish()
        try? await channel.close()
    }
}

/// Answers one browser request and passes a `/callback` request's query on.
private final class RedirectHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let continuation: AsyncStream<URLComponents>.Continuation
    private var target: String?

    init(continuation: AsyncStream<URLComponents>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            target = head.uri
        case .body:
            break
        case .end:
            let components = target.flatMap { URLComponents(string: $0) }
            // Browsers also ask for /favicon.ico; only the callback carries an answer.
            let isCallback = components?.path == "/callback"
            let text = isCallback ? "Portico has the answer of the sign-in; you may close this tab.\n" : "not found\n"
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
            headers.add(name: "Content-Length", value: String(text.utf8.count))
            headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: isCallback ? .ok : .notFound, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            if isCallback, let components { continuation.yield(components) }
            target = nil
        }
    }
}
