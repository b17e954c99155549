import Foundation
import Testing

/// What a person does with a response once it is there, in tmux against the demo: a JSONPath query,
/// copying what is shown to the clipboard (OSC 52, read back from tmux's buffer), a search, and
/// saving the whole body to a file.
@Suite("Working with a response in a real terminal", .serialized)
struct ResponseToolsEndToEndTests {
    @Test func queryCopySearchAndSave() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        try session.start("cd '\(session.home.path)' && '\(TmuxSession.binary)' demo; echo \"exited=$?\"", width: 140, height: 40)
        try session.acceptClipboard()
        guard session.waitFor("Collection") else { return }
        try session.type("/list users")
        try session.keys("Enter", "Enter", "C-r")
        session.waitFor("Ada Lovelace")
        try session.keys("Tab")

        // A query: only the names are left, and y copies them.
        try session.type("$..name")
        session.waitFor("3 values")
        try session.keys("Enter")
        try session.type("y")
        session.waitFor("copied")
        let copied = session.clipboard
        #expect(copied.contains("\"Grace Hopper\""), "clipboard: \(copied)")
        #expect(!copied.contains("\"id\""), "the whole body was copied: \(copied)")

        // Search within the values: the count goes in the pane's title.
        try session.type("/")
        try session.type("a")
        try session.keys("Enter")
        session.waitFor("Response · match 1 of")

        // Save the whole body under the name offered (from the URL), then find it on disk.
        try session.type("S")
        session.waitFor("Save the body")
        #expect(session.screen.contains("users.json"))
        try session.keys("Enter")
        session.waitFor("saved the body to")
        let saved = session.home.appendingPathComponent("users.json")
        let body = try String(contentsOf: saved, encoding: .utf8)
        #expect(body.contains("\"Ada Lovelace\"") && body.contains("\"email\""), "saved: \(body)")
        // A second save under the same name is refused rather than replacing the file.
        try session.type("S")
        session.waitFor("Save the body")
        try session.keys("Enter")
        session.waitFor("exists: give another name")
        // `~/` is $HOME, as in the shell (Foundation alone would take the account's home folder).
        try session.type("S")
        session.waitFor("Save the body")
        try session.keys("C-u")
        try session.type("~/copy-of-users.json")
        try session.keys("Enter")
        session.waitFor("saved the body to \(session.home.path)/copy-of-users.json")

        try session.type("q")
        session.waitFor("exited=0")
    }
}
