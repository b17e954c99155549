import ArgumentParser
import Foundation
import PorticoCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn requests from other tools into Portico request files.",
        subcommands: [ImportCurlCommand.self, ImportHTTPFileCommand.self, ImportPostmanCommand.self, ImportInsomniaCommand.self, ImportOpenAPICommand.self, ImportHARCommand.self]
    )
}

struct ImportCurlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curl",
        abstract: "Import a curl command line as a request.",
        discussion: """
        The command is split as bash splits it (quotes, $'…', line continuations, comments) and \
        its options become the request curl would send: -X, -H, -d/--data, --data-raw, \
        --data-binary, --data-urlencode, -F/--form, --json, -G, -u, --oauth2-bearer, --aws-sigv4, -b, -A, -e, \
        -L, -I, -T, -m, --url and more. Options Portico cannot honour yet and unknown options are \
        listed as warnings. Without --into the request file is printed.

        Examples:
          portico import curl cmd.txt --into my-api --name "Create order"
          pbpaste | portico import curl -
        """
    )

    @Argument(help: "A file holding the curl command, or - for standard input.")
    var file: String

    @Option(help: ArgumentHelp("Add the request to this collection folder.", valueName: "dir"))
    var into: String?

    @Option(help: ArgumentHelp("The request's name (default: from its URL).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("The folder inside the collection to put it in (default: its top).", valueName: "path"))
    var folder = ""

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            let imported = try CurlCommand.parse(try ImportSource.read(file), baseDirectory: cwd)
            for warning in imported.warnings { Console.info("warning: \(warning)") }
            var template = imported.template
            if let name { template.name = name }
            guard let into else {
                StandardOutput.write(Data(try CollectionStore.requestFileText(template).utf8))
                return
            }
            let collectionFolder = URL(fileURLWithPath: into, relativeTo: cwd).standardizedFileURL
            guard CollectionStore.isCollection(collectionFolder) else {
                throw PorticoError.input("\(into) is not a collection folder (it has no \(CollectionStore.collectionFileName))")
            }
            let loaded = try CollectionStore.load(collectionFolder)
            var collection = loaded.collection
            let target = collectionFolder.appendingPathComponent(folder)
            let present = Set((try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? [])
            let (path, secrets) = try collection.addImportedRequest(template, inFolder: folder, avoiding: present)
            // The secrets first: a request file that refers to a secret with no value is the lesser failure.
            let secretStore = SecretStore(paths: .fromEnvironment())
            for secret in secrets { try secretStore.set(secret.name, to: secret.value, environment: nil, collection: collection) }
            _ = try CollectionStore.save(collection, to: collectionFolder, baseline: loaded.collection)
            Console.info("added \(into)/\(path)" + (secrets.isEmpty ? "" : "; \(secrets.map(\.name).joined(separator: ", ")) kept in the secret store"))
        } catch let error as PorticoError {
            throw Console.fail(error)
        }
    }
}
