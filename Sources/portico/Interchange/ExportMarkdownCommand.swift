import ArgumentParser
import Foundation
import PorticoCore

struct ExportMarkdownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Write a collection as Markdown API documentation.",
        discussion: """
        The document lists the collection's variables and environments (secret values show as \
        (secret)), its auth kind, and every request by folder: method and URL as written, \
        description, parameters, headers, auth kind and example body. When history holds an \
        exchange of a request, the latest one's response is shown as an example (its body cut \
        to a readable size); history bodies are already redacted of secrets.

        Examples:
          portico export markdown my-api -o API.md
          portico export markdown my-api | less
        """
    )

    @Argument(help: "The collection folder (or any file inside it), or a .http file.")
    var collection: String

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            let document = try markdown(cwd: cwd)
            if let output {
                try AtomicFile.write(Data(document.utf8), to: URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL)
                Console.info("wrote \(output)")
            } else {
                // Response bodies may hold escape sequences: a terminal must not run them.
                StandardOutput.write(Data((isatty(STDOUT_FILENO) == 1 ? TerminalText.sanitize(document) : document).utf8))
            }
        } catch {
            throw Console.fail(error)
        }
    }

    /// The document, with the latest recorded response of each request that history holds.
    private func markdown(cwd: URL) throws(PorticoError) -> String {
        let given = URL(fileURLWithPath: collection, relativeTo: cwd).standardizedFileURL
        let folder = CollectionLocation.isCollection(given) ? given : (CollectionStore.folder(containing: given) ?? given)
        let loaded = try CollectionLocation.load(folder)
        for diagnostic in loaded.diagnostics { Console.info("warning: \(diagnostic)") }
        let store = HistoryRecording.store()
        var examples: [String: MarkdownExport.Example] = [:]
        for request in loaded.collection.allRequests {
            let id = request.template.id
            guard let record = try store.listReportingDamage(HistoryFilter(requestID: id, collectionID: loaded.collection.id), limit: 1).first, let response = record.response else { continue }
            let body = Result { () throws(PorticoError) in try store.bodyData(response.body) }
            if case .failure(let error) = body {
                Console.info("warning: \(request.relativePath): \(error.message); the example response is shown without its body")
            }
            examples[id] = MarkdownExport.Example(record: record, responseBody: try? body.get())
        }
        return MarkdownExport.document(loaded.collection, examples: examples)
    }
}
