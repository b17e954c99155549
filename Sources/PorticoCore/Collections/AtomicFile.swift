import Foundation

/// Writes files so that a reader (or a crash) sees the old content or the new, never a mix:
/// temporary file in the same folder, fsync, rename over the target, fsync the folder.
/// A process killed mid-write leaves its temporary file behind; the next start removes it
/// (`removeAbandonedTemporaries`), which the temporary's name makes safe: it carries the pid.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws(PorticoError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(temporaryName(for: url.lastPathComponent))
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
        syncFolder(folder)
    }

    /// A rename or a new name in `folder` is durable only once the folder itself is synced.
    static func syncFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
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

    /// `.<name>.<pid>.<random>.tmp`: hidden, so a collection listing skips it, and owned by a pid.
    static func temporaryName(for name: String) -> String {
        ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// The pid that wrote a temporary file named by `temporaryName`, nil for any other name.
    static func writer(ofTemporary name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, UInt32(parts[parts.count - 1]) != nil, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { return nil }
        return pid
    }

    /// Whether `name` is a temporary file of a write that can never finish: its writer is gone.
    /// A live writer's file is left alone (two Portico processes may share a folder).
    public static func isAbandonedTemporary(_ name: String) -> Bool {
        guard let pid = writer(ofTemporary: name), pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Removes the temporary files of writes that were killed before their rename, in `folder`
    /// (not below it); returns how many went.
    @discardableResult
    public static func removeAbandonedTemporaries(in folder: URL) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return 0 }
        return names.filter(isAbandonedTemporary).filter { unlink(folder.appendingPathComponent($0).path) == 0 }.count
    }
}
