import ArgumentParser
import Foundation
import PorticoCore
import PorticoDemoServer

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the demo API that ships inside portico, and write its collection.",
        discussion: """
        With no flag: serves the demo API on 127.0.0.1:\(DemoServer.defaultPort) (another free port if \
        that one is taken), writes the demo collection to \
        $XDG_DATA_HOME/portico/demo pointing at it, and opens the explorer on it (environment `demo`). \
        Without a terminal it prints requests to try instead.

        --serve only serves the API (--port 0 picks a free port; the address is printed).
        --serve --hostile also serves, on a free port of its own, routes that attack the client \
        (escape sequences in bodies, headers and redirects, malformed HTTP, an endless body, a gzip \
        bomb, resets, redirect loops): for testing Portico or any other client (docs/cli.md#portico-demo). \
        They are never served otherwise.
        --init DIR writes the demo collection into DIR, with a `demo` environment for --port, and \
        stores its two secret variables (apiToken, demoPassword) in your secret store.
        """
    )

    @Flag(help: "Only serve the demo API until interrupted.")
    var serve = false

    @Flag(help: "With --serve: also serve the hostile routes that attack clients, on a free port of their own.")
    var hostile = false

    @Option(name: .customLong("init"), help: ArgumentHelp("Write the demo collection into this folder and exit.", valueName: "dir"))
    var initFolder: String?

    @Option(help: "The port to serve on, or that the collection's demo environment points at (0: any free port).")
    var port: Int?

    @Option(help: ArgumentHelp("The explorer's theme (see `portico explore --help`).", valueName: "name"))
    var theme: String?

    func validate() throws {
        if serve && initFolder != nil { throw ValidationError("give --serve or --init, not both") }
        if hostile && !serve { throw ValidationError("--hostile goes with --serve only") }
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if initFolder != nil, port == 0 { throw ValidationError("--init needs a real port for the environment (or none for \(DemoServer.defaultPort))") }
    }

    func run() async throws {
        let paths = UserPaths.fromEnvironment()
        if let initFolder {
            let folder = URL(fileURLWithPath: initFolder).standardizedFileURL
            do {
                try DemoCollection.write(to: folder, port: port ?? DemoServer.defaultPort, secretStore: SecretStore(paths: paths))
            } catch {
                throw Console.fail(error)
            }
            print("Wrote the demo collection to \(folder.path)")
            print("Try: portico send \(relative(folder))/users/list-users.yaml -e demo")
            return
        }
        let server = try await start()
        if serve {
            print("Portico demo API listening on \(server.baseURL)")
            print("Try: portico send \(server.baseURL)/users")
            if hostile {
                let routes = try await HostileServer.start()
                print("Hostile routes (they attack the client) listening on \(routes.baseURL) (\(routes.baseURL)/ lists them)")
            }
            // Scripts and tests read the address from a pipe: do not leave it in a buffer.
            fflush(nil)
            try await server.wait()
            return
        }
        let folder = paths.data.appendingPathComponent("demo")
        let collection: Collection
        do {
            try AtomicFile.makeFolder(paths.data, permissions: 0o700)
            try DemoCollection.write(to: folder, port: server.port, secretStore: SecretStore(paths: paths))
            collection = try SecretStore(paths: paths).applying(to: try CollectionStore.load(folder).collection)
        } catch {
            throw Console.fail(error)
        }
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            let settings: ExplorerSettings
            do { settings = try ExplorerSettings.load(themeOption: theme, paths: paths) } catch { throw Console.fail(error) }
            try await ExploreCommand.explore(collection: collection, folder: folder, environment: "demo", url: nil, settings: settings)
            await server.stop()
            return
        }
        print("""
        Portico demo API listening on \(server.baseURL)
        Demo collection: \(folder.path)

        Try:
          portico send \(server.baseURL)/users
          portico send \(folder.path)/users/get-user.yaml -e demo -i
          portico \(folder.path) -e demo

        Press Ctrl-C to stop.
        """)
        fflush(nil)
        try await server.wait()
    }

    private func start() async throws -> RunningDemoServer {
        do {
            return try await DemoServer.start(port: port ?? DemoServer.defaultPort)
        } catch {
            // The documented port may be taken (a second demo, another program): fall back to any free one.
            if port == nil { return try await DemoServer.start(port: 0) }
            throw Console.fail(PorticoError(.input, "cannot serve on 127.0.0.1:\(port ?? 0): \(error)"))
        }
    }

    private func relative(_ folder: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return folder.path.hasPrefix(cwd + "/") ? String(folder.path.dropFirst(cwd.count + 1)) : folder.path
    }
}
