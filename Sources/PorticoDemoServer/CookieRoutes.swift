import Foundation
import HTTPTypes
import Hummingbird

/// `/cookies/set?name=value...` sets cookies; `/cookies/redirect?name=value...` sets them and
/// redirects to `/cookies` (a login that lands on the next page); `/cookies` shows the cookies the
/// client sent.
enum CookieRoutes {
    static func register(on router: Router<BasicRequestContext>) {
        router.get("/cookies/set") { request, _ in
            let rows = EchoMiddleware<BasicRequestContext>.queryRows(request.uri.query)
            guard !rows.isEmpty else { return DemoJSON.error(.badRequest, "give cookies as query parameters: /cookies/set?name=value") }
            var headers: HTTPFields = [:]
            for row in rows {
                headers.append(HTTPField(name: .setCookie, value: "\(row[0])=\(row[1]); Path=/; HttpOnly; SameSite=Lax"))
            }
            return DemoJSON.response(["set": Dictionary(rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { _, last in last })], headers: headers)
        }
        router.get("/cookies/redirect") { request, _ in
            let rows = EchoMiddleware<BasicRequestContext>.queryRows(request.uri.query)
            guard !rows.isEmpty else { return DemoJSON.error(.badRequest, "give cookies as query parameters: /cookies/redirect?name=value") }
            var headers: HTTPFields = [.location: "/cookies"]
            for row in rows {
                headers.append(HTTPField(name: .setCookie, value: "\(row[0])=\(row[1]); Path=/; Max-Age=3600; HttpOnly; SameSite=Lax"))
            }
            return Response(status: .found, headers: headers)
        }
        router.get("/cookies") { request, _ in
            var cookies: [String: String] = [:]
            for header in request.headers[values: .cookie] {
                for pair in header.split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if parts.count == 2 { cookies[parts[0]] = parts[1] }
                }
            }
            return DemoJSON.response(["cookies": cookies])
        }
    }
}
