import Foundation
import PorticoCore
import PorticoTUI
import Testing

/// Repeat mode: `b` sends the composer's request again and again; the response pane shows a
/// latency sparkline, the percentiles and the status counts as reports come in; Esc stops it.
@Suite("repeat mode")
struct RepeatModeTests {
    private func progress(finished: Int, seconds: Double, p99: Duration?, statuses: [Int: Int] = [:], errors: [PorticoError.Kind: Int] = [:]) -> BenchProgress {
        let latency = BenchLatency(min: .microseconds(800), mean: .microseconds(1500), p50: .microseconds(1200), p90: .microseconds(2500),
                                   p99: .milliseconds(4), p999: .microseconds(7500), max: .milliseconds(9))
        return BenchProgress(elapsed: .milliseconds(Int64(seconds * 1000)), finished: finished, errors: errors.values.reduce(0, +), statuses: statuses,
                             errorsByKind: errors, latency: latency, recentP99: p99)
    }

    /// The rows of the response pane's inside, trailing blanks and borders dropped.
    private func responsePane(_ state: AppState) -> [String] {
        let grid = render(state)
        let pane = Layout(state).response
        return (pane.row + 1..<(pane.row + pane.height - 1)).map { row in
            grid.text(row: row, columns: (pane.column + 1)..<(pane.column + pane.width - 1)).replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
        }
    }

    @Test("b starts repeating the request; reports draw the sparkline, percentiles and statuses")
    func startAndReport() {
        var state = Fixtures.withListUsersOpen()
        let effects = state.press(.character("b"))
        #expect(effects == [.startRepeat(Fixtures.listUsers, environmentName: nil, run: 1)])
        #expect(state.repeatRun?.isRunning == true)
        #expect(Array(responsePane(state).prefix(2)) == ["↻ repeating · Esc stops", "starting…"])

        let samples: [Duration?] = [.milliseconds(1), .milliseconds(2), nil, .milliseconds(4)]
        for (index, sample) in samples.enumerated() {
            _ = reduce(&state, .repeatProgress(progress(finished: (index + 1) * 10, seconds: Double(index + 1) / 4, p99: sample, statuses: [200: (index + 1) * 10 - 2, 503: 2]), run: 1))
        }
        #expect(Array(responsePane(state).prefix(10)) == [
            "↻ repeating · Esc stops",
            "40 sent · 40/s · 1.00 s",
            "p50 1.2 ms   p90 2.5 ms   p99 4.0 ms",
            "p99.9 7.5 ms   max 9.0 ms",
            "",
            "p99 per ¼ s, top 4.0 ms",
            "▃▅ █",
            "",
            " 200  × 38",
            " 503  × 2",
        ])
    }

    @Test("Esc stops it; the last figures stay until the next send, which clears them")
    func stopWithEscape() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("b"))
        _ = reduce(&state, .repeatProgress(progress(finished: 8, seconds: 0.25, p99: .milliseconds(3), statuses: [200: 8]), run: 1))
        #expect(state.press(.escape) == [.stopRepeat])
        #expect(state.repeatRun?.isRunning == false)
        #expect(responsePane(state).first == "■ stopping…", "the request on the wire can still add to the count")
        _ = reduce(&state, .repeatEnded(progress(finished: 11, seconds: 0.3, p99: nil, statuses: [200: 10], errors: [.connect: 1]), run: 1))
        let pane = responsePane(state)
        #expect(Array(pane.prefix(2)) == ["■ stopped · b repeats again", "11 sent · 37/s · 300.0 ms"])
        #expect(pane[6] == "█", "the final figures add no sample: \(pane)")
        #expect(pane.contains("connect × 1"), "\(pane)")

        // A late report of the stopped run changes nothing; the next send clears the figures.
        _ = reduce(&state, .repeatProgress(progress(finished: 99, seconds: 9, p99: .milliseconds(1)), run: 1))
        #expect(state.repeatRun?.progress?.finished == 11)
        let effects = state.press(.control("r"))
        #expect(effects == [.send(Fixtures.listUsers, environmentName: nil, exchange: 2)])
        #expect(state.repeatRun == nil)
    }

    @Test("b again, Ctrl+C or Ctrl+R stop a running repeat; Ctrl+C does not quit while it runs")
    func otherWaysToStop() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("b"))
        #expect(state.press(.character("b")) == [.stopRepeat])
        #expect(state.repeatRun?.isRunning == false)

        #expect(state.press(.character("b")) == [.startRepeat(Fixtures.listUsers, environmentName: nil, run: 2)])
        #expect(state.press(.control("c")) == [.stopRepeat])
        #expect(!state.quitRequested)

        state.press(.character("b"))
        #expect(state.press(.control("r")) == [.stopRepeat, .send(Fixtures.listUsers, environmentName: nil, exchange: 4)])
    }

    @Test("a request that cannot be rendered ends the repeat with the reason in the footer")
    func renderFailure() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("b"))
        _ = reduce(&state, .sendFailed("template error: base is not defined", exchange: 1))
        #expect(state.repeatRun == nil)
        #expect(state.message == "template error: base is not defined")
    }

    @Test("the help overlay and the palette offer it")
    func documented() {
        var state = Fixtures.withListUsersOpen()
        state.press(.character("?"))
        #expect(render(state).text.contains("repeat the request (live latency)"))
        state.press(.escape, .control("p"))
        state.type("repeat")
        #expect(render(state).text.contains("Repeat the request"))
    }
}
