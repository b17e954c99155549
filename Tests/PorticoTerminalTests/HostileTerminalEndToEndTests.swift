import Foundation
import Testing

/// The explorer against the hostile server (`portico demo --serve --hostile`), in tmux: whatever
/// the responses carry, the window title stays, nothing reaches the clipboard, the screen keeps
/// its layout and Portico keeps answering keys.
@Suite("The explorer against hostile servers, in a real terminal", .serialized)
struct HostileTerminalEndToEndTests {
    static let knownTitle = "portico-test-title"

    @Test func hostileResponsesLeaveTheTerminalAlone() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        let served = session.home.appendingPathComponent("serve.txt")
        // A small body limit, so the gzip bomb stops soon.
        let config = session.home.appendingPathComponent("config/portico")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "response:\n  maxBodySize: 8MiB\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        try session.start("""
            '\(TmuxSession.binary)' demo --serve --hostile --port 0 > '\(served.path)' 2>&1 & until grep -q 'Hostile routes' '\(served.path)'; do sleep 0.1; done; \
            hostile="$(grep 'Hostile routes' '\(served.path)' | grep -o 'http://[0-9.:]*' | head -1)"; \
            '\(TmuxSession.binary)' "$hostile/escapes/body"; echo "exited=$?"
            """, width: 140, height: 40)
        try session.acceptClipboard()
        try session.setTitle(Self.knownTitle)
        guard session.waitFor("before the escapes") else { return }
        let address = try #require(try String(contentsOf: served, encoding: .utf8).split(separator: "\n")
            .first { $0.contains("Hostile routes") }?.split(separator: " ").first { $0.hasPrefix("http://") })
        session.waitFor("␛]0;PWNED-TITLE␇")
        // Wrapped, the whole line of escapes is on screen.
        try session.type("w")
        session.waitFor("<U+202E>exe.txt<U+202C> <U+2066>isolated<U+2069>")
        session.waitFor("pay<U+200B>pal<U+2060><U+FEFF>")

        // Each next request: the URL edited in the request pane, then sent.
        try session.keys("BTab")
        for (path, expected) in [
            ("/escapes/header", "the headers carry escapes"),
            ("/escapes/cookie", "the cookies carry escapes"),
            ("/escapes/json", "PWNED-TITLE"),
            ("/escapes/location", "1 redirect"),
            ("/invalid-utf8", "binary, 47 B"),
            ("/gzip-bomb", "size limit of 8 MiB"),
            ("/garbage", "Received HTTP/0.9 when not allowed"),
            ("/reset", "rrrrrrrr"),
            ("/redirect/file", "invalid location 'file:///etc/passwd'"),
        ] {
            try session.keys("u", "C-e", "C-u")
            try session.type("\(address)\(path)")
            try session.keys("Enter", "C-r")
            // After the gzip bomb, URLSession's libcurl goes on inflating what it had read (up to a
            // gigabyte or so) before the next request is sent: seconds, more on a loaded machine.
            session.waitFor("\(path): \(expected)", timeout: 60) { $0.contains(expected) && !$0.contains("sending…") }
        }
        // The headers of the hostile head are drawn as symbols on the Headers tab.
        try session.keys("u", "C-e", "C-u")
        try session.type("\(address)/escapes/header")
        try session.keys("Enter", "C-r")
        session.waitFor("the headers carry escapes")
        try session.keys("Tab")
        try session.type("l")
        session.waitFor("X-Title: ␛]0;PWNED-HEADER␇")

        #expect(try session.display("#{pane_title}") == Self.knownTitle, "a response changed the window title")
        #expect(session.bufferNames.isEmpty, "a response wrote to the clipboard: \(session.bufferNames) \(session.clipboard)")
        #expect(try session.display("#{alternate_on}") == "1", "the explorer's screen was left")
        // Copied on purpose, the escapes go to the clipboard as they are shown, never as bytes
        // that would act on the terminal they are pasted into.
        try session.keys("BTab", "u", "C-e", "C-u")
        try session.type("\(address)/escapes/body")
        try session.keys("Enter", "C-r")
        // The response pane, back on its Body tab.
        try session.keys("Tab")
        try session.type("h")
        session.waitFor("the body of /escapes/body") { $0.contains("before the escapes") && !$0.contains("sending…") }
        try session.type("y")
        let deadline = Date().addingTimeInterval(15)
        while !session.clipboard.contains("before the escapes"), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let copied = session.clipboard
        #expect(copied.contains("␛]0;PWNED-TITLE␇"), "clipboard: \(copied)")
        #expect(!copied.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || (0x80...0x9F).contains($0.value) }, "clipboard: \(copied.debugDescription)")
        // The layout is intact and keys are answered.
        #expect(session.screen.contains("Response"))
        try session.type("?")
        session.waitFor("any other key closes")
        try session.type("x")
        session.waitFor("help closed") { !$0.contains("any other key closes") }
        try session.type("q")
        session.waitFor("Quit without saving")
        try session.type("y")
        session.waitFor("exited=0")
        #expect(try session.display("#{alternate_on}") == "0")
        #expect(try session.display("#{pane_title}") == Self.knownTitle)
        try session.keys("kill %1", "Enter")
    }
}

/// The terminal is given back after the explorer is stopped by a signal or crashes while drawing:
/// echo and canonical input on, the alternate screen left, the shell answering.
@Suite("The terminal after the explorer is stopped or crashes", .serialized)
struct TerminalRestorationEndToEndTests {
    enum Ending: String, CaseIterable, CustomTestStringConvertible {
        case interrupt = "SIGINT", terminate = "SIGTERM", hangUp = "SIGHUP", crashWhileDrawing = "crash while drawing"
        var testDescription: String { rawValue }
    }

    @Test(arguments: Ending.allCases)
    func terminalIsRestored(after ending: Ending) throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        let pidFile = session.home.appendingPathComponent("pid")
        // Debug builds only: crash while drawing the frame that answers the first key.
        let crash = ending == .crashWhileDrawing ? "PORTICO_TEST_CRASH_WHILE_DRAWING=after-first-key " : ""
        try session.start("""
            sh -c 'echo $$ > "\(pidFile.path)"; exec env \(crash)"\(TmuxSession.binary)" --no-history'; echo "exited=$?"
            """, width: 120, height: 30)
        guard session.waitFor("Collection") else { return }
        #expect(try session.display("#{alternate_on}") == "1")
        let pid = try #require(Int32(String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        switch ending {
        case .interrupt: kill(pid, SIGINT)
        case .terminate: kill(pid, SIGTERM)
        case .hangUp: kill(pid, SIGHUP)
        case .crashWhileDrawing: try session.type("?")
        }
        // The shell's report of the exit status, not the command line that asks for it (`exited=$?`).
        let exited = { (screen: String) in screen.range(of: #"exited=[0-9]"#, options: .regularExpression) != nil }
        // A debug build's crash report may wait for a key before it quits (the Swift backtracer on a terminal).
        guard session.waitFor("the end of the explorer", timeout: 60, { exited($0) || $0.contains("any other key to quit") }) else { return }
        if !exited(session.screen) {
            try session.type("q")
            guard session.waitFor("the exit status", exited) else { return }
        }
        #expect(try session.display("#{alternate_on}") == "0", "the alternate screen was not left")
        #expect(try session.display("#{cursor_flag}") == "1", "the cursor is still hidden")
        // The shell answers, and the terminal is back in its modes: echo and canonical input on.
        try session.type("stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | sort | tr '\\n' ' '; echo done-checking")
        try session.keys("Enter")
        session.waitFor("echo icanon done-checking")
    }
}
