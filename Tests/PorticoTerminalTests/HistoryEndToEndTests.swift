import Foundation
import Testing

/// History in the explorer, in tmux against the demo: a request sent is recorded and appears in
/// the sidebar; the history screen lists it, opens it as recorded, replays it, and the replay is a
/// second entry, on screen and on disk.
@Suite("History in a real terminal", .serialized)
struct HistoryEndToEndTests {
    @Test func sendOpenAndReplay() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        try session.start("unset PORTICO_HISTORY_DIR; '\(TmuxSession.binary)' demo; echo \"exited=$?\"", width: 140, height: 40)
        guard session.waitFor("Collection") else { return }
        try session.type("/list users")
        try session.keys("Enter", "Enter", "C-r")
        session.waitFor("Ada Lovelace")
        session.waitFor("the exchange in the sidebar's history") { $0.contains("GET  200 List users") }

        try session.type("H")
        guard session.waitFor("History · 1 entry") else { return }
        #expect(session.screen.contains("List users  http://127.0.0.1:"))

        // The entry as recorded: the request beside the response.
        try session.keys("Enter")
        session.waitFor("Response · as recorded")
        session.waitFor("Ada Lovelace")
        #expect(session.screen.contains("GET http://127.0.0.1:"))

        // Replayed exactly: a second entry, selected, and said in the footer.
        try session.type("r")
        session.waitFor("History · 2 entries")
        session.waitFor("recorded as")
        #expect(session.screen.contains("replayed: 200 OK"))
        let rows = session.screen.split(separator: "\n").filter { $0.contains("List users  http://127.0.0.1:") }
        #expect(rows.count == 2, "\(session.screen)")

        let segment = session.home.appendingPathComponent("data/portico/history/records/000001.jsonl")
        let lines = try String(contentsOf: segment, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("\"source\":\"tui\"") && $0.contains("\"requestName\":\"List users\"") })

        // Back to the explorer, whose response is still there; then quit.
        try session.keys("Escape")
        session.waitFor("Request · List users")
        #expect(session.screen.contains("Ada Lovelace"))
        try session.type("q")
        session.waitFor("exited=0")
    }
}
