import Foundation

/// Runs the explorer on a POSIX thread of its own and returns only after that thread has ended,
/// its thread-local destructors included. Returning earlier (as resuming from inside a Foundation
/// `Thread` does) let `exit` run OpenSSL's clean-up while the ending thread freed its own OpenSSL
/// state: a double free, seen as `malloc_consolidate(): invalid chunk size` one quit in a few
/// dozen under load (caught in gdb; swift-corelibs-foundation#5469 reports the same exit race).
enum UIThread {
    static func run(_ body: @escaping @Sendable () -> String?) async -> String? {
        let work = Work(body)
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            let work = Unmanaged<Work>.fromOpaque(context!).takeUnretainedValue()
            work.result = work.body()
            return nil
        }, Unmanaged.passUnretained(work).toOpaque())
        guard started == 0 else { return "cannot start the explorer's thread: \(String(cString: strerror(started)))" }
        let joinable = thread
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            // pthread_join blocks: on a dispatch worker, not a thread of the concurrency pool (and
            // not a new thread, which would end with thread-local state of its own).
            DispatchQueue.global().async {
                pthread_join(joinable, nil)
                continuation.resume()
            }
        }
        return work.result
    }

    /// What the thread runs and what it returned; read only after the join.
    private final class Work: @unchecked Sendable {
        let body: @Sendable () -> String?
        var result: String?

        init(_ body: @escaping @Sendable () -> String?) { self.body = body }
    }
}
