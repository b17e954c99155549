import Crypto
import Foundation

/// HTTP Digest authentication (RFC 7616, and RFC 2617's form without qop): the challenge a server
/// sends in `WWW-Authenticate`, and the `Authorization` answer to it. MD5, SHA-256 and their
/// `-sess` variants; qop `auth` (`auth-int`, which hashes the body, is not offered by servers in
/// practice and is refused with a message).
public struct DigestChallenge: Hashable, Sendable {
    public var realm: String
    public var nonce: String
    public var opaque: String?
    public var algorithm: String
    /// The qop values the server offers; empty for RFC 2069 servers.
    public var qop: [String]
    /// The server says the nonce expired (the credentials may still be right).
    public var stale: Bool

    public init(realm: String, nonce: String, opaque: String? = nil, algorithm: String = "MD5", qop: [String] = ["auth"], stale: Bool = false) {
        self.realm = realm
        self.nonce = nonce
        self.opaque = opaque
        self.algorithm = algorithm
        self.qop = qop
        self.stale = stale
    }

    /// The first Digest challenge among `WWW-Authenticate` values, preferring SHA-256 (servers may
    /// offer one challenge per algorithm).
    public static func parse(_ headers: [HTTPField]) -> DigestChallenge? {
        let challenges = headers.filter { $0.name.caseInsensitiveCompare("WWW-Authenticate") == .orderedSame }
            .flatMap { splitChallenges($0.value) }
            .compactMap(parse(challenge:))
        return challenges.first { $0.algorithm.uppercased().hasPrefix("SHA-256") } ?? challenges.first
    }

    static func parse(challenge text: Substring) -> DigestChallenge? {
        let trimmed = text.drop { $0 == " " }
        guard trimmed.prefix(7).lowercased() == "digest " else { return nil }
        let parameters = Self.parameters(trimmed.dropFirst(7))
        guard let realm = parameters["realm"], let nonce = parameters["nonce"] else { return nil }
        let qop = (parameters["qop"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        return DigestChallenge(realm: realm, nonce: nonce, opaque: parameters["opaque"], algorithm: parameters["algorithm"] ?? "MD5",
                               qop: qop, stale: parameters["stale"]?.lowercased() == "true")
    }

    /// `name=value` and `name="quoted, value"` pairs, names lower-cased: a challenge's, or an
    /// answer's after its `Digest ` (the demo server checks answers with it).
    public static func parameters(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = text[...]
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...].drop { $0 == " " }
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { break } else { value.append(character) }
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            result[name] = value
        }
        return result
    }

    /// Splits a header value that may hold several challenges (`Digest …, Basic realm="x"`) at
    /// each scheme name; commas inside quoted values do not split.
    static func splitChallenges(_ value: String) -> [Substring] {
        var starts: [String.Index] = [value.startIndex]
        var inQuotes = false
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            if character == "\"" { inQuotes.toggle() }
            if character == ",", !inQuotes {
                // A new challenge starts where a token is followed by a space rather than '='.
                let after = value[value.index(after: index)...].drop { $0 == " " }
                let token = after.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
                if !token.isEmpty, after.dropFirst(token.count).first == " " { starts.append(after.startIndex) }
            }
            index = value.index(after: index)
        }
        return zip(starts, starts.dropFirst().map { $0 } + [value.endIndex]).map { value[$0..<$1] }
    }

    /// The `Authorization` value answering this challenge for `method` and `uri` (path and query).
    public func authorization(username: String, password: String, method: String, uri: String, count: Int, cnonce: String) throws(PorticoError) -> String {
        let upper = algorithm.uppercased()
        let hash: (String) -> String
        switch upper {
        case "MD5", "MD5-SESS": hash = { Insecure.MD5.hash(data: Data($0.utf8)).hexText }
        case "SHA-256", "SHA-256-SESS": hash = { SHA256.hash(data: Data($0.utf8)).hexText }
        default: throw .input("the server asks for Digest with algorithm \(algorithm); Portico supports MD5 and SHA-256")
        }
        if !qop.isEmpty, !qop.contains("auth") {
            throw .input("the server asks for Digest with qop=\(qop.joined(separator: ",")); Portico supports qop=auth")
        }
        let nc = String(format: "%08x", count)
        var ha1 = hash("\(username):\(realm):\(password)")
        if upper.hasSuffix("-SESS") { ha1 = hash("\(ha1):\(nonce):\(cnonce)") }
        let ha2 = hash("\(method):\(uri)")
        let response = qop.isEmpty ? hash("\(ha1):\(nonce):\(ha2)") : hash("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)")
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var parts = ["username=\(quoted(username))", "realm=\(quoted(realm))", "nonce=\(quoted(nonce))", "uri=\(quoted(uri))", "algorithm=\(algorithm)", "response=\(quoted(response))"]
        if !qop.isEmpty { parts += ["qop=auth", "nc=\(nc)", "cnonce=\(quoted(cnonce))"] }
        if let opaque { parts.append("opaque=\(quoted(opaque))") }
        return "Digest " + parts.joined(separator: ", ")
    }
}
