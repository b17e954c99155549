import Foundation
import Hummingbird
import PorticoCore

/// Protected endpoints: `/basic-auth` (user `demo`, password `open-sesame-42`), `/digest-auth`
/// (the same, with Digest: `?algorithm=MD5|SHA-256|MD5-sess|SHA-256-sess`, `?qop=auth|none`) and
/// `/bearer` (token `demo-token`).
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
        router.get("/digest-auth") { request, _ in
            digest(request)
        }
        router.get("/bearer") { request, _ in
            guard request.headers[.authorization] == "Bearer \(bearerToken)" else {
                return DemoJSON.error(.unauthorized, "send 'Authorization: Bearer \(bearerToken)'",
                                      headers: [.wwwAuthenticate: "Bearer realm=\"portico-demo\""])
            }
            return DemoJSON.response(["authenticated": true, "token": "accepted"])
        }
    }

    /// Nonces this server issued and the highest count each was answered with: an answer that
    /// repeats a count is a replay and gets a fresh challenge.
    private static let nonces = DigestNonceLedger()

    static func digest(_ request: Request) -> Response {
        let algorithm = request.uri.queryParameters.get("algorithm") ?? "MD5"
        let qop: [String] = request.uri.queryParameters.get("qop") == "none" ? [] : ["auth"]
        func challenge(stale: Bool = false) -> Response {
            let nonce = nonces.issue()
            var value = "Digest realm=\"portico-demo\", nonce=\"\(nonce)\", opaque=\"c0ffee\", algorithm=\(algorithm)"
            if !qop.isEmpty { value += ", qop=\"auth\"" }
            if stale { value += ", stale=true" }
            return DemoJSON.error(.unauthorized, "send user '\(basicUser)' and password '\(basicPassword)' with Digest auth",
                                  headers: [.wwwAuthenticate: value])
        }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("digest ") else { return challenge() }
        let answer = DigestChallenge.parameters(header.dropFirst(7))
        guard answer["username"] == basicUser, let nonce = answer["nonce"], let uri = answer["uri"], uri == request.uri.description else {
            return challenge()
        }
        let count = qop.isEmpty ? 1 : Int(answer["nc"] ?? "", radix: 16) ?? 0
        guard nonces.use(nonce, count: count, counted: !qop.isEmpty) else { return challenge(stale: true) }
        let expected = try? DigestChallenge(realm: "portico-demo", nonce: nonce, opaque: "c0ffee", algorithm: algorithm, qop: qop)
            .authorization(username: basicUser, password: basicPassword, method: request.method.rawValue, uri: uri, count: count, cnonce: answer["cnonce"] ?? "")
        guard let expected, DigestChallenge.parameters(expected.dropFirst(7))["response"] == answer["response"] else { return challenge() }
        return DemoJSON.response(["authenticated": true, "user": basicUser, "algorithm": algorithm, "nc": count])
    }
}

/// The demo server's record of the Digest nonces it issued.
final class DigestNonceLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func issue() -> String {
        let nonce = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        lock.lock()
        defer { lock.unlock() }
        counts[nonce] = 0
        return nonce
    }

    /// False for a nonce never issued, or (when counted) a count not above the last one.
    func use(_ nonce: String, count: Int, counted: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let last = counts[nonce], !counted || count > last else { return false }
        counts[nonce] = count
        return true
    }
}
