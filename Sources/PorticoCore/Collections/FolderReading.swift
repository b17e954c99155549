import Foundation

/// The two file-system reads a collection load makes a thousand times: listing a folder and
/// reading a small file. Plain POSIX calls on path strings: with Foundation's URL and Data
/// these were a quarter of the time to open a 1,000-request collection (perf, Benchmarks/tui_bench.py).
public enum FolderReading {
    struct Entry {
        var name: String
        var isFolder: Bool
    }

    /// The entries of the folder at `path`, without `.` and `..` (empty when it cannot be read),
    /// and the names that are not UTF-8 (shown with replacement characters): a path rebuilt from
    /// such a name would not reach the file, so the caller reports them instead.
    /// A symbolic link is never a folder here: following one could loop.
    static func entries(_ path: String) -> (entries: [Entry], notUTF8: [String]) {
        guard let directory = opendir(path) else { return ([], []) }
        defer { closedir(directory) }
        var entries: [Entry] = []
        var notUTF8: [String] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                notUTF8.append(String(decoding: bytes, as: UTF8.self))
                continue
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
        return (entries, notUTF8)
    }

    /// The whole file at `path` as UTF-8 text, without a leading byte order mark (editors on
    /// Windows add one). Regular files only unless `allowingPipes`: a FIFO or a device named
    /// like a request file in a folder must not hang or flood a load (O_NONBLOCK keeps the open
    /// itself from waiting for a FIFO's writer), while a file named on the command line may be
    /// `<(…)` or /dev/stdin.
    public static func text(_ path: String, allowingPipes: Bool = false) throws(FileProblem) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (allowingPipes ? 0 : O_NONBLOCK))
        guard descriptor >= 0 else { throw FileProblem(line: 0, "cannot read: \(reason(errno))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileProblem(line: 0, "cannot read: \(reason(errno))") }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw FileProblem(line: 0, "cannot read: is a folder") }
        if kind != S_IFREG, !(allowingPipes && (kind == S_IFIFO || kind == S_IFCHR || kind == S_IFSOCK)) {
            throw FileProblem(line: 0, "cannot read: not a regular file")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(Int(info.st_size), 0) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileProblem(line: 0, "cannot read: \(reason(errno))")
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        guard let text = String(validating: body, as: UTF8.self) else { throw FileProblem(line: 0, "not UTF-8 text") }
        return text
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
