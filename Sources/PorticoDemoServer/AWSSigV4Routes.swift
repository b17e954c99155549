import Crypto
import Foundation
import Hummingbird
import HTTPTypes

/// `/aws/echo` (and paths below it), any of GET, POST, PUT, PATCH and DELETE: accepts only requests
/// signed with AWS Signature Version 4 and the demo keys, any region and service (`s3` gets S3's
/// rules), and answers as AWS does when the signature is wrong.
///
/// The check is written here on its own, plainer than Portico's signer (Foundation's
/// percent-encoding, the received request as Hummingbird hands it over), so that the two check each
/// other instead of one piece of code agreeing with itself.
enum AWSSigV4Routes {
    static let accessKeyID = "AKIDPORTICODEMO"
    static let secretAccessKey = "portico/demo+secret-key"
    /// Optional; when a request carries `X-Amz-Security-Token` it must be this one, and signed.
    static let sessionToken = "portico-demo-session-token"
    /// How far `X-Amz-Date` may be from the server's clock, as AWS allows.
    static let allowedSkew: TimeInterval = 15 * 60

    static func register(on router: Router<BasicRequestContext>) {
        for path in ["/aws/echo", "/aws/echo/**"] {
            for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
                router.on(RouterPath(stringLiteral: path), method: method) { request, _ in
                    let body = Data(try await request.body.collect(upTo: EchoMiddleware<BasicRequestContext>.maximumBody).readableBytesView)
                    return verify(request, body: body, now: Date())
                }
            }
        }
    }

    /// An AWS error: its code, message and status, as AWS names them.
    struct Refusal: Error {
        var status: HTTPResponse.Status
        var code: String
        var message: String
        var details: [String: String] = [:]

        var response: Response {
            var object: [String: Any] = ["code": code, "message": message, "status": status.code]
            for (key, value) in details { object[key] = value }
            return DemoJSON.response(["error": object], status: status)
        }
    }

    static func verify(_ request: Request, body: Data, now: Date) -> Response {
        do {
            let verified = try check(request, body: body, now: now)
            return DemoJSON.response([
                "authenticated": true, "accessKeyId": accessKeyID, "scope": verified.scope, "signedHeaders": verified.signedHeaders,
                "method": request.method.rawValue, "path": request.uri.path, "body_size": body.count,
            ])
        } catch let refusal as Refusal {
            return refusal.response
        } catch {
            return DemoJSON.error(.internalServerError, "\(error)")
        }
    }

    private static func check(_ request: Request, body: Data, now: Date) throws -> (scope: String, signedHeaders: [String]) {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("AWS4-HMAC-SHA256 ") else {
            throw Refusal(status: .forbidden, code: "MissingAuthenticationToken",
                          message: "Missing Authentication Token: sign the request with AWS Signature Version 4, access key \(accessKeyID), secret \(secretAccessKey)")
        }
        var parts: [String: String] = [:]
        for part in authorization.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { parts[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = parts["Credential"], let signedList = parts["SignedHeaders"], let signature = parts["Signature"] else {
            throw Refusal(status: .badRequest, code: "IncompleteSignature", message: "Authorization needs Credential, SignedHeaders and Signature")
        }
        let scopeParts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scopeParts.count == 5, scopeParts[4] == "aws4_request" else {
            throw Refusal(status: .badRequest, code: "IncompleteSignature", message: "Credential must be KEY/DATE/REGION/SERVICE/aws4_request, not '\(credential)'")
        }
        guard scopeParts[0] == accessKeyID else {
            throw Refusal(status: .forbidden, code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records.")
        }
        let (day, region, service) = (scopeParts[1], scopeParts[2], scopeParts[3])
        let signedHeaders = signedList.split(separator: ";").map(String.init)
        guard signedHeaders.contains("host"), signedHeaders.contains("x-amz-date") else {
            throw Refusal(status: .forbidden, code: "SignatureDoesNotMatch", message: "SignedHeaders must include host and x-amz-date, not '\(signedList)'")
        }
        guard let timestamp = request.headers[HTTPField.Name("X-Amz-Date")!], let sent = parseTimestamp(timestamp), timestamp.hasPrefix(day) else {
            throw Refusal(status: .forbidden, code: "SignatureDoesNotMatch", message: "X-Amz-Date must be yyyyMMddTHHmmssZ on the credential's day \(day)")
        }
        guard abs(sent.timeIntervalSince(now)) <= allowedSkew else {
            throw Refusal(status: .forbidden, code: "RequestTimeTooSkewed", message: "The difference between the request time and the current time is too large.")
        }
        if let token = request.headers[HTTPField.Name("X-Amz-Security-Token")!] {
            guard token == sessionToken, signedHeaders.contains("x-amz-security-token") else {
                throw Refusal(status: .forbidden, code: "InvalidClientTokenId", message: "The security token included in the request is invalid.")
            }
        }
        let bodyHash = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
        let isS3 = service == "s3"
        let sentHash = request.headers[HTTPField.Name("X-Amz-Content-Sha256")!]
        if isS3, sentHash == nil {
            throw Refusal(status: .badRequest, code: "InvalidRequest", message: "Missing required header for this request: x-amz-content-sha256")
        }
        if let sentHash, sentHash != bodyHash {
            throw Refusal(status: .badRequest, code: "XAmzContentSHA256Mismatch", message: "The provided 'x-amz-content-sha256' header does not match what was computed.")
        }

        var headerLines = ""
        for name in signedHeaders {
            // HTTP types keep Host apart, as the request's authority.
            let values: [String]
            if name == "host" {
                values = [request.head.authority ?? ""]
            } else if let fieldName = HTTPField.Name(name) {
                values = request.headers[values: fieldName]
            } else {
                throw Refusal(status: .badRequest, code: "IncompleteSignature", message: "'\(name)' in SignedHeaders is not a header name")
            }
            headerLines += "\(name):" + values.map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }.joined(separator: ",") + "\n"
        }
        let canonicalRequest = [
            request.method.rawValue, canonicalURI(request.uri.path, s3: isS3), canonicalQuery(request.uri.query),
            headerLines, signedList, bodyHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(timestamp)\n\(scope)\n" + SHA256.hash(data: Data(canonicalRequest.utf8)).map { String(format: "%02x", $0) }.joined()
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for step in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(step.utf8), using: key)))
        }
        let expected = HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key).map { String(format: "%02x", $0) }.joined()
        guard expected == signature else {
            throw Refusal(status: .forbidden, code: "SignatureDoesNotMatch",
                          message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
                          details: ["canonicalRequest": canonicalRequest, "stringToSign": stringToSign])
        }
        return (scope, signedHeaders)
    }

    /// RFC 3986's unreserved characters: everything else is percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Other services: dot segments resolved, empty segments dropped, the received path encoded
    /// again. S3: the received path decoded and encoded once, as it is.
    static func canonicalURI(_ path: String, s3: Bool) -> String {
        if s3 {
            return path.components(separatedBy: "/").map { encode($0.removingPercentEncoding ?? $0) }.joined(separator: "/")
        }
        var stack: [String] = []
        for segment in path.components(separatedBy: "/") {
            if segment.isEmpty || segment == "." { continue }
            if segment == ".." { stack = Array(stack.dropLast()) } else { stack.append(encode(segment)) }
        }
        if stack.isEmpty { return "/" }
        return "/" + stack.joined(separator: "/") + (path.hasSuffix("/") ? "/" : "")
    }

    static func canonicalQuery(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        func canonical(_ text: String) -> String {
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return encode(spaced.removingPercentEncoding ?? spaced)
        }
        let pairs = query.components(separatedBy: "&").filter { !$0.isEmpty }.map { pair -> (name: String, value: String) in
            guard let equals = pair.firstIndex(of: "=") else { return (canonical(pair), "") }
            return (canonical(String(pair[..<equals])), canonical(String(pair[pair.index(after: equals)...])))
        }
        return pairs.sorted { ($0.name, $0.value) < ($1.name, $1.value) }.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    private static func parseTimestamp(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: text)
    }
}
