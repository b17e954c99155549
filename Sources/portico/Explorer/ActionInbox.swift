import Foundation
import PorticoTUI

/// Where effects running off the UI thread leave their resulting actions. Each post writes one
/// byte to a pipe the UI thread polls, so an idle explorer sleeps without waking up.
final class ActionInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Action] = []
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() {
        var descriptors: [Int32] = [0, 0]
        pipe(&descriptors)
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    func post(_ action: Action) {
        lock.withLock { pending.append(action) }
        wake()
    }

    func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Everything posted so far; empties the pipe too.
    func drain() -> [Action] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
        return lock.withLock {
            defer { pending.removeAll() }
            return pending
        }
    }
}
