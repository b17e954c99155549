import Foundation
import Synchronization

/// The private temporary files that hold response bodies (a body past 4 MiB, a body converted to
/// UTF-8). Each name carries the id of the process that made it, so that what a killed process
/// left behind (it had no chance to remove its files) is found and removed by the next Portico
/// that spools a body: `portico-body-p1234-<UUID>`.
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
        return (url, try NewFile.create(url, mode: 0o600))
    }

    /// Removes the spool files in `directory` that belong to this user and to processes no longer
    /// running; returns how many went. Files of running processes, of other users and files not
    /// named as spool files stay.
    @discardableResult
    public static func removeOrphans(in directory: URL) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var removed = 0
        for name in names {
            guard let pid = owningProcess(name), !isRunning(pid) else { continue }
            let path = directory.appendingPathComponent(name).path
            var status = stat()
            guard lstat(path, &status) == 0, status.st_uid == getuid(), (status.st_mode & S_IFMT) == S_IFREG else { continue }
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

    private static func sweepOnce(_ directory: URL) {
        let first = swept.withLock { $0.insert(directory.standardizedFileURL.path).inserted }
        if first { removeOrphans(in: directory) }
    }
}
