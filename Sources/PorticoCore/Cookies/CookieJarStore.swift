import Foundation

/// Where a collection's cookie jar is kept between runs, when the user asks for it (`cookies:
/// persist: true` in config.yaml): `$XDG_DATA_HOME/portico/cookies/<collection id>.json`, folder
/// 0700 and file 0600, never in the collection folder that goes into git. With a key the JSON is
/// sealed, as tokens are: a cookie is often a login. Session cookies (no expiry) are not kept, as
/// a browser drops them at exit.
public struct CookieJarStore: Sendable {
    public var folder: URL
    /// Seals the jar; nil writes it as plain JSON.
    public var key: SecretKey?

    public init(folder: URL, key: SecretKey? = nil) {
        self.folder = folder
        self.key = key
    }

    public init(paths: UserPaths) {
        folder = paths.data.appendingPathComponent("cookies")
        key = SecretKey(paths: paths)
    }

    public func file(for collectionID: String) -> URL {
        folder.appendingPathComponent(SecretStore.fileName(for: collectionID) + ".json")
    }

    /// The kept cookies of a collection, without those that expired meanwhile; none when nothing is kept.
    public func load(collectionID: String, at now: Date = Date()) throws(PorticoError) -> [StoredCookie] {
        AtomicFile.removeAbandonedTemporaries(in: folder)
        let url = file(for: collectionID)
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        // A jar kept before jars were sealed is plain JSON, and is read as it is.
        var json = data
        let text = String(decoding: data, as: UTF8.self)
        if SecretKey.isSealed(text) {
            guard let key else { throw .input("\(url.path) is sealed and no key was given to open it") }
            guard let opened = try? key.open(text) else {
                throw .input("\(url.path): the cookie jar was sealed with a key that is gone or another one (\(key.file.path)); run `portico cookies clear` to start a new jar")
            }
            json = Data(opened.utf8)
        }
        do {
            return try Self.decoder.decode([StoredCookie].self, from: json).filter { !$0.isExpired(at: now) }
        } catch {
            throw .input("\(url.path): not a cookie jar Portico wrote (\(error.localizedDescription)); delete it or run `portico cookies clear`")
        }
    }

    /// Writes the cookies that outlive the session; removes the file when none do.
    public func save(_ cookies: [StoredCookie], collectionID: String, at now: Date = Date()) throws(PorticoError) {
        let kept = cookies.filter { $0.expires != nil && !$0.isExpired(at: now) }
        let url = file(for: collectionID)
        if kept.isEmpty {
            try? FileManager.default.removeItem(at: url)
            return
        }
        var data: Data
        do { data = try Self.encoder.encode(kept) } catch { throw .input("cannot encode the cookie jar: \(error)") }
        if let key { data = Data(try key.seal(String(decoding: data, as: UTF8.self)).utf8) }
        try AtomicFile.makeFolder(folder, permissions: 0o700)
        try AtomicFile.write(data, to: url, permissions: 0o600)
    }

    /// Deletes the kept jar of one collection, or of every collection; returns how many files went.
    @discardableResult
    public func clear(collectionID: String?) -> Int {
        let files: [URL]
        if let collectionID {
            files = [file(for: collectionID)]
        } else {
            files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).filter { $0.pathExtension == "json" }
        }
        return files.filter { (try? FileManager.default.removeItem(at: $0)) != nil }.count
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
