import Foundation
import Testing

/// The explorer as a person uses it, in tmux: start the demo, open a request, send it, read the
/// response beside it, edit a header and send again, resize, open help, quit, and find the
/// terminal usable.
@Suite("The explorer in a real terminal", .serialized)
struct ExplorerEndToEndTests {
    @Test func demoSessionFromStartToQuit() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        try session.start("'\(TmuxSession.binary)' demo; echo \"exited=$?\"", width: 140, height: 40)
        guard session.waitFor("Collection") else { return }
        #expect(session.screen.contains("env: demo"))

        // Open "List users" through the filter, send it, read the response beside the request.
        try session.type("/list users")
        try session.keys("Enter", "Enter")
        session.waitFor("Request · List users")
        try session.keys("C-r")
        session.waitFor("200 OK")
        session.waitFor("Ada Lovelace")
        let sideBySide = session.screen.split(separator: "\n").first { $0.contains("Request · List users") } ?? ""
        #expect(sideBySide.contains("Response"), "request and response should share the top row at 140 columns")

        // Edit a header of the echo request and send it again: the server sees it.
        try session.keys("Escape")
        try session.keys("BTab")
        try session.type("/query")
        try session.keys("Enter", "Enter")
        session.waitFor("Request · Query parameters")
        try session.type("l")
        session.waitFor("Headers")
        try session.type("a")
        try session.type("X-Trace")
        try session.keys("Tab")
        try session.type("e2e-42")
        try session.keys("Enter")
        session.waitFor("e2e-42")
        try session.keys("C-r")
        session.waitFor("\"X-Trace\"")
        #expect(session.screen.contains("\"e2e-42\""))
        #expect(session.screen.contains("unsaved"))

        // Narrow the window: request and response stack.
        try session.resize(width: 100, height: 40)
        session.waitFor("stacked panes") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            guard let request = lines.firstIndex(where: { $0.contains("Request ·") }),
                  let response = lines.firstIndex(where: { $0.contains("Response") }) else { return false }
            return response > request
        }

        // Help, then quit: unsaved changes ask first.
        try session.type("?")
        session.waitFor("any other key closes")
        try session.type("x")
        session.waitFor("no help") { !$0.contains("any other key closes") }
        try session.type("q")
        session.waitFor("Quit without saving")
        try session.type("y")
        session.waitFor("exited=0")

        // The shell is usable again: echo on and canonical input restored.
        try session.type("stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | sort | tr '\\n' ' '; echo")
        try session.keys("Enter")
        session.waitFor("echo icanon")
    }
}
