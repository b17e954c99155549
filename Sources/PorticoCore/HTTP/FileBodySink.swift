import Foundation

/// Writes a response body to a file the user named, never leaving it half-written: the body goes to
/// a temporary file beside it and replaces the target only once complete. Devices and pipes such as
/// /dev/null are written directly.
public final class FileBodySink: ResponseBodySink, @unchecked Sendable {
    public let destination: URL
    private let handle: FileHandle
    private let temporary: URL?
    private let lock = NSLock()
    private var written = 0

    public init(destination: URL) throws(PorticoError) {
        self.destination = destination
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw .input("cannot write the body to \(destination.path): it is a folder") }
        let type = exists ? (try? FileManager.default.attributesOfItem(atPath: destination.path))?[.type] as? FileAttributeType : nil
        if let type, type != .typeRegular, type != .typeSymbolicLink {
            temporary = nil
            do { handle = try FileHandle(forWritingTo: destination) } catch {
                throw .input("cannot write the body to \(destination.path): \(FileErrors.reason(error))")
            }
        } else {
            let folder = destination.deletingLastPathComponent()
            let temporaryURL = folder.appendingPathComponent(".\(destination.lastPathComponent).portico-\(UUID().uuidString.prefix(8)).part")
            // A file being replaced keeps its mode; a new one gets the umask's.
            let existingMode = (try? FileManager.default.attributesOfItem(atPath: destination.path))?[.posixPermissions] as? Int
            handle = try NewFile.create(temporaryURL, mode: 0o666)
            if let existingMode { fchmod(handle.fileDescriptor, mode_t(existingMode)) }
            temporary = temporaryURL
        }
    }

    public var size: Int { lock.withLock { written } }

    public func receive(_ chunk: Data) throws(PorticoError) {
        do {
            try handle.write(contentsOf: chunk)
        } catch {
            throw .input("cannot write the body to \(destination.path): \(FileErrors.reason(error))")
        }
        lock.withLock { written += chunk.count }
    }

    public func finish() throws(PorticoError) {}

    /// Puts the complete body in place, durably.
    public func commit() throws(PorticoError) {
        // Devices and pipes (/dev/null) are written directly and cannot be synced.
        guard let temporary else {
            try? handle.close()
            return
        }
        do {
            try handle.synchronize()
        } catch {
            discard()
            throw .input("cannot write the body to \(destination.path): \(FileErrors.reason(error))")
        }
        try? handle.close()
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .input("cannot write the body to \(destination.path): \(reason)")
        }
        let folder = open(destination.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Drops a body that did not arrive whole; an earlier file at the destination is left as it was.
    public func discard() {
        try? handle.close()
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }
}
