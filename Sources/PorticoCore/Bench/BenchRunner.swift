import Foundation

/// Sends one resolved request again and again as a `BenchPlan` says, through the same
/// `RequestEngine` as `portico send` (auth, cookies, redirects and all), and measures each:
/// `portico bench` and the explorer's repeat mode.
public struct BenchRunner: Sendable {
    public var engine: RequestEngine
    /// How often `progress` is told where the run stands.
    public var progressInterval: Duration

    public init(engine: RequestEngine, progressInterval: Duration = .milliseconds(250)) {
        self.engine = engine
        self.progressInterval = progressInterval
    }

    /// Runs the plan to its end, or until the calling task is cancelled: then the requests in
    /// flight are abandoned (not counted) and the result says it was interrupted.
    public func run(_ request: ResolvedRequest, plan: BenchPlan, progress: @escaping @Sendable (BenchProgress) -> Void = { _ in }) async -> BenchResult {
        let recorder = BenchRecorder(start: .now)
        let schedule = BenchSchedule(plan: plan, start: recorder.start)
        let interval = progressInterval
        let reporter = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                progress(recorder.progress())
            }
        }
        let engine = self.engine
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<plan.workers {
                group.addTask { await Self.work(engine: engine, request: request, schedule: schedule, recorder: recorder) }
            }
        }
        reporter.cancel()
        return recorder.result(plan: plan, interrupted: Task.isCancelled)
    }

    private static func work(engine: RequestEngine, request: ResolvedRequest, schedule: BenchSchedule, recorder: BenchRecorder) async {
        while !Task.isCancelled, let ticket = schedule.next() {
            if let due = ticket.due {
                try? await Task.sleep(until: due, clock: .continuous)
                if Task.isCancelled { return }
            }
            let began = ticket.due ?? .now
            let body = ByteCountingSink()
            let exchange = await engine.send(request, bodySink: { _ in body })
            if Task.isCancelled { return }
            recorder.record(status: exchange.response?.status, error: exchange.error, latency: began.duration(to: .now), bytes: body.size)
        }
    }
}
