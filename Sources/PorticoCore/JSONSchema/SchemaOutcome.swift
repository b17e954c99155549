/// What evaluating one subschema against one value found: its violations, and the annotations
/// `unevaluatedProperties` and `unevaluatedItems` need, namely which members and items of that
/// value some keyword evaluated.
struct SchemaOutcome {
    var violations: [JSONSchemaViolation] = []
    /// Positions in the object's member list (not names, so duplicate names stay apart).
    var evaluatedMembers: Set<Int> = []
    /// Items before this index were all evaluated (by `prefixItems`, `items`...).
    var evaluatedItemPrefix = 0
    /// Items evaluated one by one (`contains` matches).
    var evaluatedItems: Set<Int> = []

    var isValid: Bool { violations.isEmpty }

    mutating func includeAnnotations(of other: SchemaOutcome) {
        evaluatedMembers.formUnion(other.evaluatedMembers)
        evaluatedItemPrefix = max(evaluatedItemPrefix, other.evaluatedItemPrefix)
        evaluatedItems.formUnion(other.evaluatedItems)
    }

    mutating func include(_ other: SchemaOutcome) {
        violations.append(contentsOf: other.violations)
        includeAnnotations(of: other)
    }
}
