import Foundation
import Hummingbird
import Logging
import NIOCore

/// The demo API that ships inside the `portico` binary: something real to explore on first launch,
/// and the HTTP server of the test suite.
public enum DemoServer {
    /// The documented default port of `portico demo`.
    public static let defaultPort = 8642

    /// Starts the server on `host:port` (port 0 picks a free one) and returns once it accepts connections.
    public static func start(host: String = "127.0.0.1", port: Int = defaultPort) async throws -> RunningDemoServer {
        let router = Router()
        let tally = RequestTally()
        router.add(middleware: RequestTallyMiddleware(tally: tally))
        router.add(middleware: EchoMiddleware())
        let users = UserStore()
        UsersAPI(store: users).register(on: router)
        GraphQLEndpoint(store: users).register(on: router)
        XMLRPCEndpoint.register(on: router)
        DocumentRoutes.register(on: router)
        FormatRoutes.register(on: router)
        BehaviourRoutes.register(on: router)
        AuthRoutes.register(on: router)
        OAuthRoutes().register(on: router)
        AWSSigV4Routes.register(on: router)
        CookieRoutes.register(on: router)
        SOAPCalculator.register(on: router)
        JSONRPCEndpoint.register(on: router)
        tally.register(on: router)
        router.get("/") { _, _ in DemoJSON.response(DemoIndex.document) }

        var logger = Logger(label: "portico-demo")
        logger.logLevel = .error
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "portico-demo"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? port)
                portContinuation.finish()
            },
            logger: logger
        )
        // The server's child tasks inherit the preference (SE-0417).
        let task = Task(executorPreference: DemoServerExecutor.shared) {
            do {
                try await app.run()
            } catch {
                portContinuation.finish()
                throw error
            }
        }
        for await boundPort in portStream {
            return RunningDemoServer(host: host, port: boundPort, task: task)
        }
        // The stream ended without a port: the server failed to start; report why.
        _ = try await task.value
        throw DemoServerError(message: "the demo server stopped before it was listening on \(host):\(port)")
    }
}

public struct DemoServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A demo server that is listening.
public struct RunningDemoServer: Sendable {
    public let host: String
    public let port: Int
    let task: Task<Void, any Error>

    public var baseURL: String { "http://\(host):\(port)" }

    /// Runs until the surrounding task is cancelled or the server fails.
    public func wait() async throws {
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
