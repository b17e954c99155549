import Foundation

/// Creates a file that must not exist yet and opens it for writing, in one step: no window in which
/// another user could open it before its mode is set, and no following a planted symbolic link.
public enum NewFile {
    /// `mode` is filtered by the umask, as for any file a program creates.
    public static func create(_ url: URL, mode: mode_t) throws(PorticoError) -> FileHandle {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw .input("cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
