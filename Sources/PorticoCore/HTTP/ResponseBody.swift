import Foundation

/// Receives a response body chunk by chunk as it arrives.
public protocol ResponseBodySink: AnyObject, Sendable {
    func receive(_ chunk: Data) throws(PorticoError)
    /// Called once after the last chunk (not called when the exchange fails).
    func finish() throws(PorticoError)
}

/// A response body kept in memory while small and spilled to a private temporary file past
/// `memoryLimit`, so that viewing a 100 MB response costs a file, not 100 MB of memory.
public final class ResponseBody: ResponseBodySink, @unchecked Sendable {
    public static let defaultMemoryLimit = 4 << 20

    private enum Storage {
        case memory(Data)
        case file(URL, FileHandle)
    }

    private let lock = NSLock()
    private var storage: Storage = .memory(Data())
    private var byteCount = 0
    private let memoryLimit: Int
    private let maximumSize: Int?

    /// - Parameter maximumSize: a body larger than this stops the exchange with a clear error.
    public init(memoryLimit: Int = ResponseBody.defaultMemoryLimit, maximumSize: Int? = nil) {
        self.memoryLimit = memoryLimit
        self.maximumSize = maximumSize
    }

    deinit {
        if case .file(let url, let handle) = storage {
            try? handle.close()
            SpoolFiles.remove(url)
        }
    }

    public var size: Int { lock.withLock { byteCount } }

    /// Where the body lives when it was spilled to disk.
    public var fileURL: URL? {
        lock.withLock { if case .file(let url, _) = storage { url } else { nil } }
    }

    public func receive(_ chunk: Data) throws(PorticoError) {
        lock.lock()
        defer { lock.unlock() }
        do {
            if let maximumSize, byteCount + chunk.count > maximumSize {
                throw PorticoError(.protocol, "response body exceeds the limit of \(maximumSize) bytes; stopped")
            }
            byteCount += chunk.count
            switch storage {
            case .memory(var data):
                if data.count + chunk.count <= memoryLimit {
                    storage = .memory(Data())
                    data.append(chunk)
                    storage = .memory(data)
                } else {
                    let (url, handle) = try SpoolFiles.create(.body)
                    do {
                        try handle.write(contentsOf: data)
                        try handle.write(contentsOf: chunk)
                    } catch {
                        throw PorticoError(.input, "cannot write the response body to \(url.path): \(error.localizedDescription)")
                    }
                    storage = .file(url, handle)
                }
            case .file(let url, let handle):
                do { try handle.write(contentsOf: chunk) } catch {
                    throw PorticoError(.input, "cannot write the response body to \(url.path): \(error.localizedDescription)")
                }
            }
        }
    }

    public func finish() throws(PorticoError) {}

    /// The whole body. For spilled bodies this reads the file; callers that can stream use `chunks`.
    public func data() throws(PorticoError) -> Data {
        var result = Data()
        try forEachChunk { result.append($0) }
        return result
    }

    /// The first `count` bytes (all of a shorter body), without reading the rest of a spilled one.
    public func leading(_ count: Int) throws(PorticoError) -> Data {
        let snapshot = lock.withLock { storage }
        switch snapshot {
        case .memory(let data):
            return data.prefix(count)
        case .file(let url, _):
            do {
                let reader = try FileHandle(forReadingFrom: url)
                defer { try? reader.close() }
                return try reader.read(upToCount: count) ?? Data()
            } catch {
                throw PorticoError(.input, "cannot read the spooled response body \(url.path): \(error.localizedDescription)")
            }
        }
    }

    /// Visits the body in pieces of at most `chunkSize` bytes without loading a spilled body whole.
    public func forEachChunk(chunkSize: Int = 1 << 20, _ visit: (Data) throws(PorticoError) -> Void) throws(PorticoError) {
        let snapshot = lock.withLock { storage }
        switch snapshot {
        case .memory(let data):
            var start = data.startIndex
            while start < data.endIndex {
                let end = min(start + chunkSize, data.endIndex)
                try visit(data[start..<end])
                start = end
            }
        case .file(let url, _):
            let reader: FileHandle
            do { reader = try FileHandle(forReadingFrom: url) } catch {
                throw PorticoError(.input, "cannot read the spooled response body \(url.path): \(error.localizedDescription)")
            }
            defer { try? reader.close() }
            while true {
                let chunk: Data
                do { chunk = try reader.read(upToCount: chunkSize) ?? Data() } catch {
                    throw PorticoError(.input, "cannot read the spooled response body \(url.path): \(error.localizedDescription)")
                }
                if chunk.isEmpty { break }
                try visit(chunk)
            }
        }
    }
}
