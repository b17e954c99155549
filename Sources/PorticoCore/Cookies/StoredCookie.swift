import Foundation

/// A cookie in the jar, with the fields RFC 6265 §5.3 keeps.
public struct StoredCookie: Hashable, Sendable, Codable, Identifiable {
    public var name: String
    public var value: String
    /// Lower case, without a leading dot.
    public var domain: String
    /// Sent to `domain` only, not to its subdomains (no `Domain` attribute was given).
    public var hostOnly: Bool
    public var path: String
    /// nil: a session cookie, kept until the jar is cleared (or the explorer ends, when not persisted).
    public var expires: Date?
    public var secure: Bool
    public var httpOnly: Bool
    public var sameSite: String?
    public var created: Date

    /// A cookie is identified by its name, domain and path: a new one with the same three replaces it.
    public var id: String { "\(name)\u{1F}\(domain)\u{1F}\(path)" }

    public init(name: String, value: String, domain: String, hostOnly: Bool, path: String, expires: Date? = nil,
                secure: Bool = false, httpOnly: Bool = false, sameSite: String? = nil, created: Date = Date()) {
        self.name = name
        self.value = value
        self.domain = domain
        self.hostOnly = hostOnly
        self.path = path
        self.expires = expires
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
        self.created = created
    }

    public func isExpired(at now: Date) -> Bool {
        expires.map { $0 <= now } ?? false
    }

    /// §5.4: whether this cookie goes with a request to `url`.
    public func matches(_ url: URL, at now: Date) -> Bool {
        guard let host = CookieJar.canonicalHost(url), !isExpired(at: now) else { return false }
        if hostOnly ? host != domain : !CookieJar.domainMatches(host, domain) { return false }
        if !CookieJar.pathMatches(CookieJar.requestPath(url), path) { return false }
        if secure && url.scheme?.lowercased() != "https" { return false }
        return true
    }

    /// Made once: the jar screen shows every cookie's expiry on every frame.
    nonisolated(unsafe) private static let timestamps: ISO8601DateFormatter = {
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime]
        return format
    }()

    /// Its attributes as a `Set-Cookie` line would give them, for showing.
    public var attributeText: String {
        var parts = [hostOnly ? "host \(domain)" : "domain .\(domain)", "path \(path)"]
        if let expires {
            parts.append("expires \(Self.timestamps.string(from: expires))")
        } else {
            parts.append("session")
        }
        if secure { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        if let sameSite { parts.append("SameSite=\(sameSite)") }
        return parts.joined(separator: "; ")
    }
}
