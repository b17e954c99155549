import Foundation
import Synchronization

/// The private temporary files that hold response bodies (a body past 4 MiB, a body converted to
/// UTF-8). Each name carries the id of the process that made it, so that what a killed process
/// left behind (it had no chance to remove its files) is found and removed by the next Portico
/// that spools a body: `portico-body-p1234-<UUID>`. A process id is only known on its own host
/// and in its own container, and `$TMPDIR` may be shared beyond them: a file is also kept locked
/// (`flock`, shared) for as long as its maker holds it open, and only a file nobody holds is removed.
public enum SpoolFiles {
    /// The kinds of spool file, as their names begin.
    public enum Kind: String, CaseIterable, Sendable {
        case body, utf8
    }

    /// Creates a new 0600 spool file of `kind` in `directory` (a response may carry personal data
    /// and must not be readable by other users). The first one a process makes clears the
    /// directory of the files of processes that are gone.
    public static func create(_ kind: Kind, in directory: URL = FileManager.default.temporaryDirectory) throws(PorticoError) -> (URL, FileHandle) {
        sweepOnce(directory)
        let url = directory.appendingPathComponent("portico-\(kind.rawValue)-p\(getpid())-\(UUID().uuidString)")
        let handle = try NewFile.create(url, mode: 0o600)
        flock(handle.fileDescriptor, LOCK_SH)
        live.withLock { _ = $0.insert(url.path) }
        return (url, handle)
    }

    /// Removes a spool file whose body is no longer needed.
    public static func remove(_ url: URL) {
        live.withLock { _ = $0.remove(url.path) }
        unlink(url.path)
    }

    /// The spool files this process has made and not yet removed: what is left when the process
    /// ends without the objects that own them going away first (a quit, `exit`).
    private static let live = Mutex<Set<String>>([])

    /// Removes every spool file this process still has; it runs as the process exits. A lock
    /// held at that moment (a body being spooled as another thread exits) is not waited for:
    /// the next Portico's sweep removes what is left.
    static func removeLive() {
        let paths = live.withLockIfAvailable { paths -> Set<String> in
            defer { paths.removeAll() }
            return paths
        } ?? []
        for path in paths { unlink(path) }
    }

    /// Removes the spool files in `directory` that belong to this user and to processes no longer
    /// running, and that nobody holds locked; returns how many went. Files of running processes,
    /// held files, files of other users and files not named as spool files stay.
    @discardableResult
    public static func removeOrphans(in directory: URL) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var removed = 0
        for name in names {
            guard let pid = owningProcess(name), !isRunning(pid) else { continue }
            let path = directory.appendingPathComponent(name).path
            var status = stat()
            guard lstat(path, &status) == 0, status.st_uid == getuid(), (status.st_mode & S_IFMT) == S_IFREG else { continue }
            let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            // Held by a process this one cannot see: still in use.
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// The process id in a spool file's name, or nil when `name` is not one.
    static func owningProcess(_ name: String) -> pid_t? {
        for kind in Kind.allCases {
            let prefix = "portico-\(kind.rawValue)-p"
            guard name.hasPrefix(prefix) else { continue }
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0,
                  UUID(uuidString: String(rest[rest.index(after: dash)...])) != nil else { return nil }
            return pid
        }
        return nil
    }

    private static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    private static let swept = Mutex<Set<String>>([])

    /// The first time in a folder, removes the files of processes that are gone; the first time
    /// at all, also sees to this process's own files being removed as it exits.
    private static func sweepOnce(_ directory: URL) {
        let (firstHere, firstEver) = swept.withLock { folders in
            (folders.insert(directory.standardizedFileURL.path).inserted, folders.count == 1)
        }
        if firstEver, firstHere { atexit { SpoolFiles.removeLive() } }
        if firstHere { removeOrphans(in: directory) }
    }
}
