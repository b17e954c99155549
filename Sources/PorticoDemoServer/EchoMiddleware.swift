import Foundation
import Hummingbird
import NIOCore

/// `/echo` and `/echo/...` answer any method, custom ones included, with what they received: method,
/// path, query rows in order, headers in order, and the exact body. Routers match methods one by one,
/// so this sits in front of the router instead.
struct EchoMiddleware<Context: RequestContext>: RouterMiddleware {
    static var maximumBody: Int { 64 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path == "/echo" || path.hasPrefix("/echo/") else {
            return try await next(request, context)
        }
        let buffer = try await request.body.collect(upTo: Self.maximumBody)
        let bytes = Data(buffer.readableBytesView)
        var object: [String: Any] = [
            "method": request.method.rawValue,
            "path": path,
            "query": Self.queryRows(request.uri.query),
            "raw_query": request.uri.query ?? "",
            "headers": request.headers.map { [$0.name.rawName, $0.value] },
            "body_size": bytes.count,
        ]
        if let text = String(data: bytes, encoding: .utf8) {
            object["body"] = text
        } else {
            object["body"] = NSNull()
            object["body_base64"] = bytes.base64EncodedString()
        }
        if request.method == .head {
            return Response(status: .ok, headers: [.contentType: "application/json"])
        }
        return DemoJSON.response(object)
    }

    /// Query rows in the order sent, percent-decoded, `+` read as a space.
    static func queryRows(_ query: String?) -> [[String]] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            return [decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""]
        }
    }
}
