import Foundation
import Testing

/// A person's own settings and their collection on disk, through the real binary in tmux: a
/// rebound key from config.yaml, a broken theme and a broken request file reported without
/// stopping anything, and a request
/// created, saved, renamed and deleted from the sidebar, each step checked in the files.
@Suite("Shaping a collection in a real terminal", .serialized)
struct CollectionShapingEndToEndTests {
    @Test func createRenameDeleteWithOwnKeysAndThemes() throws {
        guard let session = try TmuxSession.forBuiltBinary() else { return }
        let collection = session.home.appendingPathComponent("api")
        let config = session.home.appendingPathComponent("config/portico")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try "keys:\n  new-request: \"+\"\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        try "styles:\n  bogus: {}\n".write(to: config.appendingPathComponent("themes/broken.yaml"), atomically: true, encoding: .utf8)
        let initialized = Process()
        initialized.executableURL = URL(fileURLWithPath: TmuxSession.binary)
        initialized.arguments = ["demo", "--init", collection.path]
        initialized.standardOutput = FileHandle.nullDevice
        try initialized.run()
        initialized.waitUntilExit()
        try #require(initialized.terminationStatus == 0)
        // A request file that does not load: the explorer still opens, and says so.
        try "id: half\nurl: [\n".write(to: collection.appendingPathComponent("users/half-written.yaml"), atomically: true, encoding: .utf8)

        try session.start("'\(TmuxSession.binary)' '\(collection.path)'; echo \"exited=$?\"", width: 140, height: 40)
        guard session.waitFor("Collection") else { return }
        // The broken request file is named in the footer, with a count of the other problems
        // (the broken theme); the explorer runs on with everything else.
        #expect(session.waitFor("2 problems, listed after you quit: users/half-written.yaml:3: error: invalid YAML"))
        // "+" is new-request only because config.yaml says so. The request goes into the selected
        // folder (auth/), saved to a file named after it.
        try session.type("+")
        try session.type("http://127.0.0.1:9/ping")
        try session.keys("Enter", "C-s")
        session.waitFor("saved auth/new-request.yaml")
        let created = collection.appendingPathComponent("auth/new-request.yaml")
        #expect(try String(contentsOf: created, encoding: .utf8).contains("http://127.0.0.1:9/ping"))

        // Back in the sidebar the new request is selected: rename it, and the file follows.
        try session.keys("BTab")
        try session.type("r")
        session.waitFor("Rename auth/new-request.yaml")
        try session.keys("C-u")
        try session.type("Ping")
        try session.keys("Enter")
        session.waitFor("renamed: auth/ping.yaml")
        let renamed = collection.appendingPathComponent("auth/ping.yaml")
        #expect(FileManager.default.fileExists(atPath: renamed.path))
        #expect(!FileManager.default.fileExists(atPath: created.path))
        #expect(session.screen.contains("Request · Ping"))

        // Delete asks first; "y" removes the file.
        try session.type("d")
        session.waitFor("Delete Ping (auth/ping.yaml)?")
        try session.type("y")
        session.waitFor("deleted auth/ping.yaml")
        #expect(!FileManager.default.fileExists(atPath: renamed.path))

        // The palette switches the theme.
        try session.keys("C-p")
        session.waitFor("Go to a request, run a command")
        try session.type("theme light")
        session.waitFor("Theme: light")
        try session.keys("Enter")
        session.waitFor("theme: light")

        // The composer still holds the deleted request, now unsaved: quitting asks.
        try session.type("q")
        session.waitFor("Quit without saving")
        try session.type("y")
        session.waitFor("exited=0")
        // Both problems are there to read after the explorer has gone.
        #expect(session.screen.contains("users/half-written.yaml:"))
        #expect(session.screen.contains("broken.yaml:2: unknown role 'bogus'"))
    }
}
