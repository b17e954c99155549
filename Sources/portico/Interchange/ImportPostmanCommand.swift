import ArgumentParser
import PorticoCore

struct ImportPostmanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postman",
        abstract: "Import a Postman collection (v2.0 or v2.1) as a new collection folder.",
        discussion: """
        Export the collection from Postman (… → Export → Collection v2.1) and import the file. Folders \
        stay folders; requests keep their method, URL, query and header rows (switched-off rows stay \
        switched off), description, body (raw JSON/XML/text, form, multipart with files, binary file) \
        and auth (basic, bearer, API key; a folder's auth is given to the requests in it that inherit). \
        Collection variables become the collection's variables and Postman's {{$guid}}, \
        {{$timestamp}} and {{$randomInt}} become {{$uuid}}, {{$timestamp}} and {{$randomInt 0 1000}}.

        Passwords, tokens and API keys, and the values of secret environment variables, go to your \
        secret store, never into the collection's files. What Portico cannot carry over (scripts, \
        saved responses, OAuth and other auth kinds, unknown dynamic variables) is listed as a \
        warning that says where it was. A GraphQL body becomes the JSON body Postman sends.

        Examples:
          portico import postman "Shop API.postman_collection.json"
          portico import postman shop.json --environment staging.json --environment production.json --into shop
        """
    )

    @OptionGroup var options: CollectionImportOptions

    @Option(name: [.customShort("e"), .long], help: ArgumentHelp("A Postman environment file to import as an environment of the collection (repeatable).", valueName: "file"))
    var environment: [String] = []

    func run() throws {
        try options.run { text in
            let environments = try environment.map { path in (source: path, text: try ImportSource.read(path)) }
            return try PostmanImport.parse(text, environments: environments)
        }
    }
}
