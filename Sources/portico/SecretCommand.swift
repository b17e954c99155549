import ArgumentParser
import Foundation
import PorticoCore

struct SecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Set, remove or list the values of a collection's secret variables.",
        discussion: """
        A collection declares secret variables by name (`secrets:` in portico.yaml, for the \
        collection or an environment); their values live outside the collection, in \
        $XDG_CONFIG_HOME/portico/secrets/<collection id>.yaml (mode 0600), never in files meant for git, \
        each value sealed with the key in $XDG_DATA_HOME/portico/secret.key (made on first use).
        """,
        subcommands: [Set.self, Unset.self, List.self]
    )

    struct Location: ParsableArguments {
        @Option(name: [.customShort("c"), .long], help: ArgumentHelp("The collection folder.", valueName: "dir"))
        var collection: String = "."

        @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("The environment the secret belongs to (default: the collection's own).", valueName: "name"))
        var environment: String?

        func load() throws(PorticoError) -> Collection {
            let folder = URL(fileURLWithPath: collection).standardizedFileURL
            let collection = try CollectionStore.load(folder).collection
            if let environment, collection.environment(named: environment) == nil {
                throw .input("collection '\(collection.name)' has no environment '\(environment)'")
            }
            return collection
        }

        func check(_ name: String, in collection: Collection) throws(PorticoError) {
            let variables = environment.flatMap { collection.environment(named: $0)?.variables } ?? collection.variables
            guard variables.contains(where: { $0.name == name && $0.isSecret }) else {
                throw .input("'\(name)' is not a secret of \(environment.map { "environment '\($0)'" } ?? "the collection"); declare it under `secrets:` in portico.yaml first")
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Store a secret's value, read from standard input (so it stays out of shell history).")

        @Argument(help: "The secret variable's name.") var name: String
        @OptionGroup var location: Location

        /// One line from standard input; on a terminal, typed without echo.
        static func readValue(prompt: String) -> String? {
            guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
            FileHandle.standardError.write(Data(prompt.utf8))
            var saved = termios()
            tcgetattr(STDIN_FILENO, &saved)
            var hidden = saved
            hidden.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &hidden)
            defer {
                tcsetattr(STDIN_FILENO, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true)
        }

        func run() throws {
            do throws(PorticoError) {
                let collection = try location.load()
                try location.check(name, in: collection)
                guard let line = Self.readValue(prompt: "Value for \(name) (hidden): ") else { throw PorticoError.input("no value on standard input") }
                try SecretStore(paths: .fromEnvironment()).set(name, to: line, environment: location.environment, collection: collection)
                Console.info("stored \(name)")
            } catch {
                throw Console.fail(error)
            }
        }
    }

    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove a secret's stored value.")

        @Argument(help: "The secret variable's name.") var name: String
        @OptionGroup var location: Location

        func run() throws {
            do throws(PorticoError) {
                let collection = try location.load()
                try SecretStore(paths: .fromEnvironment()).set(name, to: nil, environment: location.environment, collection: collection)
            } catch {
                throw Console.fail(error)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List secret variables and whether each has a value (values are not shown).")

        @OptionGroup var location: Location

        func run() throws {
            do throws(PorticoError) {
                let collection = try SecretStore(paths: .fromEnvironment()).applying(to: try location.load())
                for variable in collection.variables where variable.isSecret {
                    print("\(variable.name)\t\(variable.value == nil ? "not set" : "set")")
                }
                for environment in collection.environments {
                    for variable in environment.variables where variable.isSecret {
                        print("\(variable.name)\t\(variable.value == nil ? "not set" : "set")\t(environment \(environment.name))")
                    }
                }
            } catch {
                throw Console.fail(error)
            }
        }
    }
}
