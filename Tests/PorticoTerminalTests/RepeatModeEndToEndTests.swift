import Foundation
import Testing

/// Repeat mode in the real binary, in tmux against the demo: `b` on "List users" sends it again and
/// again with a live sparkline and percentiles, Esc stops it, and none of it lands in history.
@Suite("Repeat mode in a real terminal", .serialized)
struct RepeatModeEndToEndTests {
    @Test func repeatThenStop() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        try session.start("'\(TmuxSession.binary)' demo; echo \"exited=$?\"", width: 140, height: 40)
        guard session.waitFor("Collection") else { return }
        try session.type("/list users")
        try session.keys("Enter", "Enter")
        session.waitFor("Request · List users")

        try session.type("b")
        session.waitFor("repeating")
        // Answers come in: the percentiles, a sparkline bar and the status count show.
        session.waitFor("percentiles and a status count") { screen in
            screen.contains("p99.9") && screen.contains(" 200  × ") && screen.range(of: "[▁▂▃▄▅▆▇█]", options: .regularExpression) != nil
        }
        try session.keys("Escape")
        // Stopping waits for the request on the wire; stopped means stopped: the count no longer moves.
        session.waitFor("■ stopped")
        let stopped = session.screen
        let count = stopped.range(of: #"\d+ sent · "#, options: .regularExpression).map { String(stopped[$0]) }
        #expect(count != nil, "\(stopped)")
        Thread.sleep(forTimeInterval: 0.6)
        #expect(session.screen.contains(count ?? "-"), "the run went on after Esc:\n\(session.screen)")

        // Nothing of it was recorded: the history screen is empty.
        try session.type("H")
        session.waitFor("History · 0 entries")
        try session.keys("Escape")
        try session.type("q")
        session.waitFor("exited=0")
    }
}
