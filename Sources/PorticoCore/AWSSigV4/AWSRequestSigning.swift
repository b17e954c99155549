import Crypto
import Foundation

extension AWSSignatureV4 {
    /// Headers not signed although Portico may send them: a transport, proxy or load balancer may
    /// add, drop or rewrite them on the way, which would break the signature. The body is covered by
    /// the payload hash, so its length needs no signing either.
    static let unsignedHeaders: Set<String> = [
        "authorization", "user-agent", "expect", "content-length", "connection", "keep-alive", "proxy-authorization",
        "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
    ]

    /// Signs `request` as it will go on the wire at `date`: sets `X-Amz-Date`, `X-Amz-Security-Token`
    /// when there is a session token, `X-Amz-Content-Sha256` for S3, then `Authorization`. Headers a
    /// transport adds later (`Accept-Encoding`, `Connection`, …) are not signed, so they do not break it.
    @discardableResult
    public func sign(_ request: inout ResolvedRequest, payloadHash: String, at date: Date) -> Signature {
        let timestamp = Self.timestamp(for: date)
        for name in ["Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256"] {
            request.headers.removeAll(named: name)
        }
        request.headers.append(HTTPField("X-Amz-Date", timestamp))
        if !credentials.sessionToken.isEmpty {
            request.headers.append(HTTPField("X-Amz-Security-Token", credentials.sessionToken))
        }
        if credentials.isS3 {
            request.headers.append(HTTPField("X-Amz-Content-Sha256", payloadHash))
        }
        var signed = request.headers.filter { !Self.unsignedHeaders.contains($0.name.lowercased()) }
        if !signed.contains(named: "Host") { signed.append(HTTPField("Host", Self.host(of: request.url))) }
        var path = request.url.path(percentEncoded: true)
        if path.isEmpty { path = "/" }
        let signature = sign(method: request.method.rawValue, path: path, query: request.url.query(percentEncoded: true),
                             headers: signed, payloadHash: payloadHash, timestamp: timestamp)
        request.headers.append(HTTPField("Authorization", signature.authorization))
        return signature
    }

    /// The `Host` header the transports send: the port only when it is not the scheme's default.
    static func host(of url: URL) -> String {
        var host = url.host(percentEncoded: true) ?? ""
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        let defaultPort = url.scheme?.lowercased() == "https" ? 443 : 80
        if let port = url.port, port != defaultPort { host += ":\(port)" }
        return host
    }

    /// The hex SHA-256 of what the request carries; a file body is read in pieces, never whole.
    public static func payloadHash(of body: ResolvedBody) throws(PorticoError) -> String {
        switch body {
        case .none:
            return sha256Hex(Data())
        case .data(let data):
            return sha256Hex(data)
        case .file(let url):
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                throw .input("cannot read the body file \(url.path) to sign it")
            }
            defer { try? handle.close() }
            var hasher = SHA256()
            do {
                while let chunk = try handle.read(upToCount: 64 << 10), !chunk.isEmpty {
                    hasher.update(data: chunk)
                }
            } catch {
                throw .input("cannot read the body file \(url.path) to sign it: \(FileErrors.reason(error))")
            }
            return hasher.finalize().hexText
        }
    }
}
