import Foundation
import Testing

/// A curl command pasted into the explorer (bracketed paste, as a terminal delivers it) becomes the
/// request in the composer, and sending it sends what curl would.
@Suite("curl pasted into the explorer", .serialized)
struct CurlPasteEndToEndTests {
    @Test func pasteAndSend() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        let served = session.home.appendingPathComponent("serve.txt")
        try session.start("'\(TmuxSession.binary)' demo --serve --port 0 > '\(served.path)' 2>&1 & until grep -q 'listening on' '\(served.path)'; do sleep 0.1; done; '\(TmuxSession.binary)' --no-history; echo \"exited=$?\"", width: 140, height: 40)
        guard session.waitFor("Request · New request") else { return }
        let address = try #require(try String(contentsOf: served, encoding: .utf8)
            .split(separator: "\n").first { $0.contains("listening on ") }?
            .components(separatedBy: "listening on ").last)
        try session.keys("Tab")
        let command = "curl -X PUT '\(address)/echo?from=paste' \\\n  -H 'X-Pasted: yes' \\\n  --json '{\"name\": \"Ada {{not a variable}}\"}'"
        try session.paste(command)
        session.waitFor("imported the curl command")
        #expect(session.screen.contains("PUT"))
        try session.keys("C-r")
        session.waitFor("X-Pasted")
        #expect(session.screen.contains(#"Ada {{not a variable}}"#), "\(session.screen)")
        // The imported request is an unsaved change: quitting asks first.
        try session.keys("C-c")
        session.waitFor("Unsaved changes")
        try session.type("y")
        session.waitFor("exited=0")
        try session.keys("kill %1", "Enter")
    }
}
