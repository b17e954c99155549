import Foundation

/// Counts a response body's bytes and keeps none: a load test reads every body to its end, as a
/// client would, without holding thousands of them.
final class ByteCountingSink: ResponseBodySink, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var size: Int { lock.withLock { count } }

    func receive(_ chunk: Data) throws(PorticoError) {
        lock.withLock { count += chunk.count }
    }

    func finish() throws(PorticoError) {}
}
