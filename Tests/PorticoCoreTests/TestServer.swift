import Foundation
import PorticoCore
import PorticoDemoServer

/// One demo server per test process, on a free port: the real HTTP server the tests talk to.
enum TestServer {
    private static let running = Task { try await DemoServer.start(port: 0) }

    static func url(_ path: String) async throws -> URL {
        URL(string: try await running.value.baseURL + path)!
    }

    static func baseURL() async throws -> String { try await running.value.baseURL }

    static let engine = RequestEngine(transport: AutomaticTransport())

    /// Sends and returns the exchange with its body decoded as JSON.
    static func send(_ request: ResolvedRequest) async -> Exchange {
        await engine.send(request)
    }
}

extension Exchange {
    var bodyText: String {
        String(decoding: (try? body?.data()) ?? Data(), as: UTF8.self)
    }

    var bodyJSON: [String: Any] {
        ((try? JSONSerialization.jsonObject(with: (try? body?.data()) ?? Data())) as? [String: Any]) ?? [:]
    }
}
