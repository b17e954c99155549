import ArgumentParser
import PorticoCore

struct ImportOpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Import an OpenAPI 3.0 or 3.1 document (YAML or JSON) as a new collection.",
        discussion: """
        Every operation becomes a request, in a folder named after its first tag (untagged ones at \
        the top), named by its summary, else its operationId, else its method and path. URLs start \
        with {{baseUrl}}: the first server's URL is the collection's baseUrl, and every server is \
        also an environment (named after its description, else its host) setting baseUrl, so \
        `-e <environment>` picks one. Path parameters become {{variables}} of the collection; query \
        and header parameters become rows, enabled when required. Bodies come from the document's \
        examples, or are generated from the schema. Security schemes become basic, bearer or API key \
        auth whose credentials are empty secret variables: set them with `portico secret set NAME -c DIR`.

        Swagger 2 documents are not supported. Whatever cannot be carried over (cookie parameters, \
        OAuth 2.0, OpenID Connect…) is listed as a warning.

        Examples:
          portico import openapi petstore.yaml
          portico import openapi openapi.json --into shop-api
          curl -s https://example.com/openapi.json | portico import openapi -
        """
    )

    @OptionGroup var options: CollectionImportOptions

    func run() throws {
        try options.run { text in try OpenAPIImport.parse(text) }
    }
}
