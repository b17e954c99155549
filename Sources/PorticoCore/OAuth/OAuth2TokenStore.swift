import Foundation

/// An access token as a token endpoint issued it, and until when it may be used.
public struct OAuth2Token: Hashable, Sendable, Codable {
    public var accessToken: String
    public var tokenType: String
    /// Nil when the server said nothing: the token is used until the server refuses it.
    public var expiresAt: Date?
    public var refreshToken: String?

    public init(accessToken: String, tokenType: String = "Bearer", expiresAt: Date? = nil, refreshToken: String? = nil) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresAt = expiresAt
        self.refreshToken = refreshToken
    }

    /// Whether the token is still good at `now`. A token is given up a little before it expires,
    /// so that it does not run out on its way to the server: a tenth of its lifetime, at most 30 s.
    public func isUsable(at now: Date, issuedAt: Date) -> Bool {
        guard let expiresAt else { return true }
        let margin = min(30, max(0, expiresAt.timeIntervalSince(issuedAt)) / 10)
        return now < expiresAt.addingTimeInterval(-margin)
    }
}

/// Tokens kept between sends and between runs of `portico`: in memory, and when a file is given,
/// in that private file (folder 0700, file 0600; by default under `$XDG_DATA_HOME/portico/oauth`,
/// never in a collection folder), sealed whole with the user's `SecretKey`. The file is read again
/// at each look-up, so two `portico` processes see each other's tokens.
public final class OAuth2TokenStore: @unchecked Sendable {
    public struct Entry: Hashable, Sendable, Codable {
        public var key: OAuth2TokenKey
        public var token: OAuth2Token
        public var issuedAt: Date
    }

    public let file: URL?
    public let key: SecretKey?
    private let entries: PrivateEntries<Entry>

    /// A store that keeps tokens for the life of the process only.
    public init() {
        file = nil
        key = nil
        entries = PrivateEntries(file: nil, key: nil)
    }

    /// With no key given, the key lives in the folder above the file's (as `paths` places them).
    public init(file: URL, key: SecretKey? = nil) {
        self.file = file
        self.key = key ?? SecretKey(file: file.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("secret.key"))
        entries = PrivateEntries(file: file, key: self.key)
    }

    /// The store `portico` uses.
    public convenience init(paths: UserPaths) {
        self.init(file: paths.data.appendingPathComponent("oauth").appendingPathComponent("tokens.json"), key: SecretKey(paths: paths))
    }

    /// Every token kept (`portico auth` and tests read them).
    public func allEntries() -> [Entry] {
        entries.read { $0 }
    }

    public func entry(for key: OAuth2TokenKey) -> Entry? {
        entries.read { entries in
            return entries.first { $0.key == key }
        }
    }

    public func save(_ token: OAuth2Token, for key: OAuth2TokenKey, issuedAt: Date) throws(PorticoError) {
        try entries.update { entries in
            entries.removeAll { $0.key == key }
            entries.append(Entry(key: key, token: token, issuedAt: issuedAt))
        }
    }

    /// Forgets the token of `key`, e.g. after the server refused it.
    public func remove(_ key: OAuth2TokenKey) throws(PorticoError) {
        try entries.update { entries in entries.removeAll { $0.key == key } }
    }

    /// Forgets every token; returns how many there were.
    @discardableResult
    public func removeAll() throws(PorticoError) -> Int {
        var count = 0
        try entries.update { entries in
            count = entries.count
            entries.removeAll()
        }
        return count
    }
}
