import Foundation

/// A list of entries kept in memory, and in a private file when one is given (`PrivateJSONFile`:
/// 0600, sealed with a key). The file is read again at each look and written back whole after
/// each change, under a lock, so two processes sharing it see each other's entries.
final class PrivateEntries<Entry: Codable>: @unchecked Sendable {
    private let file: PrivateJSONFile<[Entry]>?
    private let lock = NSLock()
    private var entries: [Entry] = []

    init(file: URL?, key: SecretKey?) {
        self.file = file.map { PrivateJSONFile(url: $0, key: key) }
    }

    /// Looks at the entries as they are now.
    func read<Result>(_ look: ([Entry]) -> Result) -> Result {
        lock.withLock {
            load()
            return look(entries)
        }
    }

    /// Changes the entries and writes them back.
    func update(_ change: (inout [Entry]) -> Void) throws(PorticoError) {
        lock.lock()
        defer { lock.unlock() }
        load()
        change(&entries)
        try file?.write(entries)
    }

    /// Replaces the entries in memory by the file's; a missing or unreadable file holds none.
    private func load() {
        guard let file else { return }
        entries = file.read() ?? []
    }
}
