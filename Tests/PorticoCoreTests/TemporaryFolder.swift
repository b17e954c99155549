import Foundation

/// A folder of its own for one test, under the system's temporary folder; removed when the test
/// is done with it (or earlier, by `remove`), so runs do not pile folders up in /tmp.
final class TemporaryFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).standardizedFileURL

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { remove() }
    func remove() { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    func write(_ text: String, to relative: String) throws {
        try write(Data(text.utf8), to: relative)
    }

    @discardableResult
    func write(_ data: Data, to relative: String) throws -> URL {
        let file = path(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    func read(_ relative: String) throws -> Data { try Data(contentsOf: path(relative)) }

    func text(_ relative: String) throws -> String { String(decoding: try read(relative), as: UTF8.self) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative).path) }

    func isFolder(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relative).path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Every file and folder below the root, relative paths, folders ending in "/".
    func tree() -> [String] {
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey])
        var entries: [String] = []
        while let item = enumerator?.nextObject() as? URL {
            let relative = String(item.standardizedFileURL.path.dropFirst(url.path.count + 1))
            let isDirectory = (try? item.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
            entries.append(isDirectory ? relative + "/" : relative)
        }
        return entries.sorted()
    }

    /// Every regular file below the folder, relative paths.
    func allFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [String] = []
        while let item = enumerator?.nextObject() as? URL {
            if (try? item.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(String(item.standardizedFileURL.path.dropFirst(url.path.count + 1)))
            }
        }
        return files.sorted()
    }

    /// What identifies a file's current content on disk: a rewrite (temporary file renamed over it)
    /// gives a new inode even when the bytes and the second are the same.
    func identity(_ relative: String) throws -> FileIdentity {
        let attributes = try FileManager.default.attributesOfItem(atPath: path(relative).path)
        return FileIdentity(
            inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0,
            modified: attributes[.modificationDate] as? Date,
            bytes: try read(relative))
    }

    func identities() throws -> [String: FileIdentity] {
        var result: [String: FileIdentity] = [:]
        for file in allFiles() { result[file] = try identity(file) }
        return result
    }
}

/// What a file is on disk, to tell a rewrite (new inode or time) from a file left alone.
struct FileIdentity: Equatable {
    var inode: UInt64
    var modified: Date?
    var bytes: Data
}
