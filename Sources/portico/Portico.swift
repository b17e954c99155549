import ArgumentParser
import Foundation
import PorticoCore

@main
struct Portico: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portico",
        abstract: "A terminal API explorer: keep requests in collection folders, send them, read the responses.",
        discussion: """
        Collections are folders of YAML files that live in git next to your code \
        (see docs/collection-format.md); a VS Code or JetBrains .http file works as one too \
        (`portico api.http`). `portico import` brings in curl commands, .http files, Postman, \
        Insomnia, OpenAPI and HAR; `portico export` gives requests back as curl, HTTPie, .http or \
        Markdown (docs/interchange.md). `portico run` runs requests with their checks, for CI \
        (docs/checks.md). Start with `portico demo`.

        Exit codes: 0 a response arrived; 1 a response with status >= 400 when --fail is given; \
        2 bad input (usage, file, template); 3 network failure (connect, DNS, TLS, timeout, protocol); \
        130 cancelled.
        """,
        version: PorticoVersion.current,
        subcommands: [ExploreCommand.self, SendCommand.self, RunCommand.self, BenchCommand.self, HistoryCommand.self, ImportCommand.self, ExportCommand.self, QueryCommand.self, DemoCommand.self, SecretCommand.self, AuthCommand.self, CookiesCommand.self],
        defaultSubcommand: ExploreCommand.self
    )

    /// Usage errors exit with 2 (the documented "bad input"), not ArgumentParser's 64.
    static func main() async {
        // A reader that goes away (`portico send URL | head`) shows up as EPIPE on the next write,
        // not as a signal that would end the process before the exchange is recorded.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
