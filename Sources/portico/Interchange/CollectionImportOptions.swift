import ArgumentParser
import Foundation
import PorticoCore

/// What every whole-collection import takes (the source file and where the new collection goes),
/// and the one way each of them ends: warnings, a summary, and a collection written whole or not at all.
struct CollectionImportOptions: ParsableArguments {
    @Argument(help: "The file to import, or - for standard input.")
    var file: String

    @Option(help: ArgumentHelp("The new collection folder (default: one named after the collection, here). It must not exist yet, or be empty.", valueName: "dir"))
    var into: String?

    /// Parses the source with `importer`, then writes the collection and reports.
    func run(_ importer: (String) throws -> ImportedCollection) throws {
        do {
            let imported = try importer(try ImportSource.read(file))
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let folderName = into ?? CollectionStore.slug(imported.collection.name)
            let folder = URL(fileURLWithPath: folderName, relativeTo: cwd).standardizedFileURL
            try imported.write(to: folder, secretStore: SecretStore(paths: .fromEnvironment()))
            for warning in imported.warnings { Console.info("warning: \(warning)") }
            Console.info("imported \(imported.summary) into \(folderName)")
        } catch let error as PorticoError {
            throw Console.fail(error)
        }
    }
}
