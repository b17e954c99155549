import ArgumentParser
import Foundation
import PorticoCore

struct CookiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cookies",
        abstract: "List or clear the cookie jars Portico keeps between runs.",
        discussion: """
        Cookies that responses set are kept per collection and sent back by RFC 6265's rules, for \
        the explorer's session or one `send`. With `cookies: persist: true` in config.yaml, each \
        collection's jar is also kept between runs, in $XDG_DATA_HOME/portico/cookies/ (mode \
        0600), never in the collection folder (docs/cookies.md).
        """,
        subcommands: [List.self, Clear.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print a collection's kept cookies: domain, path, name, value (masked) and attributes.")

        @Option(name: [.customShort("c"), .long], help: ArgumentHelp("The collection folder (or .http file).", valueName: "dir"))
        var collection: String = "."

        @Flag(name: .customLong("show-values"), help: "Print the cookies' values instead of masking them.")
        var showValues = false

        func run() throws {
            do throws(PorticoError) {
                let id = try CollectionLocation.load(URL(fileURLWithPath: collection).standardizedFileURL).collection.id
                let cookies = try CookieJarStore(paths: .fromEnvironment()).load(collectionID: id)
                if cookies.isEmpty {
                    Console.info("no cookies kept for this collection")
                    return
                }
                let lines = cookies.sorted { ($0.domain, $0.path, $0.name) < ($1.domain, $1.path, $1.name) }.map { cookie in
                    "\(cookie.name)=\(showValues ? cookie.value : SecretMasker.mask)  \(cookie.attributeText)"
                }
                StandardOutput.write(Data((TerminalText.sanitize(lines.joined(separator: "\n")) + "\n").utf8))
            } catch {
                throw Console.fail(error)
            }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Delete a collection's kept cookies, or every collection's with --all.")

        @Option(name: [.customShort("c"), .long], help: ArgumentHelp("The collection folder (or .http file).", valueName: "dir"))
        var collection: String = "."

        @Flag(help: "Clear the jars of every collection.")
        var all = false

        func run() throws {
            let store = CookieJarStore(paths: .fromEnvironment())
            if all {
                let count = store.clear(collectionID: nil)
                Console.info(count == 1 ? "cleared 1 cookie jar" : "cleared \(count) cookie jars")
                return
            }
            do throws(PorticoError) {
                let id = try CollectionLocation.load(URL(fileURLWithPath: collection).standardizedFileURL).collection.id
                Console.info(store.clear(collectionID: id) == 1 ? "cleared the collection's cookie jar" : "no cookies kept for this collection")
            } catch {
                throw Console.fail(error)
            }
        }
    }
}
