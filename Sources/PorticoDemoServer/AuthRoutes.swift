import Foundation
import Hummingbird

/// Protected endpoints: `/basic-auth` (user `demo`, password `portico`) and `/bearer` (token `demo-token`).
enum AuthRoutes {
    static let basicUser = "demo"
    static let basicPassword = "open-sesame-42"
    static let bearerToken = "demo-token"

    static func register(on router: Router<BasicRequestContext>) {
        router.get("/basic-auth") { request, _ in
            let expected = "Basic " + Data("\(basicUser):\(basicPassword)".utf8).base64EncodedString()
            guard request.headers[.authorization] == expected else {
                return DemoJSON.error(.unauthorized, "send user '\(basicUser)' and password '\(basicPassword)' with Basic auth",
                                      headers: [.wwwAuthenticate: "Basic realm=\"portico-demo\""])
            }
            return DemoJSON.response(["authenticated": true, "user": basicUser])
        }
        router.get("/bearer") { request, _ in
            guard request.headers[.authorization] == "Bearer \(bearerToken)" else {
                return DemoJSON.error(.unauthorized, "send 'Authorization: Bearer \(bearerToken)'",
                                      headers: [.wwwAuthenticate: "Bearer realm=\"portico-demo\""])
            }
            return DemoJSON.response(["authenticated": true, "token": "accepted"])
        }
    }
}
