import Foundation
import NIOCore
import NIOPosix

/// A server that attacks its clients, for the tests of Portico's defences (and for people who
/// want to see them): escape sequences in every place a response can carry text, malformed HTTP,
/// endless and compressed-to-nothing bodies, resets and redirects to where a client must not go.
///
/// It speaks raw bytes over TCP rather than through Hummingbird, whose HTTP encoder (rightly)
/// refuses to write most of this. One response per connection, then the connection is closed.
/// It is never started by `portico demo` unless asked (`portico demo --serve --hostile`).
public enum HostileServer {
    /// What the `/escapes/…` routes put in bodies, headers, the reason phrase, a Location and cookies.
    public static var escapeSequences: String { HostileRoutes.escapes }

    /// Starts listening on `host:port` (0 picks a free port) and returns once it accepts connections.
    public static func start(host: String = "127.0.0.1", port: Int = 0) async throws -> RunningHostileServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let boundPort = server.channel.localAddress?.port ?? port
        // The demo server's executor: a test process that fills the concurrency pool must not stop
        // this server from answering.
        let task = Task(executorPreference: DemoServerExecutor.shared) {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await serve(connection) }
                    }
                }
            }
        }
        return RunningHostileServer(host: host, port: boundPort, task: task)
    }

    /// Reads the request head, answers with the route its path names, closes the connection.
    private static func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let channel = connection.channel
        try? await connection.executeThenClose { inbound, outbound in
            var head = ByteBuffer()
            for try await chunk in inbound {
                head.writeImmutableBuffer(chunk)
                if head.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) != nil || head.readableBytes > 64 << 10 { break }
            }
            let requestLine = head.readableBytesView.split(separator: UInt8(ascii: "\r"), maxSplits: 1).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
            let target = requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            let path = String(target.split(separator: "?", maxSplits: 1).first ?? "/")
            let route = HostileRoutes.route(for: path)
            try await route.answer(HostileResponseWriter(outbound: outbound, channel: channel))
        }
    }
}

/// What a route writes to: bytes as they are, a pause, or a reset instead of a close.
struct HostileResponseWriter {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let channel: any Channel

    func write(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    func write(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    func write(_ buffer: ByteBuffer) async throws {
        try await outbound.write(buffer)
    }

    /// Ends the connection with a TCP reset (RST) instead of an orderly close.
    func reset() async throws {
        if let socket = channel as? any SocketOptionProvider {
            try await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try await channel.close()
    }
}

/// A hostile server that is listening.
public struct RunningHostileServer: Sendable {
    public let host: String
    public let port: Int
    let task: Task<Void, any Error>

    /// Where the routes are: `baseURL + "/escapes/body"` and so on (`/` lists them).
    public var baseURL: String { "http://\(host):\(port)" }

    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
