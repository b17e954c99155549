import ArgumentParser

/// The flags that change what `send` and `bench` send: the method, headers, one body, the
/// environment and variables. One declaration, so both commands spell and check them alike.
struct RequestChangeFlags: ParsableArguments {
    @Option(name: [.customShort("X"), .long], help: "The method: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or any token.")
    var method: String?

    @Option(name: [.customShort("H"), .customLong("header")], help: ArgumentHelp("A header, 'Name: value' (repeatable; replaces a header of the same name in a request file).", valueName: "header"))
    var headers: [String] = []

    @Option(name: [.customShort("d"), .long], help: "A body, sent as application/x-www-form-urlencoded unless -H sets a Content-Type.")
    var data: String?

    @Option(name: .customLong("data-file"), help: ArgumentHelp("Send this file's bytes as the body (streamed).", valueName: "file"))
    var dataFile: String?

    @Option(help: ArgumentHelp("A JSON body; sets Content-Type and Accept to application/json.", valueName: "json"))
    var json: String?

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("The environment of the collection to render with.", valueName: "name"))
    var environment: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable, highest precedence (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    func validate() throws {
        if [data != nil, dataFile != nil, json != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give only one of -d, --data-file and --json")
        }
    }
}
