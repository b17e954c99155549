import Foundation

/// A compiled schema document: every subschema once, as a node, with `$ref`s resolved to node
/// indices, so that recursive schemas are cycles of indices rather than of values.
struct SchemaProgram: Sendable {
    var nodes: [SchemaNode] = []
    /// The node each `$ref` leads to, by the reference's slot number; filled in once every `$id`
    /// and `$anchor` of the document is known.
    var referenceTargets: [Int] = []
    var root = 0
}

struct SchemaNode: Sendable {
    /// JSON Pointer of this subschema in the document.
    let location: String
    var body: Body

    enum Body: Sendable {
        /// `true` or `{}`.
        case acceptsEverything
        /// `false`.
        case rejectsEverything
        /// Keywords in evaluation order: `unevaluatedItems` and `unevaluatedProperties` last, since
        /// they depend on what every other keyword evaluated.
        case keywords([SchemaKeyword])
    }

    var rejectsEverything: Bool {
        if case .rejectsEverything = body { return true }
        return false
    }
}

struct SchemaKeyword: Sendable {
    /// JSON Pointer of the keyword in the document, the `schemaPath` of its violations.
    let location: String
    let rule: SchemaRule
}

/// The seven JSON Schema types.
enum SchemaType: String, Sendable, CaseIterable {
    case null, boolean, object, array, number, string, integer

    func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.number, .number), (.string, .string), (.array, .array), (.object, .object):
            true
        case (.integer, .number(let number)):
            number.isIntegral
        default:
            false
        }
    }
}

/// A subschema applied to the object member called `name`.
struct NamedSubschema: Sendable {
    let name: String
    let node: Int
}

/// A subschema applied to every object member whose name matches `pattern`.
struct PatternSubschema: Sendable {
    let pattern: SchemaPattern
    let node: Int
}

/// What one keyword (or a keyword with the siblings that qualify it) checks. Subschemas are node
/// indices into the program.
enum SchemaRule: Sendable {
    case type([SchemaType])
    case enumeration([JSONValue])
    case constant(JSONValue)
    case multipleOf(JSONNumber)
    case maximum(JSONNumber)
    case exclusiveMaximum(JSONNumber)
    case minimum(JSONNumber)
    case exclusiveMinimum(JSONNumber)
    case maxLength(Int)
    case minLength(Int)
    case pattern(SchemaPattern)
    case format(SchemaFormat)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case prefixItems([Int])
    /// `items` applies to the elements after the `prefixItems` ones.
    case items(Int, after: Int)
    /// `contains` with its `minContains` and `maxContains`, and where those are written (they are
    /// the failing keyword when the count is wrong).
    case contains(Int, minimum: Int, minimumLocation: String, maximum: Int?, maximumLocation: String)
    case maxProperties(Int)
    case minProperties(Int)
    case required([String])
    case dependentRequired([(property: String, requires: [String])])
    /// Subschemas by member name, as UTF-8 so that names match by scalars, as JSON compares them.
    case properties([[UInt8]: Int])
    case patternProperties([PatternSubschema])
    /// `additionalProperties` applies to members that `properties` and `patternProperties` of the
    /// same schema object do not name.
    case additionalProperties(Int, listedNames: Set<[UInt8]>, patterns: [SchemaPattern])
    case propertyNames(Int)
    case dependentSchemas([NamedSubschema])
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(if: Int, then: Int?, else: Int?)
    /// `$ref` (and `$dynamicRef`, resolved statically) as written, and its slot in `referenceTargets`.
    case reference(written: String, slot: Int)
    case unevaluatedItems(Int)
    case unevaluatedProperties(Int)
}
