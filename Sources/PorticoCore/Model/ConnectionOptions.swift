import Foundation

/// How a request reaches its server: which transport carries it, through which proxy, and how TLS
/// is checked. Every field is optional so that a request, its collection and the user's settings can
/// each set some of them; `overriding(_:)` merges the levels, the nearer level winning field by field.
public struct ConnectionOptions: Hashable, Sendable {
    /// `auto` unless set: URLSession, or async-http-client when a request needs what URLSession
    /// cannot do on Linux.
    public var transport: TransportChoice?
    /// Seconds allowed for the TCP (and proxy) connection; the request's `timeout` still bounds the
    /// whole exchange.
    public var connectTimeout: Double?
    /// `http://[user:password@]host:port` or `socks5://host:port`. Unset: the standard environment
    /// variables (`https_proxy`, `http_proxy`, `all_proxy`) decide.
    public var proxy: String?
    /// Hosts reached directly, as curl reads `NO_PROXY`: `*`, host names (which also cover their
    /// subdomains) and IP addresses, each optionally with `:port`.
    public var noProxy: [String]?
    /// `false` turns certificate verification off (curl's `-k`); on unless set.
    public var verifyTLS: Bool?
    /// PEM file of certificate authorities trusted in addition to the system's.
    public var caFile: String?
    /// PEM file with the client certificate (and its key, unless `clientKey` names another file).
    public var clientCertificate: String?
    /// PEM file with the client certificate's private key.
    public var clientKey: String?

    public init(transport: TransportChoice? = nil, connectTimeout: Double? = nil, proxy: String? = nil, noProxy: [String]? = nil,
                verifyTLS: Bool? = nil, caFile: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil) {
        self.transport = transport
        self.connectTimeout = connectTimeout
        self.proxy = proxy
        self.noProxy = noProxy
        self.verifyTLS = verifyTLS
        self.caFile = caFile
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
    }

    public var isEmpty: Bool { self == ConnectionOptions() }

    /// These options with relative file paths made absolute against `folder` and `~/` expanded.
    public func resolvingFiles(against folder: URL) -> ConnectionOptions {
        func resolve(_ path: String?) -> String? {
            guard let path, !path.isEmpty else { return path }
            let expanded = UserPaths.expandingTilde(in: path)
            return expanded.hasPrefix("/") ? expanded : folder.appendingPathComponent(expanded).standardizedFileURL.path
        }
        var resolved = self
        resolved.caFile = resolve(caFile)
        resolved.clientCertificate = resolve(clientCertificate)
        resolved.clientKey = resolve(clientKey)
        return resolved
    }

    /// These options with every field they leave unset taken from `fallback`.
    public func overriding(_ fallback: ConnectionOptions) -> ConnectionOptions {
        ConnectionOptions(
            transport: transport ?? fallback.transport,
            connectTimeout: connectTimeout ?? fallback.connectTimeout,
            proxy: proxy ?? fallback.proxy,
            noProxy: noProxy ?? fallback.noProxy,
            verifyTLS: verifyTLS ?? fallback.verifyTLS,
            caFile: caFile ?? fallback.caFile,
            clientCertificate: clientCertificate ?? fallback.clientCertificate,
            clientKey: clientKey ?? fallback.clientKey)
    }
}

/// The `transport:` setting.
public enum TransportChoice: String, Hashable, Sendable, CaseIterable {
    case auto
    case urlSession = "urlsession"
    case asyncHTTPClient = "async-http-client"
}

/// The transport that carried an exchange, as history and the screens name it.
public enum TransportKind: String, Hashable, Sendable, CaseIterable {
    case urlSession = "urlsession"
    case asyncHTTPClient = "async-http-client"
}
