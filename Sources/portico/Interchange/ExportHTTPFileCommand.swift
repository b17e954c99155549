import ArgumentParser
import Foundation
import PorticoCore

struct ExportHTTPFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "Write a collection as one .http file (VS Code REST Client and JetBrains HTTP Client).",
        discussion: """
        Variables become `@name = value` lines and every request follows under a `###` separator \
        that names it (with its folder). Collection headers and auth are written into each request, \
        since .http files have no shared settings. Secret variables are never written: the file \
        lists their names in a comment, to be set in http-client.private.env.json or as variables.

        Examples:
          portico export http my-api > my-api.http
          portico export http my-api -o api.http
        """
    )

    @Argument(help: "The collection folder.")
    var collection: String

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the file here instead of printing it.", valueName: "file"))
    var output: String?

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let folder = URL(fileURLWithPath: collection, relativeTo: cwd).standardizedFileURL
        do {
            let loaded = try CollectionStore.load(folder)
            for diagnostic in loaded.diagnostics { Console.info(diagnostic.description) }
            let text = try HTTPFileExport.text(of: loaded.collection)
            if !loaded.collection.environments.isEmpty {
                // A .http file has no environments of its own; JetBrains keeps them beside it.
                Console.info("warning: environments (\(loaded.collection.environments.map(\.name).joined(separator: ", "))) are not written; set their values as variables or in http-client.env.json")
            }
            if let output {
                try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL)
            } else {
                let terminal = isatty(STDOUT_FILENO) == 1
                StandardOutput.write(Data((terminal ? TerminalText.sanitize(text) : text).utf8))
            }
        } catch {
            throw Console.fail(error)
        }
    }
}
