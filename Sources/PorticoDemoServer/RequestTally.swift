import Foundation
import Hummingbird

/// Counts the requests the demo server received, by target (path and query), with how many were
/// in flight at once: what a load generator's own count is checked against.
/// `GET /stats/requests?target=/echo?run=7` reads one target's figures.
final class RequestTally: @unchecked Sendable {
    struct Figures {
        var received = 0
        var inFlight = 0
        var maxInFlight = 0
    }

    /// Targets counted at most: a long-running demo server must not grow without bound.
    static let targetLimit = 10_000

    private let lock = NSLock()
    private var figures: [String: Figures] = [:]

    /// A request to `target` arrived; false when the tally is full and does not count it.
    func begin(_ target: String) -> Bool {
        lock.withLock {
            guard figures[target] != nil || figures.count < Self.targetLimit else { return false }
            figures[target, default: Figures()].received += 1
            figures[target]!.inFlight += 1
            figures[target]!.maxInFlight = max(figures[target]!.maxInFlight, figures[target]!.inFlight)
            return true
        }
    }

    /// The request to `target` has been answered.
    func end(_ target: String) {
        lock.withLock { figures[target]?.inFlight -= 1 }
    }

    func figures(for target: String) -> Figures {
        lock.withLock { figures[target] ?? Figures() }
    }

    static let statsPath = "/stats/requests"

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(Self.statsPath)) { request, _ in
            guard let target = request.uri.queryParameters.get("target") else {
                return DemoJSON.error(.badRequest, "give the target to read as ?target=/path?query (percent-encoded)")
            }
            let figures = self.figures(for: target)
            return DemoJSON.response(["target": target, "received": figures.received, "in_flight": figures.inFlight, "max_in_flight": figures.maxInFlight])
        }
    }
}

/// Tallies every request except reads of the tally itself. It sits in front of the echo
/// middleware, which answers /echo before the router sees it.
struct RequestTallyMiddleware<Context: RequestContext>: RouterMiddleware {
    let tally: RequestTally

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path != RequestTally.statsPath else { return try await next(request, context) }
        let target = request.uri.query.map { "\(path)?\($0)" } ?? path
        guard tally.begin(target) else { return try await next(request, context) }
        defer { tally.end(target) }
        return try await next(request, context)
    }
}
