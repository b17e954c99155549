import Yams

/// The YAML form of `portico.yaml`, the file at the root of a collection folder.
enum CollectionFileFormat {
    static let fileName = "portico.yaml"
    static let keys = ["id", "name", "description", "variables", "secrets", "headers", "auth", "options", "environments", "history"]

    /// The collection's settings (its request tree is read from the folder separately). Problems that
    /// leave the rest usable, such as a secret's value written into the file, come back as warnings.
    static func decode(_ text: String, defaultName: String) throws(FileProblem) -> (Collection, warnings: [FileProblem]) {
        guard let root = try YAMLReader.parse(text) else {
            throw FileProblem(line: 0, "the file is empty; a collection needs at least an id and a name")
        }
        let pairs = try YAMLReader.mapping(root, "the collection", known: keys)
        func get(_ key: String) -> Node? { YAMLReader.value(pairs, key) }
        var warnings: [FileProblem] = []

        guard let idNode = get("id") else {
            throw FileProblem(line: YAMLReader.line(root), "the collection has no 'id'; add one (any unique text, e.g. \(RequestTemplate.newID())) so its secrets and history stay attached")
        }
        var collection = Collection(id: try YAMLReader.string(idNode, "id"), name: defaultName)
        if let node = get("name") { collection.name = try YAMLReader.string(node, "name") }
        if let node = get("description") { collection.description = try YAMLReader.string(node, "description") }
        collection.variables = try variables(values: get("variables"), secrets: get("secrets"), path: "", warnings: &warnings)
        if let node = get("headers") { collection.headers = try RequestFileFormat.rows(node, "headers") }
        if let node = get("auth") {
            collection.auth = try RequestFileFormat.auth(node, "auth")
            if collection.auth == .inherit { throw FileProblem(line: YAMLReader.line(node), "a collection's auth cannot inherit: there is nothing above it") }
        }
        if let node = get("history") { collection.history = try historySettings(node) }
        if let node = get("options") {
            collection.connection = try ConnectionOptionsFormat.decode(try YAMLReader.mapping(node, "options", known: ConnectionOptionsFormat.keys), path: "options")
        }
        if let node = get("environments") {
            for (name, value, line) in try YAMLReader.mapping(node, "environments", known: []) {
                let fields = try YAMLReader.mapping(value, "environments.\(name)", known: ["variables", "secrets"])
                if name.isEmpty { throw FileProblem(line: line, "an environment needs a name") }
                collection.environments.append(Environment(name: name, variables: try variables(
                    values: YAMLReader.value(fields, "variables"), secrets: YAMLReader.value(fields, "secrets"), path: "environments.\(name).", warnings: &warnings)))
            }
        }
        return (collection, warnings)
    }

    private static func historySettings(_ node: Node) throws(FileProblem) -> HistorySettings {
        let pairs = try YAMLReader.mapping(node, "history", known: ["record", "redact", "keep"])
        var settings = HistorySettings()
        if let value = YAMLReader.value(pairs, "record") { settings.record = try YAMLReader.bool(value, "history.record") }
        if let value = YAMLReader.value(pairs, "redact") {
            settings.redact = try YAMLReader.sequence(value, "history.redact").map { item throws(FileProblem) in try YAMLReader.string(item, "history.redact") }
        }
        if let value = YAMLReader.value(pairs, "keep") {
            settings.keep = try YAMLReader.sequence(value, "history.keep").map { item throws(FileProblem) in try YAMLReader.string(item, "history.keep") }
        }
        return settings
    }

    private static func variables(values: Node?, secrets: Node?, path: String, warnings: inout [FileProblem]) throws(FileProblem) -> [Variable] {
        var result: [Variable] = []
        var secretNames: [String] = []
        if let secrets {
            for item in try YAMLReader.sequence(secrets, "\(path)secrets") {
                let name = try YAMLReader.string(item, "\(path)secrets")
                guard Template.isName(name) else { throw FileProblem(line: YAMLReader.line(item), "'\(name)' is not a variable name (letters, digits, '_', '-' and '.')") }
                secretNames.append(name)
            }
        }
        if let values {
            for (name, value, line) in try YAMLReader.mapping(values, "\(path)variables", known: []) {
                guard Template.isName(name) else { throw FileProblem(line: line, "'\(name)' is not a variable name (letters, digits, '_', '-' and '.')") }
                if secretNames.contains(name) {
                    warnings.append(FileProblem(line: line, "secret '\(name)' has a value in this file, which is meant for git; the value is ignored: move it with `portico secret set \(name)`"))
                    continue
                }
                result.append(Variable(name, try YAMLReader.string(value, "\(path)variables.\(name)")))
            }
        }
        result += secretNames.map { Variable($0, nil, isSecret: true) }
        return result
    }

    static func encode(_ collection: Collection) throws -> String {
        var pairs: [(String, Node)] = [("id", YAMLWriter.text(collection.id)), ("name", YAMLWriter.text(collection.name))]
        if let description = collection.description { pairs.append(("description", YAMLWriter.text(description))) }
        pairs += variableNodes(collection.variables)
        if !collection.headers.isEmpty { pairs.append(("headers", RequestFileFormat.rowsNode(collection.headers))) }
        if collection.auth != .none { pairs.append(("auth", RequestFileFormat.authNode(collection.auth))) }
        if !collection.connection.isEmpty { pairs.append(("options", YAMLWriter.mapping(ConnectionOptionsFormat.encode(collection.connection)))) }
        if collection.history != HistorySettings() {
            var history: [(String, Node)] = []
            if !collection.history.record { history.append(("record", YAMLWriter.bool(false))) }
            if !collection.history.redact.isEmpty { history.append(("redact", YAMLWriter.sequence(collection.history.redact.map(YAMLWriter.text)))) }
            if !collection.history.keep.isEmpty { history.append(("keep", YAMLWriter.sequence(collection.history.keep.map(YAMLWriter.text)))) }
            pairs.append(("history", YAMLWriter.mapping(history)))
        }
        if !collection.environments.isEmpty {
            pairs.append(("environments", YAMLWriter.mapping(collection.environments.map { environment in
                (environment.name, YAMLWriter.mapping(variableNodes(environment.variables)))
            })))
        }
        return try YAMLWriter.serialize(YAMLWriter.mapping(pairs))
    }

    /// Secret values are never written here: only their names.
    private static func variableNodes(_ variables: [Variable]) -> [(String, Node)] {
        var pairs: [(String, Node)] = []
        let plain = variables.filter { !$0.isSecret }
        if !plain.isEmpty { pairs.append(("variables", YAMLWriter.mapping(plain.map { ($0.name, YAMLWriter.text($0.value ?? "")) }))) }
        let secrets = variables.filter(\.isSecret)
        if !secrets.isEmpty { pairs.append(("secrets", Node(secrets.map { YAMLWriter.text($0.name) }))) }
        return pairs
    }
}
