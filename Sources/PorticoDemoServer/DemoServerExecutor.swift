import Dispatch

/// Runs the demo server's tasks on dispatch threads instead of the concurrency pool. The pool has
/// one thread per core; in the test suite, synchronous tests (fuzzing, large imports) can fill it
/// for many seconds, and a server waiting for a pool thread answers nobody in the meantime.
final class DemoServerExecutor: TaskExecutor {
    static let shared = DemoServerExecutor()

    private let queue = DispatchQueue(label: "portico-demo-server", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
