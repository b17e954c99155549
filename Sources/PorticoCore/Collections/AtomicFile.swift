import Foundation

/// Writes files so that a reader (or a crash) sees the old content or the new, never a mix:
/// temporary file in the same folder, fsync, rename over the target, fsync the folder.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws(PorticoError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else {
            throw .input("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary.path) }
        }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let result = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += result
            }
            return true
        }
        let synced = written && fsync(descriptor) == 0
        let reason = String(cString: strerror(errno))
        close(descriptor)
        guard synced else { throw .input("cannot write \(url.path): \(reason)") }
        guard rename(temporary.path, url.path) == 0 else {
            throw .input("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        succeeded = true
        // The rename itself is durable only once the folder is synced.
        let folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Creates a folder and its parents with the given mode (0700 for private data).
    public static func makeFolder(_ url: URL, permissions: Int = 0o755) throws(PorticoError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: permissions])
        } catch {
            throw .input("cannot create folder \(url.path): \(FileErrors.reason(error))")
        }
    }
}
