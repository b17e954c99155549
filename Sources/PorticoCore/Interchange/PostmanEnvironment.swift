/// A Postman environment file (`{"name", "values": [{key, value, type, enabled}]}`) as a Portico
/// environment; values of type secret become secret variables, kept out of the collection's files.
extension PostmanImporter {
    mutating func importEnvironment(_ document: JSONValue, source: String) throws(PorticoError) {
        guard case .array(let values) = document["values"] else {
            throw .input("\(source) is not a Postman environment: expected a JSON object with \"name\" and a \"values\" list, as Postman writes with Export on an environment")
        }
        let given = CollectionBuilder.oneLine(document["name"]?.importedText ?? "")
        let base = given.isEmpty ? "Environment" : given
        let name = UniqueName.first(base, separator: " ", notIn: Set(builder.collection.environments.map(\.name)))
        builder.update { $0.environments.append(Environment(name: name)) }
        for value in values {
            guard let key = value["key"]?.importedText, !key.isEmpty else { continue }
            let here = "environment \(name)/\(key)"
            if value["enabled"] == .bool(false) {
                builder.warn(here, "disabled in Postman; not imported")
                continue
            }
            builder.addVariable(variableName(key, at: here), text(Self.valueText(value["value"]), at: here), isSecret: value["type"]?.importedText == "secret", environment: name)
        }
    }
}
