import Foundation

/// The cookies of one collection, kept and sent by RFC 6265's rules (§5.3 storage, §5.4 sending),
/// with its 6265bis refinements: a `Secure` cookie only from HTTPS, and the `__Secure-` and
/// `__Host-` name prefixes enforced. An API client has no sites or frames, so `SameSite` is kept
/// and shown but does not hold a cookie back. Shared by the transport's exchanges and the screen.
public final class CookieJar: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [StoredCookie] = []
    /// Called after every change, with the cookies now in the jar.
    public var onChange: (@Sendable ([StoredCookie]) -> Void)?
    /// The most cookies kept, oldest dropped first (browsers keep a few thousand).
    public static let capacity = 3000

    public init(_ cookies: [StoredCookie] = []) {
        stored = cookies
    }

    /// The cookies in the jar, sorted by domain, path and name.
    public var cookies: [StoredCookie] {
        lock.withLock { stored }.sorted { ($0.domain, $0.path, $0.name) < ($1.domain, $1.path, $1.name) }
    }

    /// Keeps the cookies a response from `url` sets; returns the reasons any were refused.
    @discardableResult
    public func store(_ headers: [HTTPField], from url: URL, at now: Date = Date()) -> [String] {
        let received = SetCookie.all(in: headers)
        guard !received.isEmpty else { return [] }
        var refused: [String] = []
        lock.withLock {
            for cookie in received {
                switch Self.storable(cookie, from: url, at: now) {
                case .failure(let reason): refused.append("cookie \(cookie.name) refused: \(reason)")
                case .success(let new): place(new, at: now)
                }
            }
            if stored.count > Self.capacity {
                stored.sort { $0.created < $1.created }
                stored.removeFirst(stored.count - Self.capacity)
            }
        }
        // Nothing to show or save when every cookie was refused.
        if refused.count < received.count { changed() }
        return refused
    }

    /// The `Cookie` header value for a request to `url`: §5.4's order (longer paths first, then
    /// older cookies first); nil when no cookie matches.
    public func header(for url: URL, at now: Date = Date()) -> String? {
        let matching = lock.withLock { stored.filter { $0.matches(url, at: now) } }
            .sorted { $0.path.count != $1.path.count ? $0.path.count > $1.path.count : $0.created < $1.created }
        guard !matching.isEmpty else { return nil }
        return matching.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// Adds the jar's cookies to `request`'s `Cookie` header. A cookie the request already names
    /// itself is left to the request.
    public func apply(to request: inout ResolvedRequest, at now: Date = Date()) {
        guard let jarred = header(for: request.url, at: now) else { return }
        guard let written = request.headers.first(named: "Cookie"), !written.isEmpty else {
            request.headers.append(HTTPField("Cookie", jarred))
            return
        }
        let named = Set(written.split(separator: ";").compactMap { $0.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) })
        let added = jarred.components(separatedBy: "; ").filter { pair in
            !named.contains(String(pair.prefix { $0 != "=" }))
        }
        guard !added.isEmpty else { return }
        request.headers.removeAll(named: "Cookie")
        request.headers.append(HTTPField("Cookie", ([written] + added).joined(separator: "; ")))
    }

    /// Puts a cookie in the jar as the user wrote it, replacing one with the same name, domain and path.
    public func set(_ cookie: StoredCookie) {
        lock.withLock {
            stored.removeAll { $0.id == cookie.id }
            stored.append(cookie)
        }
        changed()
    }

    public func remove(id: StoredCookie.ID) {
        lock.withLock { stored.removeAll { $0.id == id } }
        changed()
    }

    public func clear() {
        lock.withLock { stored.removeAll() }
        changed()
    }

    /// Drops expired cookies and, with `sessionEnded`, session cookies (what a browser does at exit).
    public func prune(at now: Date = Date(), sessionEnded: Bool = false) {
        lock.withLock { stored.removeAll { $0.isExpired(at: now) || (sessionEnded && $0.expires == nil) } }
    }

    private func changed() {
        onChange?(cookies)
    }

    /// §5.3 steps 4 and 5 and 9 to 11 with 6265bis's checks; the new cookie, or why not.
    public static func storable(_ cookie: SetCookie, from url: URL, at now: Date) -> Result<StoredCookie, CookieRefusal> {
        guard let host = canonicalHost(url) else { return .failure(CookieRefusal("the request has no host")) }
        let secureOrigin = url.scheme?.lowercased() == "https"
        var domain = host
        var hostOnly = true
        if var attribute = cookie.domain?.lowercased() {
            while attribute.hasPrefix(".") { attribute.removeFirst() }
            if !attribute.isEmpty {
                guard domainMatches(host, attribute) else {
                    return .failure(CookieRefusal("its Domain \(attribute) does not cover \(host)"))
                }
                // Without a public suffix list: a single-label domain (a top-level domain such as
                // `com`) is refused unless it is the host itself (`localhost`).
                if !attribute.contains("."), attribute != host {
                    return .failure(CookieRefusal("its Domain \(attribute) is too broad"))
                }
                domain = attribute
                hostOnly = false
            }
        }
        if cookie.secure && !secureOrigin {
            return .failure(CookieRefusal("a Secure cookie can only be set over HTTPS"))
        }
        if cookie.name.hasPrefix("__Secure-"), !(cookie.secure && secureOrigin) {
            return .failure(CookieRefusal("a __Secure- cookie must be Secure and come over HTTPS"))
        }
        if cookie.name.hasPrefix("__Host-"), !(cookie.secure && secureOrigin && cookie.domain == nil && cookie.path == "/") {
            return .failure(CookieRefusal("a __Host- cookie must be Secure, come over HTTPS, have Path=/ and no Domain"))
        }
        var expires: Date?
        if let maxAge = cookie.maxAge {
            expires = maxAge <= 0 ? Date.distantPast : now.addingTimeInterval(min(Double(maxAge), 400 * 86_400))
        } else if let date = cookie.expires {
            expires = date
        }
        return .success(StoredCookie(
            name: cookie.name, value: cookie.value, domain: domain, hostOnly: hostOnly,
            path: cookie.path ?? defaultPath(url), expires: expires, secure: cookie.secure,
            httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, created: now))
    }

    /// §5.3 step 11: replaces a cookie with the same name, domain and path (keeping its creation
    /// time); an already expired cookie only removes the one it names.
    private func place(_ cookie: StoredCookie, at now: Date) {
        var cookie = cookie
        if let old = stored.first(where: { $0.id == cookie.id }) {
            cookie.created = old.created
            stored.removeAll { $0.id == cookie.id }
        }
        if !cookie.isExpired(at: now) { stored.append(cookie) }
    }

    static func canonicalHost(_ url: URL) -> String? {
        guard var host = url.host?.lowercased(), !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        return host
    }

    /// §5.1.3: the host is the domain, or ends with `.domain` and is not an IP address.
    static func domainMatches(_ host: String, _ domain: String) -> Bool {
        host == domain || (host.hasSuffix("." + domain) && !isIPAddress(host))
    }

    /// §5.1.4.
    static func pathMatches(_ requestPath: String, _ cookiePath: String) -> Bool {
        if requestPath == cookiePath { return true }
        guard requestPath.hasPrefix(cookiePath) else { return false }
        return cookiePath.hasSuffix("/") || requestPath.dropFirst(cookiePath.count).hasPrefix("/")
    }

    static func requestPath(_ url: URL) -> String {
        let path = url.path(percentEncoded: true)
        return path.isEmpty ? "/" : path
    }

    /// §5.1.4: the request path up to (not including) its last `/`, or `/`.
    static func defaultPath(_ url: URL) -> String {
        let path = requestPath(url)
        guard path.hasPrefix("/"), let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." })
    }
}

/// Why a cookie was not kept.
public struct CookieRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
