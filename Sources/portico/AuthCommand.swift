import ArgumentParser
import Foundation
import PorticoCore

struct AuthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Manage the OAuth 2.0 access tokens Portico keeps between runs.",
        discussion: """
        A request with OAuth 2.0 auth gets its access token when it is sent and keeps it until \
        it expires, in $XDG_DATA_HOME/portico/oauth/tokens.json (mode 0600), never in the \
        collection folder.
        """,
        subcommands: [Clear.self]
    )

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Forget every cached OAuth 2.0 token, so the next send asks for a new one.")

        func run() throws {
            let store = OAuth2TokenStore(paths: .fromEnvironment())
            do {
                let count = try store.removeAll()
                Console.info(count == 1 ? "cleared 1 OAuth 2.0 token" : "cleared \(count) OAuth 2.0 tokens")
            } catch {
                throw Console.fail(error)
            }
        }
    }
}
