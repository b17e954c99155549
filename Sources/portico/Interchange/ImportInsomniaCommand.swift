import ArgumentParser
import PorticoCore

struct ImportInsomniaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insomnia",
        abstract: "Import an Insomnia export (v4 JSON) as a new collection folder.",
        discussion: """
        Export from Insomnia (Export → Insomnia v4 (JSON)) and import the file. Request groups \
        become folders; requests keep their method, URL, query and header rows, body (JSON, XML, \
        text, form, multipart with files, binary file) and auth (basic, bearer, API key; a folder's \
        auth is given to the requests in it that inherit). The base environment becomes the \
        collection's variables and each sub-environment a Portico environment (a private one's \
        values are kept as secrets). {{ _.name }} becomes {{name}}, {% uuid %} becomes {{$uuid}} and \
        {% now %} becomes {{$isoTimestamp}} (or {{$timestamp}} for 'unix').

        Passwords, tokens and API keys go to your secret store, never into the collection's files. \
        What Portico cannot carry over (other tags such as {% response %}, scripts, cookies, API \
        specs, gRPC requests, OAuth and other auth kinds) is listed as a warning that says where it was.

        Examples:
          portico import insomnia Insomnia_2024-05-01.json
          portico import insomnia export.json --into shop
        """
    )

    @OptionGroup var options: CollectionImportOptions

    func run() throws {
        try options.run { text in try InsomniaImport.parse(text) }
    }
}
