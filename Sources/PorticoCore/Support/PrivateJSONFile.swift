import Foundation

/// A JSON file of values only their owner may read: tokens, captured values. The folder is made
/// 0700 and the file written whole with 0600, so a crash leaves the old file or the new one.
struct PrivateJSONFile<Value: Codable> {
    let url: URL

    /// Nil when the file is missing or cannot be read as `Value`: callers start afresh, since the
    /// worst outcome is a token or a needed request fetched again.
    func read() -> Value? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(Value.self, from: data)
    }

    func write(_ value: Value) throws(PorticoError) {
        let folder = url.deletingLastPathComponent()
        try AtomicFile.makeFolder(folder, permissions: 0o700)
        chmod(folder.path, 0o700)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        let data: Data
        do { data = try encoder.encode(value) } catch { throw .input("cannot write \(url.path): \(error)") }
        try AtomicFile.write(data, to: url, permissions: 0o600)
    }
}
