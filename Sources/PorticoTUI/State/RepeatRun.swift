import PorticoCore

/// The composer's request sent again and again (repeat mode), one at a time, with where it stands:
/// the response pane shows its latency as a sparkline and its percentiles until the next send.
public struct RepeatRun: Hashable, Sendable {
    /// Numbered with the exchanges (see `InFlight.id`), so the figures of a stopped run that
    /// arrive late never land on a newer one.
    public var id: Int
    public var isRunning = true
    /// The run's final figures are in: until then a stopped run is still stopping, and its count
    /// can still grow by the request that was on the wire.
    public var hasEnded = false
    /// The latest figures; nil until the first report.
    public var progress: BenchProgress?
    /// The 99th percentile latency of each report interval, oldest first (nil: no answer in it).
    public var samples: [Duration?] = []

    /// Intervals kept for the sparkline: more than the widest pane shows.
    static let sampleLimit = 400

    public init(id: Int) {
        self.id = id
    }

    mutating func record(_ progress: BenchProgress, sample: Bool) {
        self.progress = progress
        guard sample else { return }
        samples.append(progress.recentP99)
        if samples.count > Self.sampleLimit { samples.removeFirst(samples.count - Self.sampleLimit) }
    }
}

/// Starts repeat mode on the composer's request, or stops it when it runs.
func toggleRepeat(_ state: inout AppState) -> [Effect] {
    if state.repeatRun?.isRunning == true { return stopRepeat(&state) }
    guard !state.draft.url.isEmpty else {
        state.message = "the request has no URL: press \(state.keymap.label(for: .editURL)) to type one"
        return []
    }
    var effects: [Effect] = state.inFlight != nil ? [.cancelSend] : []
    state.inFlight = nil
    state.exchangeCount += 1
    state.repeatRun = RepeatRun(id: state.exchangeCount)
    state.message = "repeating the request, one at a time: \(state.keymap.label(for: .cancel)) stops"
    effects.append(.startRepeat(state.draft, environmentName: state.environmentName, run: state.exchangeCount))
    return effects
}

func stopRepeat(_ state: inout AppState) -> [Effect] {
    state.repeatRun?.isRunning = false
    state.message = "repeat stopping…"
    return [.stopRepeat]
}

/// New figures of the run numbered `run`; `ended` when it has stopped (its last figures).
func repeatReported(_ state: inout AppState, _ progress: BenchProgress, run: Int, ended: Bool) {
    // Once stopped, only the run's final figures still count.
    guard state.repeatRun?.id == run, ended || state.repeatRun?.isRunning == true else { return }
    state.repeatRun?.record(progress, sample: !ended)
    if ended {
        state.repeatRun?.isRunning = false
        state.repeatRun?.hasEnded = true
        if state.message == "repeat stopping…" { state.message = "repeat stopped" }
    }
}
