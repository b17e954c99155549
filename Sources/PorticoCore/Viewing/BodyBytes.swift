import Foundation

/// Random access to a body's bytes wherever they live: in memory, or in a file read with `pread`,
/// so a 100 MB body costs a file and the few pages being looked at, not 100 MB of memory (pages a
/// `pread` touches stay in the kernel's cache, not in this process).
public final class BodyBytes: @unchecked Sendable {
    private enum Storage {
        case memory(Data)
        case file(descriptor: Int32)
    }

    private let storage: Storage
    /// Keeps a spooled body's file alive for as long as its bytes are read.
    private let owner: AnyObject?
    public let count: Int

    public init(_ data: Data) {
        storage = .memory(data)
        owner = nil
        count = data.count
    }

    /// The bytes of `file`, whose first `count` bytes are the body; `owner` keeps it from being
    /// removed while these bytes are in use.
    public init(file: URL, count: Int, owner: AnyObject? = nil) throws(PorticoError) {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw PorticoError(.input, "cannot read the response body \(file.path): \(String(cString: strerror(errno)))")
        }
        storage = .file(descriptor: descriptor)
        self.owner = owner
        self.count = count
    }

    /// The bytes of a response body, spooled or not.
    public convenience init(_ body: ResponseBody) throws(PorticoError) {
        if let url = body.fileURL {
            try self.init(file: url, count: body.size, owner: body)
        } else {
            self.init(try body.data())
        }
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// The bytes in `range` (clamped to the body).
    public func read(_ range: Range<Int>) -> Data {
        let range = range.clamped(to: 0..<count)
        guard !range.isEmpty else { return Data() }
        switch storage {
        case .memory(let data):
            return data.subdata(in: data.startIndex + range.lowerBound..<data.startIndex + range.upperBound)
        case .file(let descriptor):
            var result = Data(count: range.count)
            let filled = result.withUnsafeMutableBytes { buffer -> Int in
                var done = 0
                while done < range.count {
                    let got = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                    if got < 0, errno == EINTR { continue }
                    if got <= 0 { break }
                    done += got
                }
                return done
            }
            if filled < range.count { result.removeSubrange(filled...) }
            return result
        }
    }

    /// Calls `visit` with the bytes in `range` as one buffer, without copying a body in memory.
    public func withBytes<Result>(in range: Range<Int>, _ visit: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let range = range.clamped(to: 0..<count)
        if case .memory(let data) = storage {
            return try data.withUnsafeBytes { all in
                try visit(UnsafeRawBufferPointer(rebasing: all[range]))
            }
        }
        return try read(range).withUnsafeBytes(visit)
    }
}
