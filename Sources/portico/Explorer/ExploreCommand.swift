import ArgumentParser
import Foundation
import PorticoCore
import PorticoTerminal
import PorticoTUI

struct ExploreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the interactive explorer (the default when no command is given).",
        discussion: """
        `portico [PATH]` opens the collection in folder PATH: by default the current folder if it \
        holds a portico.yaml, else your own collection in $XDG_DATA_HOME/portico/default (created \
        on first use). `portico api.http` opens a VS Code REST Client or JetBrains HTTP Client \
        file as a collection; edits are written back into it, leaving the rest of the file as it \
        was (docs/http-files.md). `portico URL` (http:// or https://) opens a new request to URL and sends it \
        at once. Press ? inside for every key and Ctrl+P for the command palette (requests, \
        commands, environments, themes).

        Every exchange sent is recorded in history ($XDG_DATA_HOME/portico/history, or \
        PORTICO_HISTORY_DIR; see docs/history-format.md) unless --no-history is given; H opens it \
        inside, to read, replay and compare what you sent.

        Your settings are in $XDG_CONFIG_HOME/portico/config.yaml: `theme: NAME`, `keys:` to \
        rebind any command, and `response: maxBodySize:` for where a response body is cut \
        (1GiB by default, counted after decompression; docs/explorer.md). Your own themes go in \
        $XDG_CONFIG_HOME/portico/themes/NAME.yaml (docs/themes.md). NO_COLOR=1 draws without colours.
        """
    )

    @Argument(help: "A collection folder, a .http or .rest file, or a URL to send at once.")
    var target: String?

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("The environment to start with.", valueName: "name"))
    var environment: String?

    @Option(help: ArgumentHelp("The theme: dark (default), light, high-contrast, solarized-dark, gruvbox-dark, monochrome, or one of yours (see docs/themes.md).", valueName: "name"))
    var theme: String?

    @Flag(name: .customLong("no-history"), help: "Do not record what is sent in history (it can still be read).")
    var noHistory = false

    func run() async throws {
        FrameLog.shared?.record("command-started", FrameLog.now())
        let paths = UserPaths.fromEnvironment()
        let isURL = target.map { $0.hasPrefix("http://") || $0.hasPrefix("https://") } ?? false
        let folder: URL
        var settings: ExplorerSettings
        do {
            settings = try ExplorerSettings.load(themeOption: theme, paths: paths)
            settings.recordsHistory = !noHistory
            FrameLog.shared?.record("settings-loaded", FrameLog.now())
            folder = try collectionFolder(isURL: isURL, paths: paths)
        } catch {
            throw Console.fail(error)
        }
        let secretStore = SecretStore(paths: paths)
        let loaded: LoadedCollection
        let collection: Collection
        do {
            loaded = try CollectionLocation.load(folder)
            collection = try secretStore.applying(to: loaded.collection)
        } catch {
            throw Console.fail(error)
        }
        FrameLog.shared?.record("collection-loaded", FrameLog.now())
        if let environment, collection.environment(named: environment) == nil {
            throw Console.fail(.input("collection '\(collection.name)' has no environment '\(environment)'; available: \(collection.environments.map(\.name).joined(separator: ", "))"))
        }
        try await Self.explore(collection: collection, folder: folder, environment: environment, url: isURL ? target : nil, settings: settings,
                               problems: loaded.diagnostics.map(\.description))
    }

    /// Opens the explorer on a loaded collection; returns when the user quits.
    /// `problems` (files that did not load, settings that were ignored) are printed first and the
    /// first one is shown in the explorer's footer, so a broken file is never missed.
    static func explore(collection: Collection, folder: URL, environment: String?, url: String?, settings: ExplorerSettings, problems: [String] = []) async throws {
        let problems = problems + settings.warnings
        // Printed before the explorer takes the alternate screen, so they are there again after it.
        for problem in problems { Console.info(problem) }
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        // ncurses is driven from one thread that blocks in poll(): a thread of its own, not one of
        // the concurrency pool's. Returns a failure to report, or nil after the user quit.
        let failure = await UIThread.run { () -> String? in
            // Named so that tools (top -H, the TUI benchmark) can tell its wake-ups from the
            // runtime's. (pthread_setname_np is not visible to Swift here; this is what it does.)
            try? "portico-ui".write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
            TerminalGuard.arm()
            defer { TerminalGuard.disarm() }
            let terminal: CursesTerminal
            do {
                terminal = try CursesTerminal(noColor: noColor)
            } catch {
                return "\(error)"
            }
            FrameLog.shared?.record("terminal-ready", FrameLog.now())
            var settings = settings
            if !terminal.hasColor { settings.useMonochrome() }
            var state = AppState(width: terminal.width, height: terminal.height, collection: collection, collectionFolder: folder, environmentName: environment)
            state.keymap = settings.keymap
            state.themeNames = settings.catalog.names
            state.themeName = settings.themeName
            state.recordsHistory = settings.recordsHistory
            if var first = problems.first {
                // The footer is one line: the count first, paths inside the collection short.
                if first.hasPrefix(folder.path + "/") { first.removeFirst(folder.path.count + 1) }
                state.message = problems.count == 1 ? first : "\(problems.count) problems, listed after you quit: \(first)"
            }
            // The sidebar's history section is read at once, off this thread.
            var initial: [Action] = [.historyChanged]
            if let url {
                state.draft = RequestTemplate(name: "New request", url: url)
                state.focus = .response
                initial.append(.sendDraft)
            }
            ExplorerSession(state: state, terminal: terminal, settings: settings).run(initialActions: initial)
            terminal.restore()
            return nil
        }
        if let failure { throw Console.fail(.input(failure)) }
    }

    private func collectionFolder(isURL: Bool, paths: UserPaths) throws(PorticoError) -> URL {
        if let target, !isURL {
            return URL(fileURLWithPath: target).standardizedFileURL
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if CollectionStore.isCollection(cwd) { return cwd }
        let folder = paths.data.appendingPathComponent("default")
        if !CollectionStore.isCollection(folder) {
            try AtomicFile.makeFolder(paths.data, permissions: 0o700)
            try CollectionStore.save(Collection(name: "My requests"), to: folder)
        }
        return folder
    }
}
