import Crypto
import Foundation

/// The file-backed history (docs/history-format.md): append-only JSON Lines segments with a
/// checksum per record, large bodies in content-addressed files, one flock for writers.
/// Readers take no lock: records are appended with one write and segments replaced by rename.
public struct HistoryStore: Sendable {
    public static let formatVersion = 1
    /// A new segment starts when the last one passes this size, so listing the newest records
    /// reads one small file and pruning rewrites little.
    public static let segmentLimit = 4 << 20
    /// Bodies up to this size live in the record itself; larger ones in `bodies/`.
    public static let inlineBodyLimit = 4 << 10
    public static let defaultMaxBodySize = 16 << 20

    public let folder: URL
    /// Bodies beyond this many bytes are cut (the record says so with `truncated`).
    public var maxBodySize: Int
    /// Applied whenever a new segment starts; nil keeps everything.
    public var retention: HistoryRetention?

    public init(folder: URL, maxBodySize: Int = HistoryStore.defaultMaxBodySize, retention: HistoryRetention? = .default) {
        self.folder = folder
        self.maxBodySize = maxBodySize
        self.retention = retention
    }

    /// `PORTICO_HISTORY_DIR`, else `$XDG_DATA_HOME/portico/history`.
    public static func defaultFolder(paths: UserPaths, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let override = environment["PORTICO_HISTORY_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return paths.data.appendingPathComponent("history")
    }

    var recordsFolder: URL { folder.appendingPathComponent("records") }
    var bodiesFolder: URL { folder.appendingPathComponent("bodies") }
    var temporaryBodies: URL { bodiesFolder.appendingPathComponent("tmp") }

    // MARK: Writing

    /// Stores the record and its large bodies; returns once everything is on disk (fsynced).
    @discardableResult
    public func append(_ draft: HistoryDraft) throws(PorticoError) -> HistoryRecord {
        try prepareFolders()
        return try withWriteLock { () throws(PorticoError) -> HistoryRecord in
            try removeAbandonedBodies()
            var record = draft.record
            if let source = draft.requestBody { record.request.body = try storeBody(source) }
            if let source = draft.responseBody, record.response != nil { record.response?.body = try storeBody(source) }
            let line = try HistoryLine.encode(record)
            let (segment, startsNew) = try segmentForAppending()
            try appendLine(line, to: segment)
            if startsNew, let retention { _ = try pruneLocked(retention) }
            return record
        }
    }

    /// Undoes what a writer killed mid-append left (the temporary files of bodies and of pruned
    /// segments, a torn last line), so that no reader meets it. Portico calls it as it starts;
    /// every append does the same under its lock. Nothing to do for a history not made yet.
    public func recover() throws(PorticoError) {
        // A first start killed while writing FORMAT leaves its temporary file and no FORMAT.
        AtomicFile.removeAbandonedTemporaries(in: folder)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("FORMAT").path) else { return }
        try prepareFolders()
        try withWriteLock { () throws(PorticoError) in
            try removeAbandonedBodies()
            AtomicFile.removeAbandonedTemporaries(in: recordsFolder)
            if let last = try segmentFiles().last { try cutTornLine(of: last) }
        }
    }

    /// Creates the folders (0700) and the FORMAT file, or refuses a newer format.
    func prepareFolders() throws(PorticoError) {
        let formatFile = folder.appendingPathComponent("FORMAT")
        if let text = try? String(contentsOf: formatFile, encoding: .utf8) {
            let version = Int(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").last ?? "") ?? 0
            if version > Self.formatVersion {
                throw .input("the history in \(folder.path) has format \(version); this Portico writes format \(Self.formatVersion) and will not touch it (upgrade Portico)")
            }
            if version < 1 {
                throw .input("\(formatFile.path) does not name a history format: \(text.prefix(40))")
            }
        } else {
            for url in [folder, recordsFolder, bodiesFolder, temporaryBodies] {
                try AtomicFile.makeFolder(url, permissions: 0o700)
            }
            try AtomicFile.write(Data("portico-history \(Self.formatVersion)\n".utf8), to: formatFile, permissions: 0o600)
        }
    }

    /// Runs `body` holding the exclusive writer lock, so two processes never interleave records.
    func withWriteLock<T>(_ body: () throws(PorticoError) -> T) throws(PorticoError) -> T {
        let path = folder.appendingPathComponent("lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .input("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .input("cannot lock \(path): \(String(cString: strerror(errno)))") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Bodies left in `tmp/` were being written by a process that died: only the lock holder writes there.
    private func removeAbandonedBodies() throws(PorticoError) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporaryBodies.path) else {
            try AtomicFile.makeFolder(temporaryBodies, permissions: 0o700)
            return
        }
        for name in names { unlink(temporaryBodies.appendingPathComponent(name).path) }
    }

    /// Inline when small, else written to `bodies/` under its SHA-256 (once per distinct body).
    private func storeBody(_ source: HistoryDraft.BodySource) throws(PorticoError) -> HistoryRecord.Body {
        let size = source.size
        let kept = min(size, maxBodySize, source.availableSize)
        let truncated: Bool? = kept < size ? true : nil
        if kept <= Self.inlineBodyLimit {
            var data = Data()
            try source.read(limit: kept) { data.append($0) }
            if let text = String(data: data, encoding: .utf8) {
                return HistoryRecord.Body(size: size, text: text, truncated: truncated)
            }
            return HistoryRecord.Body(size: size, base64: data.base64EncodedString(), truncated: truncated)
        }
        let temporary = temporaryBodies.appendingPathComponent("\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let handle = try NewFile.create(temporary, mode: 0o600)
        var hasher = SHA256()
        do throws(PorticoError) {
            try source.read(limit: kept) { (chunk: Data) throws(PorticoError) in
                hasher.update(data: chunk)
                do { try handle.write(contentsOf: chunk) } catch {
                    throw .input("cannot write \(temporary.path): \(error.localizedDescription)")
                }
            }
            guard fsync(handle.fileDescriptor) == 0 else { throw PorticoError.input("cannot write \(temporary.path): \(String(cString: strerror(errno)))") }
            try? handle.close()
        } catch {
            try? handle.close()
            unlink(temporary.path)
            throw error
        }
        let digest = hasher.finalize().hexText
        let destination = bodyURL(digest)
        try AtomicFile.makeFolder(destination.deletingLastPathComponent(), permissions: 0o700)
        if FileManager.default.fileExists(atPath: destination.path) {
            unlink(temporary.path)
        } else {
            guard rename(temporary.path, destination.path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary.path)
                throw .input("cannot store a body in \(destination.path): \(reason)")
            }
            Self.syncFolder(destination.deletingLastPathComponent())
        }
        return HistoryRecord.Body(size: size, sha256: digest, truncated: truncated)
    }

    func bodyURL(_ digest: String) -> URL {
        bodiesFolder.appendingPathComponent(String(digest.prefix(2))).appendingPathComponent(digest)
    }

    /// The last segment, or a new one when it is full (or there is none).
    private func segmentForAppending() throws(PorticoError) -> (URL, startsNew: Bool) {
        let segments = try segmentFiles()
        if let last = segments.last {
            var info = stat()
            if stat(last.path, &info) == 0, Int(info.st_size) < Self.segmentLimit { return (last, false) }
        }
        let number = (segments.last.flatMap { Int($0.deletingPathExtension().lastPathComponent) } ?? 0) + 1
        return (recordsFolder.appendingPathComponent(Self.segmentName(number)), !segments.isEmpty)
    }

    static func segmentName(_ number: Int) -> String { String(format: "%06d.jsonl", number) }

    private func appendLine(_ line: Data, to segment: URL) throws(PorticoError) {
        let descriptor = open(segment.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .input("cannot open \(segment.path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let payload = line
        let end = try Self.cutTornLine(descriptor, path: segment.path)
        let written = payload.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += result
            }
            return true
        }
        guard written, fdatasync(descriptor) == 0 else {
            throw .input("cannot append to \(segment.path): \(String(cString: strerror(errno)))")
        }
        if end == 0 { Self.syncFolder(recordsFolder) }
    }

    /// Cuts off the segment's torn last line, if it has one.
    private func cutTornLine(of segment: URL) throws(PorticoError) {
        let descriptor = open(segment.path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .input("cannot open \(segment.path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let end = lseek(descriptor, 0, SEEK_END)
        if try Self.cutTornLine(descriptor, path: segment.path) < end, fdatasync(descriptor) != 0 {
            throw .input("cannot remove an interrupted record from \(segment.path): \(String(cString: strerror(errno)))")
        }
    }

    /// A torn last line (a writer killed mid-write) was never reported saved: it is cut off, so
    /// the next record starts on its own line and readers are not warned about it forever after.
    /// Returns the segment's size after the cut. The caller holds the write lock.
    private static func cutTornLine(_ descriptor: Int32, path: String) throws(PorticoError) -> off_t {
        let end = lseek(descriptor, 0, SEEK_END)
        guard end > 0, let lineEnd = endOfLastCompleteLine(descriptor, size: end), lineEnd < end else { return max(end, 0) }
        guard ftruncate(descriptor, lineEnd) == 0 else {
            throw .input("cannot remove an interrupted record from \(path): \(String(cString: strerror(errno)))")
        }
        return lineEnd
    }

    /// The offset just after the file's last newline (0 when it has none), reading backwards.
    private static func endOfLastCompleteLine(_ descriptor: Int32, size: off_t) -> off_t? {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var position = size
        while position > 0 {
            let start = max(0, position - off_t(buffer.count))
            let count = Int(position - start)
            let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, start) }
            guard read == count else { return nil }
            if let index = buffer[..<count].lastIndex(of: UInt8(ascii: "\n")) { return start + off_t(index) + 1 }
            position = start
        }
        return 0
    }

    static func syncFolder(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    // MARK: Reading

    /// The segment files, oldest first.
    func segmentFiles() throws(PorticoError) -> [URL] {
        guard FileManager.default.fileExists(atPath: recordsFolder.path) else { return [] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: recordsFolder.path) } catch {
            throw .input("cannot list \(recordsFolder.path): \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".jsonl") && Int($0.dropLast(6)) != nil }
            .sorted { Int($0.dropLast(6))! < Int($1.dropLast(6))! }
            .map { recordsFolder.appendingPathComponent($0) }
    }

    /// The bytes of a stored body (`nil` when the body was empty or absent).
    public func bodyData(_ body: HistoryRecord.Body?) throws(PorticoError) -> Data? {
        guard let body else { return nil }
        if let text = body.text { return Data(text.utf8) }
        if let base64 = body.base64 {
            guard let data = Data(base64Encoded: base64) else { throw .input("a history body is not valid base64") }
            return data
        }
        if let digest = body.sha256 {
            let url = bodyURL(digest)
            do { return try Data(contentsOf: url) } catch {
                throw .input("the history body \(digest.prefix(12)) is missing from \(bodiesFolder.path)")
            }
        }
        return Data()
    }
}
