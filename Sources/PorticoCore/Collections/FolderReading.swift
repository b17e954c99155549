import Foundation

/// The two file-system reads a collection load makes a thousand times: listing a folder and
/// reading a small file. Plain POSIX calls on path strings: with Foundation's URL and Data
/// these were a quarter of the time to open a 1,000-request collection (perf, Benchmarks/tui_bench.py).
enum FolderReading {
    struct Entry {
        var name: String
        var isFolder: Bool
    }

    /// The entries of the folder at `path`, without `.` and `..`; empty when it cannot be read.
    /// A symbolic link is never a folder here: following one could loop.
    static func entries(_ path: String) -> [Entry] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                // Some file systems do not fill d_type: ask, still without following links.
                var info = stat()
                isFolder = lstat(path + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            entries.append(Entry(name: name, isFolder: isFolder))
        }
        return entries
    }

    /// The whole file at `path` as UTF-8 text. Only regular files: a FIFO or a device named
    /// like a request file must not hang or flood the load (O_NONBLOCK keeps the open itself from
    /// waiting for a FIFO's writer).
    static func text(_ path: String) throws(FileProblem) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileProblem(line: 0, "cannot read: \(String(cString: strerror(errno)).lowercased())") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw FileProblem(line: 0, "cannot read: not a regular file")
        }
        bytes.reserveCapacity(max(Int(info.st_size), 0) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileProblem(line: 0, "cannot read: \(String(cString: strerror(errno)).lowercased())")
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw FileProblem(line: 0, "not UTF-8 text") }
        return text
    }
}
