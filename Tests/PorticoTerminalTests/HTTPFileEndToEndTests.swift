import Foundation
import Testing

/// A `.http` file opened in the explorer is a collection: its requests are listed and send, and
/// an edit saved with Ctrl+S is written back into the file without touching the rest of it.
@Suite(".http file in the explorer", .serialized)
struct HTTPFileEndToEndTests {
    @Test func openSendEditAndWriteBack() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        let served = session.home.appendingPathComponent("serve.txt")
        let file = session.home.appendingPathComponent("api.http")
        let original = """
        # Kept as written: this comment, the script and the second request.
        @from = http-file

        ### Echo it
        # @name echo
        POST {{base}}/echo?from={{from}} HTTP/1.1
        Content-Type: application/json

        {"who": "{{$guid}}"}

        > {%
            client.test("ok", function() {})
        %}

        ###
        GET {{base}}/users

        """
        try original.write(to: file, atomically: true, encoding: .utf8)
        // The server's port is known once it runs: a JetBrains environment file beside the .http
        // file gives it to the requests, as it would in the JetBrains client.
        try session.start("""
            cd '\(session.home.path)'; '\(TmuxSession.binary)' demo --serve --port 0 > '\(served.path)' 2>&1 & until grep -q 'listening on' '\(served.path)'; do sleep 0.1; done; \
            printf '{"local": {"base": "%s"}}' "$(grep -o 'http://[^ ]*' '\(served.path)' | head -1)" > http-client.env.json; \
            '\(TmuxSession.binary)' api.http -e local; echo "exited=$?"
            """, width: 140, height: 40)
        guard session.waitFor("GET {{base}}/users") else { return }
        try session.keys("Enter")
        session.waitFor("Request · echo")
        // Ctrl+E, not End: tmux sends End as an escape sequence that xterm's terminfo lacks.
        try session.keys("u", "C-e")
        try session.type("&edited=1")
        session.waitFor("{{from}}&edited=1")
        try session.keys("Enter")
        try session.keys("C-s")
        #expect(session.waitFor("saved echo into api.http"))
        try session.keys("C-r")
        // Sent to the server named in the environment file, the dynamic value rendered.
        #expect(session.waitFor("200 OK"))
        #expect(session.screen.contains(#""body": "{\"who\": \""#), "\(session.screen)")
        try session.keys("C-c")
        #expect(session.waitFor("exited=0"))
        try session.keys("kill %1", "Enter")
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written == original.replacingOccurrences(of: "?from={{from}} HTTP/1.1", with: "?from={{from}}&edited=1 HTTP/1.1"))
    }
}
