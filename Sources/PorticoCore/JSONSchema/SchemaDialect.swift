/// The JSON Schema drafts this validator understands, named by `$schema`.
enum SchemaDialect: Sendable {
    case draft2020_12
    /// Read with draft 2020-12's keywords where draft-07 spells them differently: `definitions` as
    /// `$defs`, the array form of `items` as `prefixItems` (and then `additionalItems` as `items`),
    /// `dependencies` as `dependentRequired` or `dependentSchemas`; `$ref` hides its siblings.
    case draft07

    /// The dialect a `$schema` value names, or nil for one this validator does not implement.
    init?(metaSchema: String) {
        var uri = metaSchema
        if uri.hasSuffix("#") { uri.removeLast() }
        if uri.hasPrefix("http://") { uri = "https://" + uri.dropFirst("http://".count) }
        switch uri {
        case "https://json-schema.org/draft/2020-12/schema": self = .draft2020_12
        case "https://json-schema.org/draft-07/schema": self = .draft07
        default: return nil
        }
    }
}
