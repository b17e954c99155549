import ArgumentParser
import Foundation
import PorticoCore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Give requests back in forms other tools run (curl, HTTPie, .http files) or as Markdown documentation.",
        subcommands: [ExportCurlCommand.self, ExportHTTPieCommand.self, ExportHTTPFileCommand.self, ExportMarkdownCommand.self]
    )
}

private let commandDiscussion = """
    The request is rendered as `portico send` would send it (variables, collection headers and \
    auth included) and printed as a command that is safe to paste into a POSIX shell whatever \
    the body holds. Secret values are masked unless --show-secrets.
    """

struct ExportCurlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curl",
        abstract: "Print a saved request as a curl command.",
        discussion: commandDiscussion + """


        Examples:
          portico export curl my-api/users/get-user.yaml -e staging
          portico export curl my-api/orders/create.yaml --show-secrets | sh
        """
    )

    @OptionGroup var options: ExportRequestOptions

    func run() throws { try options.run(.curl) }
}

struct ExportHTTPieCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "httpie",
        abstract: "Print a saved request as an HTTPie command.",
        discussion: commandDiscussion + """


        Example:
          portico export httpie my-api/orders/create.yaml -e staging
        """
    )

    @OptionGroup var options: ExportRequestOptions

    func run() throws { try options.run(.httpie) }
}

/// What `export curl` and `export httpie` share: the request, and how to render it.
struct ExportRequestOptions: ParsableArguments {
    @Argument(help: "The request file.")
    var requestFile: String

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("The environment to render with.", valueName: "name"))
    var environment: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable, highest precedence (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Flag(name: .customLong("show-secrets"), help: "Put the values of secret variables in the command instead of masking them.")
    var showSecrets = false

    func run(_ tool: CommandExport.Tool) throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let file = URL(fileURLWithPath: requestFile, relativeTo: cwd).standardizedFileURL
        do {
            var collection: Collection?
            if let folder = CollectionStore.folder(containing: file) {
                collection = try SecretStore(paths: .fromEnvironment()).applying(to: CollectionStore.load(folder).collection)
            }
            let template = try CollectionStore.loadRequestFile(file)
            let overrides = try variables.map { assignment throws(PorticoError) in try VariableScope.override(assignment) }
            var scope = try VariableScope.make(collection: collection, environmentName: environment, overrides: overrides)
            if let collection {
                scope.references = HistoryReferenceSource(store: HistoryRecording.store(), collection: collection)
                // Values captured by earlier sends (docs/checks.md); export sends nothing itself.
                scope.setCaptured(CaptureStore(paths: .fromEnvironment()).variables(collectionID: collection.id, environment: environment))
            }
            let renderer = RequestRenderer(scope: scope, collection: collection, baseDirectory: file.deletingLastPathComponent())
            let export = try CommandExport(template: template, renderer: renderer)
            var command = try export.command(for: tool)
            if !showSecrets {
                let masker = SecretMasker(secrets: renderer.secretValues(for: export.request))
                let masked = masker.mask(command)
                if masked != command { Console.info("secret values are masked (••••••); --show-secrets puts them in the command") }
                command = masked
            }
            let terminal = isatty(STDOUT_FILENO) == 1
            StandardOutput.write(Data(((terminal ? TerminalText.sanitize(command) : command) + "\n").utf8))
        } catch {
            throw Console.fail(error)
        }
    }
}
