import Foundation
import Testing

/// A 20 MB minified JSON response in the explorer, in tmux against the demo server: the body goes
/// to a file and is indexed in the background, yet the first screen, the jump to its end, a search
/// across all of it (for the text as shown), folding every record and copying a JSONPath work as on a small one.
@Suite("A large response in a real terminal", .serialized)
struct LargeResponseEndToEndTests {
    @Test func largeBodyIsBrowsedWhole() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        let served = session.home.appendingPathComponent("serve.txt")
        try session.start("""
            '\(TmuxSession.binary)' demo --serve --port 0 > '\(served.path)' 2>&1 & until grep -q 'listening on' '\(served.path)'; do sleep 0.1; done; \
            base="$(grep -o 'http://[0-9.:]*' '\(served.path)' | head -1)"; \
            '\(TmuxSession.binary)' "$base/large.json?mb=20"; echo "exited=$?"
            """, width: 140, height: 40)
        try session.acceptClipboard()
        guard session.waitFor("\"record 0\"", timeout: 60) else { return }
        // The whole body is known once the progress leaves the status line.
        session.waitFor("the body indexed", timeout: 120) { !$0.contains("reading lines") }

        try session.type("G")
        session.waitFor("\"the last record\"")
        #expect(session.screen.contains("]"))

        try session.type("/")
        // As shown, with the space the layout puts after the colon: the body itself has none.
        try session.type("\"name\": \"record 4242\"")
        try session.keys("Enter")
        session.waitFor("match 1 of 1", timeout: 60)
        #expect(session.screen.contains("\"name\": \"record 4242\","))

        // Every record folded to one line, then the JSONPath of the second one copied.
        try session.type("g")
        try session.type("j")
        try session.type("F")
        session.waitFor("values at depth 1 folded")
        session.waitFor("{ … 12 lines … },")
        try session.type("j")
        try session.type("p")
        session.waitFor("copied")
        #expect(session.clipboard == "$[1]")

        // The body waited in a private file while it was shown; quitting removes it.
        let spooled = try FileManager.default.contentsOfDirectory(atPath: session.temporaryFolder.path)
        #expect(spooled.count == 1 && spooled.first?.hasPrefix("portico-body-p") == true, "\(spooled)")
        try session.type("q")
        session.waitFor("Quit without saving")
        try session.type("y")
        session.waitFor("exited=0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: session.temporaryFolder.path).isEmpty, "the body's file outlived the explorer")
        try session.keys("kill %1", "Enter")
    }
}
