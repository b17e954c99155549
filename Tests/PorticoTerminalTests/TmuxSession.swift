import Foundation
import Testing

/// The real `portico` binary in a real terminal: a tmux server of its own (its own socket, so
/// nothing of the user's is touched), driven with send-keys and read with capture-pane.
final class TmuxSession {
    let socket = "portico-test-\(UUID().uuidString.prefix(8))"
    let home: URL
    private(set) var started = false

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("portico-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
    }

    /// The session's TMPDIR: what Portico spools there is the test's to check, and goes with it.
    var temporaryFolder: URL { home.appendingPathComponent("tmp") }

    /// A session for a test, or nil (and the test failed) when the binary has not been built.
    static func forBuiltBinary(sourceLocation: SourceLocation = #_sourceLocation) throws -> TmuxSession? {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("\(binary) is missing: run swift build first", sourceLocation: sourceLocation)
            return nil
        }
        return try TmuxSession()
    }

    deinit {
        if started { _ = try? tmux(["kill-server"]) }
        try? FileManager.default.removeItem(at: home)
    }

    /// The `portico` built with these tests (beside the test bundle, whatever the build folder),
    /// else the package's `.build/debug/portico`.
    static var binary: String {
        if let beside = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("portico"),
           FileManager.default.isExecutableFile(atPath: beside.path) {
            return beside.path
        }
        var folder = URL(fileURLWithPath: #filePath)
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent(".build/debug/portico").path
    }

    /// Starts `command` (a shell command line) in a window of the given size. The shell stays
    /// after the command ends, so the terminal state it leaves behind can be checked.
    func start(_ command: String, width: Int, height: Int) throws {
        let environment = "XDG_CONFIG_HOME='\(home.path)/config' XDG_DATA_HOME='\(home.path)/data' HOME='\(home.path)' TMPDIR='\(temporaryFolder.path)' TERM=xterm-256color"
        _ = try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "main", "sh"])
        started = true
        // swift test sets NO_COLOR for its children; a person's terminal has colours.
        try keys("PS1='$ ' ; unset NO_COLOR; export \(environment); \(command)", "Enter")
    }

    func keys(_ keys: String...) throws {
        _ = try tmux(["send-keys", "-t", "main"] + keys)
    }

    /// Literal text, typed character by character.
    func type(_ text: String) throws {
        _ = try tmux(["send-keys", "-t", "main", "-l", text])
    }

    /// Pastes `text` as a terminal does: bracketed, when the program asked for that.
    func paste(_ text: String) throws {
        _ = try tmux(["set-buffer", "-b", "pasted", text])
        _ = try tmux(["paste-buffer", "-p", "-b", "pasted", "-t", "main"])
    }

    /// Lets programs in the session set tmux's paste buffer with OSC 52, as a terminal's clipboard.
    func acceptClipboard() throws {
        _ = try tmux(["set-option", "-g", "set-clipboard", "on"])
    }

    /// The newest paste buffer: what a program last copied with OSC 52.
    var clipboard: String {
        (try? tmux(["show-buffer"])) ?? ""
    }

    /// A tmux format evaluated for the pane: `#{pane_title}`, `#{alternate_on}`, `#{cursor_flag}`.
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "main", format]).trimmingCharacters(in: .newlines)
    }

    /// Sets the pane's title, as a terminal's window title, to see whether a program changes it.
    func setTitle(_ title: String) throws {
        _ = try tmux(["select-pane", "-t", "main", "-T", title])
    }

    /// The names of tmux's paste buffers: a program's OSC 52 clipboard write adds one.
    var bufferNames: [String] {
        ((try? tmux(["list-buffers", "-F", "#{buffer_name}"])) ?? "").split(separator: "\n").map(String.init)
    }

    func resize(width: Int, height: Int) throws {
        _ = try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    var screen: String {
        (try? tmux(["capture-pane", "-p", "-t", "main"])) ?? ""
    }

    /// Waits until the screen satisfies `condition`; fails the test with the screen if it never does.
    @discardableResult
    func waitFor(_ description: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(screen) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("never saw \(description); the screen was:\n\(screen)", sourceLocation: sourceLocation)
        return false
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitFor("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Runs tmux with posix_spawn and waitpid: Foundation's Process relies on a run loop to notice
    /// the child's exit, which a synchronous test on the concurrency pool does not spin.
    private func tmux(_ arguments: [String]) throws -> String {
        let outputFile = home.appendingPathComponent("tmux-output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Output goes to a file, not a pipe: the tmux server that new-session starts would hold a
        // pipe open forever.
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw TmuxError(message: "cannot run tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self)
    }
}

struct TmuxError: Error {
    let message: String
}
