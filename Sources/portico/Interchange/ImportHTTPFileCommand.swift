import ArgumentParser
import Foundation
import PorticoCore

struct ImportHTTPFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "Import a .http or .rest file (VS Code REST Client, JetBrains HTTP Client) as a collection.",
        discussion: """
        Both dialects are read: `###` separators, `# @name`, `@var = value` file variables, \
        comments, request lines with an optional HTTP version, headers, bodies and `< ./file` body \
        includes. JetBrains environment files beside it (http-client.env.json) become environments; \
        values from http-client.private.env.json and credentials written in clear become secrets, \
        kept in your secret store and out of the collection's files. Scripts and prompts are listed \
        as warnings; request references ({{login.response.body.$.token}}) work as they are. To edit a .http file in place instead, open it: \
        `portico api.http`.

        Examples:
          portico import http api.http --into my-api
        """
    )

    @OptionGroup var options: CollectionImportOptions

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let file = options.file == "-" ? cwd.appendingPathComponent("stdin.http") : URL(fileURLWithPath: options.file, relativeTo: cwd)
        try options.run { text in try HTTPFileImport.parse(text, file: file) }
    }
}
