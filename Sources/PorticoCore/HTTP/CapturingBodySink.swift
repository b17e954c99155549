import Foundation

/// Passes a body on to where the user wants it (standard output, a file) and keeps a copy of its
/// first `limit` bytes for history, counting the whole size, so recording never holds the output back.
public final class CapturingBodySink: ResponseBodySink, @unchecked Sendable {
    private let destination: any ResponseBodySink
    public let copy: ResponseBody
    private let limit: Int
    private let lock = NSLock()
    private var total = 0

    public init(forwardingTo destination: any ResponseBodySink, limit: Int) {
        self.destination = destination
        self.limit = limit
        copy = ResponseBody()
    }

    /// Bytes received, including those beyond the copy's limit.
    public var size: Int { lock.withLock { total } }

    public func receive(_ chunk: Data) throws(PorticoError) {
        try destination.receive(chunk)
        let room = lock.withLock { () -> Int in
            defer { total += chunk.count }
            return max(0, limit - total)
        }
        if room > 0 { try copy.receive(chunk.prefix(room)) }
    }

    public func finish() throws(PorticoError) {
        try destination.finish()
    }
}
