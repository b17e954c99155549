import Crypto
import Foundation

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`): the canonical request, the string to sign and the
/// signature of a request as it goes on the wire. Every step is exposed so that each can be checked
/// against AWS's published examples.
public struct AWSSignatureV4: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"

    public var credentials: AWSSigV4Credentials

    public init(credentials: AWSSigV4Credentials) {
        self.credentials = credentials
    }

    /// One signature with the texts it was made from.
    public struct Signature: Hashable, Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        /// Lower-case names of the signed headers, sorted and joined with `;`.
        public var signedHeaders: String
        /// Lower-case hex.
        public var signature: String
        /// The value of the `Authorization` header.
        public var authorization: String
    }

    /// - Parameters:
    ///   - path: the path of the request target exactly as it goes on the wire (percent-encoded as sent).
    ///   - query: the query as it goes on the wire, without the `?`.
    ///   - headers: every header to sign, `Host` and `X-Amz-Date` included.
    ///   - payloadHash: the lower-case hex SHA-256 of the body.
    ///   - timestamp: the `X-Amz-Date` value, `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public func sign(method: String, path: String, query: String?, headers: [HTTPField], payloadHash: String, timestamp: String) -> Signature {
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(headers)
        let canonicalRequest = [
            method,
            Self.canonicalPath(path, singleEncoding: credentials.isS3),
            Self.canonicalQuery(query),
            canonicalHeaders,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let day = String(timestamp.prefix(8))
        let scope = "\(day)/\(credentials.region)/\(credentials.service)/aws4_request"
        let stringToSign = [Self.algorithm, timestamp, scope, Self.sha256Hex(Data(canonicalRequest.utf8))].joined(separator: "\n")
        let signature = Self.hmac(signingKey(day: day), stringToSign).hexText
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: signedHeaders, signature: signature,
            authorization: "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)")
    }

    /// The key derived from the secret for one day, region and service: the secret itself is never used directly.
    private func signingKey(day: String) -> Data {
        let dated = Self.hmac(Data("AWS4\(credentials.secretAccessKey)".utf8), day)
        let regional = Self.hmac(dated, credentials.region)
        let serviceKey = Self.hmac(regional, credentials.service)
        return Self.hmac(serviceKey, "aws4_request")
    }

    /// `X-Amz-Date`'s form of `date`: basic ISO 8601 in UTC.
    public static func timestamp(for date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// The canonical URI. Other services than S3 remove dot segments and empty segments, then encode
    /// each segment of the wire path again (so `%20` is signed as `%2520`); S3 signs each segment of
    /// the object key encoded once, exactly as the path names it.
    static func canonicalPath(_ path: String, singleEncoding: Bool) -> String {
        let wirePath = path.isEmpty ? "/" : path
        let segments = wirePath.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if singleEncoding {
            return "/" + segments.map { PercentEncoding.allButUnreserved(percentDecoded($0)) }.joined(separator: "/")
        }
        var kept: [Substring] = []
        for segment in segments {
            switch segment {
            case "", ".": continue
            case "..": _ = kept.popLast()
            default: kept.append(segment)
            }
        }
        let trailingSlash = wirePath.hasSuffix("/") && !kept.isEmpty
        return "/" + kept.map { PercentEncoding.allButUnreserved(String($0)) }.joined(separator: "/") + (trailingSlash ? "/" : "")
    }

    /// Each name and value decoded (`+` is a space in a query) and encoded again the one way AWS
    /// accepts, then sorted by name and value.
    static func canonicalQuery(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        let pairs = FormURLEncoding.decodePairs(Substring(query)).map {
            (PercentEncoding.allButUnreserved($0.name), PercentEncoding.allButUnreserved($0.value))
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// The canonical header lines (each ending in a newline) and the signed-header list. Repeated
    /// names are joined with commas in the order sent; values are trimmed with inner runs of blanks
    /// made one space.
    static func canonicalHeaders(_ headers: [HTTPField]) -> (lines: String, signed: String) {
        var values: [String: [String]] = [:]
        for field in headers {
            let trimmed = field.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            values[field.name.lowercased(), default: []].append(trimmed)
        }
        let names = values.keys.sorted()
        let lines = names.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined()
        return (lines, names.joined(separator: ";"))
    }


    /// A broken escape (`%zz`) is taken as written, so it is signed as the server will read it.
    private static func percentDecoded(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }

    static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).hexText
    }

    private static func hmac(_ key: Data, _ message: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: key)))
    }
}
