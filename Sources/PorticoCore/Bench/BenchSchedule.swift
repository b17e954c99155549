import Foundation

/// Hands out the requests of a plan to its workers, one at a time: whether there is another, and
/// with a rate, when it is due.
final class BenchSchedule: @unchecked Sendable {
    private let lock = NSLock()
    private let plan: BenchPlan
    private let start: ContinuousClock.Instant
    private var issued = 0

    init(plan: BenchPlan, start: ContinuousClock.Instant) {
        self.plan = plan
        self.start = start
    }

    /// The next request to send.
    struct Ticket {
        /// When an open-loop plan wants it sent (latency counts from here); nil: at once.
        var due: ContinuousClock.Instant?
    }

    /// Nil when the plan is done: its count is reached, or its time is up. With a rate, the time
    /// limit is on when requests are due, not on the clock, so `rate × duration` requests are sent
    /// even when they go out late (and their lateness counts in their latency).
    func next() -> Ticket? {
        lock.withLock {
            if let count = plan.count, issued >= count { return nil }
            var ticket = Ticket(due: nil)
            if let rate = plan.rate {
                let due = start.advanced(by: .nanoseconds(Int64((Double(issued) / rate * 1e9).rounded())))
                if let duration = plan.duration, due >= start.advanced(by: duration) { return nil }
                ticket.due = due
            } else if let duration = plan.duration, ContinuousClock.now >= start.advanced(by: duration) {
                return nil
            }
            issued += 1
            return ticket
        }
    }
}
