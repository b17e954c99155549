import Foundation

/// A JSON file of values only their owner may read: tokens, captured values. The folder is made
/// 0700 and the file written whole with 0600, so a crash leaves the old file or the new one; with a
/// key, the JSON is sealed (docs/security.md), so the values never sit on disk in plain text.
struct PrivateJSONFile<Value: Codable> {
    let url: URL
    var key: SecretKey?

    /// Nil when the file is missing or cannot be read as `Value` (or was sealed with a key that is
    /// gone): callers start afresh, since the worst outcome is a token or a needed request fetched
    /// again. A file written before values were sealed is plain JSON, which `open` passes through.
    func read() -> Value? {
        _ = AtomicFile.removeAbandonedTemporaries(in: url.deletingLastPathComponent())
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let json = key.flatMap { try? $0.open(text) }.map { Data($0.utf8) } ?? data
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(Value.self, from: json)
    }

    func write(_ value: Value) throws(PorticoError) {
        let folder = url.deletingLastPathComponent()
        try AtomicFile.makeFolder(folder, permissions: 0o700)
        chmod(folder.path, 0o700)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        let json: Data
        do { json = try encoder.encode(value) } catch { throw .input("cannot write \(url.path): \(error)") }
        var data = json
        if let key { data = Data(try key.seal(String(decoding: json, as: UTF8.self)).utf8) }
        try AtomicFile.write(data, to: url, permissions: 0o600)
    }
}
