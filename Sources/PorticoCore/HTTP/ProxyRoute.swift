import Foundation

/// A proxy to send a request through.
public struct ProxyEndpoint: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Plain requests are sent to it whole; HTTPS is tunnelled with CONNECT.
        case http
        /// SOCKS5; host names are resolved by the proxy.
        case socks5
    }

    public var kind: Kind
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    /// Reads `http://[user:password@]host[:port]`, `socks5://host[:port]` (also `socks5h://`) or a
    /// bare `host:port`, which curl takes as HTTP.
    public static func parse(_ text: String) throws(PorticoError) -> ProxyEndpoint {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let components = URLComponents(string: withScheme), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw .input("proxy '\(text)' is not a proxy URL; expected http://host:port or socks5://host:port")
        }
        let kind: Kind
        switch scheme {
        case "http": kind = .http
        case "socks5", "socks5h": kind = .socks5
        case "https":
            throw .input("proxy '\(text)': TLS to the proxy itself is not supported; use http:// (HTTPS requests are still encrypted end to end through CONNECT)")
        default:
            throw .input("proxy '\(text)': the scheme '\(scheme)' is not supported; use http:// or socks5://")
        }
        let username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        let password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        if kind == .socks5, username != nil {
            throw .input("proxy '\(text)': SOCKS proxies with a username and password are not supported")
        }
        let port = components.port ?? 1080  // curl's default for every kind of proxy
        guard (1...65535).contains(port) else { throw .input("proxy '\(text)': the port must be between 1 and 65535") }
        // URLComponents keeps an IPv6 host in brackets; the socket layer wants it bare.
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return ProxyEndpoint(kind: kind, host: bareHost, port: port, username: username, password: password)
    }

    /// How to name it to the user: never with the password.
    public var displayText: String {
        let user = username.map { "\($0)@" } ?? ""
        return "\(kind.rawValue)://\(user)\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}

/// Decides whether a request goes through a proxy, from its settings and, when they name none, the
/// environment variables curl reads: `http_proxy` for http URLs (lower case only: a CGI program gets
/// `HTTP_PROXY` from a request's `Proxy:` header), `https_proxy`/`HTTPS_PROXY` for https URLs,
/// `all_proxy`/`ALL_PROXY` for both, and `no_proxy`/`NO_PROXY` for hosts to reach directly.
public enum ProxyRoute {
    /// The proxy for `url`, or nil to connect directly. An empty `proxy` setting means "no proxy".
    public static func proxy(for url: URL, options: ConnectionOptions, environment: [String: String]) throws(PorticoError) -> ProxyEndpoint? {
        let scheme = url.scheme?.lowercased() ?? "http"
        let noProxy = options.noProxy ?? noProxyList(variable(["no_proxy", "NO_PROXY"], in: environment) ?? "")
        if bypasses(url, noProxy: noProxy) { return nil }
        let text: String?
        if let configured = options.proxy {
            text = configured
        } else {
            let names = scheme == "https" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy"]
            text = variable(names, in: environment) ?? variable(["all_proxy", "ALL_PROXY"], in: environment)
        }
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try ProxyEndpoint.parse(text)
    }

    /// Whether the environment names any proxy: then URLSession, which lets libcurl read these
    /// variables its own way, is not used, so that Portico's reading of them is the one that counts.
    public static func environmentNamesProxy(_ environment: [String: String]) -> Bool {
        ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"].contains { !(environment[$0] ?? "").isEmpty }
    }

    /// `a.example, .b.example,10.0.0.1` as a list.
    public static func noProxyList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// curl's rules: `*` matches every host; an entry matches the host itself and its subdomains
    /// (a leading dot is ignored); an entry with `:port` matches that port only.
    static func bypasses(_ url: URL, noProxy: [String]) -> Bool {
        guard var host = url.host?.lowercased() else { return false }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        for entry in noProxy {
            var pattern = entry.lowercased()
            if pattern == "*" { return true }
            var entryPort: Int?
            if let colon = pattern.lastIndex(of: ":"), !pattern.hasSuffix("]"), pattern.filter({ $0 == ":" }).count == 1 || pattern.hasPrefix("[") {
                entryPort = Int(pattern[pattern.index(after: colon)...])
                pattern = String(pattern[..<colon])
            }
            if pattern.hasPrefix("["), pattern.hasSuffix("]") { pattern = String(pattern.dropFirst().dropLast()) }
            while pattern.hasPrefix(".") { pattern.removeFirst() }
            if pattern.isEmpty { continue }
            if let entryPort, entryPort != port { continue }
            if host == pattern || host.hasSuffix("." + pattern) { return true }
        }
        return false
    }

    private static func variable(_ names: [String], in environment: [String: String]) -> String? {
        names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }
}
