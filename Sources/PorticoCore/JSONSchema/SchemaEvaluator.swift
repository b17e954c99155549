/// Validates one instance against a compiled program, collecting every violation and, for
/// `unevaluated*`, the annotations of the subschemas applied in place (`allOf`, `$ref`, `if`...).
///
/// Annotations of a subschema that fails are dropped where that decides validity (`anyOf`,
/// `oneOf`, `if`, `not`); under `allOf`, `$ref`, `then`, `else` and `dependentSchemas` a failing
/// subschema already fails its parent, and keeping its annotations spares the report a second,
/// derived complaint about the same members.
struct SchemaEvaluator {
    /// Subschema applications nested deeper than this are reported instead of followed: every
    /// level costs call stack (about 1 KB in an optimised build, so 200 levels fit the 512 KB stack
    /// of a secondary thread), and the JSON parser allows 10,000 levels of nesting.
    static let maximumDepth = 200

    private let program: SchemaProgram
    /// The `$ref`s being followed, each with the instance location it was applied to. Meeting one
    /// again at the same location is a cycle that would never end.
    private var activeReferences: Set<ActiveReference> = []

    private struct ActiveReference: Hashable {
        let node: Int
        let instancePath: String
    }

    init(program: SchemaProgram) {
        self.program = program
    }

    mutating func evaluate(_ nodeIndex: Int, _ instance: JSONValue, at instancePath: String, depth: Int) -> SchemaOutcome {
        let node = program.nodes[nodeIndex]
        switch node.body {
        case .acceptsEverything:
            return SchemaOutcome()
        case .rejectsEverything:
            return SchemaOutcome(violations: [JSONSchemaViolation(instancePath: instancePath, schemaPath: node.location,
                                                                  message: "is not allowed: the schema here is false")])
        case .keywords(let keywords):
            guard depth < SchemaEvaluator.maximumDepth else {
                return SchemaOutcome(violations: [JSONSchemaViolation(
                    instancePath: instancePath, schemaPath: node.location,
                    message: "cannot be validated: the schema applies more than \(SchemaEvaluator.maximumDepth) levels of subschemas here")])
            }
            var outcome = SchemaOutcome()
            for keyword in keywords {
                apply(keyword, to: instance, at: instancePath, depth: depth, into: &outcome)
            }
            return outcome
        }
    }

    /// A subschema applied to a member or item; when it is `false`, `rejection` says why in the
    /// parent keyword's terms instead of the bare "the schema here is false".
    private mutating func evaluate(_ nodeIndex: Int, _ instance: JSONValue, at instancePath: String, depth: Int, rejection: @autoclosure () -> String) -> SchemaOutcome {
        let node = program.nodes[nodeIndex]
        if node.rejectsEverything {
            return SchemaOutcome(violations: [JSONSchemaViolation(instancePath: instancePath, schemaPath: node.location, message: rejection())])
        }
        return evaluate(nodeIndex, instance, at: instancePath, depth: depth + 1)
    }

    /// Runs one keyword. Every keyword that recurses has its own method, and the checks that do not
    /// recurse share one: a call frame holds the locals of every branch of its function, so this
    /// keeps the frames on the recursive path small and deep instances affordable.
    private mutating func apply(_ keyword: SchemaKeyword, to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        switch keyword.rule {
        case .prefixItems(let schemas):
            applyPrefixItems(schemas, to: instance, at: path, depth: depth, into: &outcome)
        case .items(let schema, let start):
            applyItems(schema, after: start, to: instance, at: path, depth: depth, into: &outcome)
        case .contains(let schema, let minimum, let minimumLocation, let maximum, let maximumLocation):
            applyContains(schema, minimum: minimum, minimumLocation: minimumLocation, maximum: maximum, maximumLocation: maximumLocation,
                          to: instance, at: path, depth: depth, into: &outcome)
        case .properties(let schemas):
            applyProperties(schemas, to: instance, at: path, depth: depth, into: &outcome)
        case .patternProperties(let schemas):
            applyPatternProperties(schemas, to: instance, at: path, depth: depth, into: &outcome)
        case .additionalProperties(let schema, let listedNames, let patterns):
            applyAdditionalProperties(schema, listedNames: listedNames, patterns: patterns, to: instance, at: path, depth: depth, into: &outcome)
        case .propertyNames(let schema):
            applyPropertyNames(schema, to: instance, at: path, depth: depth, into: &outcome)
        case .dependentSchemas(let schemas):
            for entry in schemas where instance[entry.name] != nil {
                outcome.include(evaluate(entry.node, instance, at: path, depth: depth + 1))
            }
        case .allOf(let schemas):
            for schema in schemas {
                outcome.include(evaluate(schema, instance, at: path, depth: depth + 1))
            }
        case .anyOf(let schemas):
            applyAnyOf(schemas, keyword: keyword, to: instance, at: path, depth: depth, into: &outcome)
        case .oneOf(let schemas):
            applyOneOf(schemas, keyword: keyword, to: instance, at: path, depth: depth, into: &outcome)
        case .not(let schema):
            if evaluate(schema, instance, at: path, depth: depth + 1).isValid {
                outcome.violations.append(JSONSchemaViolation(instancePath: path, schemaPath: keyword.location, message: "must not match the schema of not"))
            }
        case .conditional(let condition, let consequence, let alternative):
            applyConditional(condition, then: consequence, else: alternative, to: instance, at: path, depth: depth, into: &outcome)
        case .reference(let written, let slot):
            applyReference(written, slot: slot, keyword: keyword, to: instance, at: path, depth: depth, into: &outcome)
        case .unevaluatedItems(let schema):
            applyUnevaluatedItems(schema, to: instance, at: path, depth: depth, into: &outcome)
        case .unevaluatedProperties(let schema):
            applyUnevaluatedProperties(schema, to: instance, at: path, depth: depth, into: &outcome)
        default:
            for message in failures(of: keyword.rule, on: instance) {
                outcome.violations.append(JSONSchemaViolation(instancePath: path, schemaPath: keyword.location, message: message))
            }
        }
    }

    /// What a keyword without subschemas finds wrong with `instance`; a keyword for another type of
    /// value (`minimum` on a string...) does not apply and finds nothing.
    private func failures(of rule: SchemaRule, on instance: JSONValue) -> [String] {
        switch (rule, instance) {
        case (.type(let types), _):
            if !types.contains(where: { $0.matches(instance) }) {
                return ["must be \(types.map(\.articleName).joined(separator: " or ")), is \(instance.kindDescription)"]
            }
        case (.enumeration(let allowed), _):
            if !allowed.contains(instance) {
                return ["must be one of \(allowed.map(\.messageText).joined(separator: ", ")); is \(instance.messageText)"]
            }
        case (.constant(let expected), _):
            if instance != expected { return ["must be \(expected.messageText), is \(instance.messageText)"] }

        case (.multipleOf(let divisor), .number(let number)):
            if !number.isMultiple(of: divisor) { return ["must be a multiple of \(divisor), is \(number)"] }
        case (.maximum(let limit), .number(let number)):
            if number > limit { return ["must be at most \(limit), is \(number)"] }
        case (.exclusiveMaximum(let limit), .number(let number)):
            if number >= limit { return ["must be less than \(limit), is \(number)"] }
        case (.minimum(let limit), .number(let number)):
            if number < limit { return ["must be at least \(limit), is \(number)"] }
        case (.exclusiveMinimum(let limit), .number(let number)):
            if number <= limit { return ["must be greater than \(limit), is \(number)"] }

        case (.maxLength(let limit), .string(let text)):
            let length = text.unicodeScalars.count
            if length > limit { return ["must be at most \(limit) characters long, is \(length)"] }
        case (.minLength(let limit), .string(let text)):
            let length = text.unicodeScalars.count
            if length < limit { return ["must be at least \(limit) characters long, is \(length)"] }
        case (.pattern(let pattern), .string(let text)):
            if !pattern.matches(text) { return ["must match the pattern \(JSONValue.string(pattern.source).messageText), is \(instance.messageText)"] }
        case (.format(let format), .string(let text)):
            if !format.accepts(text) { return ["must be a valid \(format.rawValue), is \(instance.messageText)"] }

        case (.maxItems(let limit), .array(let items)):
            if items.count > limit { return ["must have at most \(counted(limit, "item")), has \(items.count)"] }
        case (.minItems(let limit), .array(let items)):
            if items.count < limit { return ["must have at least \(counted(limit, "item")), has \(items.count)"] }
        case (.uniqueItems, .array(let items)):
            var firstIndex: [JSONValue: Int] = [:]
            for (index, item) in items.enumerated() {
                if let earlier = firstIndex[item] { return ["must have unique items, but items \(earlier) and \(index) are equal"] }
                firstIndex[item] = index
            }

        case (.maxProperties(let limit), .object(let members)):
            if members.count > limit { return ["must have at most \(counted(limit, "property", "properties")), has \(members.count)"] }
        case (.minProperties(let limit), .object(let members)):
            if members.count < limit { return ["must have at least \(counted(limit, "property", "properties")), has \(members.count)"] }
        case (.required(let names), .object):
            return names.filter { instance[$0] == nil }.map { "is missing the required property \(JSONValue.string($0).messageText)" }
        case (.dependentRequired(let requirements), .object):
            return requirements.filter { instance[$0.property] != nil }.flatMap { requirement in
                requirement.requires.filter { instance[$0] == nil }.map {
                    "is missing the property \(JSONValue.string($0).messageText), required when \(JSONValue.string(requirement.property).messageText) is present"
                }
            }
        default:
            break
        }
        return []
    }

    private mutating func applyPrefixItems(_ schemas: [Int], to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        guard case .array(let items) = instance else { return }
        for (index, (schema, item)) in zip(schemas, items).enumerated() {
            outcome.violations.append(contentsOf: evaluate(schema, item, at: JSONPointer.appending(index, to: path), depth: depth,
                                                           rejection: "is not allowed: the schema for item \(index) is false").violations)
        }
        outcome.evaluatedItemPrefix = max(outcome.evaluatedItemPrefix, min(schemas.count, items.count))
    }

    private mutating func applyItems(_ schema: Int, after start: Int, to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        guard case .array(let items) = instance else { return }
        let limit = start == 0 ? "the array must be empty" : "the array may have at most \(counted(start, "item"))"
        for index in items.indices where index >= start {
            outcome.violations.append(contentsOf: evaluate(schema, items[index], at: JSONPointer.appending(index, to: path), depth: depth,
                                                           rejection: "is not allowed: \(limit)").violations)
        }
        outcome.evaluatedItemPrefix = items.count
    }

    private mutating func applyContains(_ schema: Int, minimum: Int, minimumLocation: String, maximum: Int?, maximumLocation: String,
                                        to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        guard case .array(let items) = instance else { return }
        var matches = 0
        for (index, item) in items.enumerated() where evaluate(schema, item, at: JSONPointer.appending(index, to: path), depth: depth + 1).isValid {
            matches += 1
            outcome.evaluatedItems.insert(index)
        }
        if matches < minimum {
            outcome.violations.append(JSONSchemaViolation(instancePath: path, schemaPath: minimumLocation,
                                                          message: "must contain at least \(counted(minimum, "item")) matching contains, has \(matches)"))
        }
        if let maximum, matches > maximum {
            outcome.violations.append(JSONSchemaViolation(instancePath: path, schemaPath: maximumLocation,
                                                          message: "must contain at most \(counted(maximum, "item")) matching contains, has \(matches)"))
        }
    }

    private mutating func applyProperties(_ schemas: [[UInt8]: Int], to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        guard case .object(let members) = instance else { return }
        for (position, member) in members.enumerated() {
            guard let schema = schemas[Array(member.name.utf8)] else { continue }
            outcome.violations.append(contentsOf: evaluate(schema, member.value, at: JSONPointer.appending(member.name, to: path), depth: depth,
                                                           rejection: "is not allowed: properties forbids it").violations)
            outcome.evaluatedMembers.insert(position)
        }
    }

    private mutating func applyPatternProperties(_ schemas: [PatternSubschema], to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        guard case .object(let members) = instance else { return }
        for (position, member) in members.enumerated() {
            for entry in schemas where entry.pattern.matches(member.name) {
                outcome.violations.append(contentsOf: evaluate(entry.node, member.value, at: JSONPointer.appending(member.name, to: path), depth: depth,
                                                               rejection: "is not allowed: its name matches \(JSONValue.string(entry.pattern.source).messageText)").violations)
                outcome.evaluatedMembers.insert(position)
            }
        }
    }

    private mutating func applyAdditionalProperties(_ schema: Int, listedNames: Set<[UInt8]>, patterns: [SchemaPattern],
                                                    to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        guard case .object(let members) = instance else { return }
        for (position, member) in members.enumerated()
        where !listedNames.contains(Array(member.name.utf8)) && !patterns.contains(where: { $0.matches(member.name) }) {
            outcome.violations.append(contentsOf: evaluate(schema, member.value, at: JSONPointer.appending(member.name, to: path), depth: depth,
                                                           rejection: "is not allowed: the schema lists its properties and has additionalProperties false").violations)
            outcome.evaluatedMembers.insert(position)
        }
    }

    /// Each member name is validated as a string; violations point at the member and say that it
    /// is the name that fails.
    private mutating func applyPropertyNames(_ schema: Int, to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        guard case .object(let members) = instance else { return }
        for member in members {
            let nameOutcome = evaluate(schema, .string(member.name), at: JSONPointer.appending(member.name, to: path), depth: depth,
                                       rejection: "is not allowed: propertyNames is false")
            outcome.violations.append(contentsOf: nameOutcome.violations.map {
                JSONSchemaViolation(instancePath: $0.instancePath, schemaPath: $0.schemaPath, message: "property name " + $0.message)
            })
        }
    }

    private mutating func applyAnyOf(_ schemas: [Int], keyword: SchemaKeyword, to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        let branches = schemas.map { evaluate($0, instance, at: path, depth: depth + 1) }
        let passing = branches.filter(\.isValid)
        if passing.isEmpty {
            outcome.violations.append(JSONSchemaViolation(instancePath: path, schemaPath: keyword.location,
                                                          message: "must match at least one schema of anyOf (\(summary(of: branches, at: path)))"))
        }
        for branch in passing { outcome.includeAnnotations(of: branch) }
    }

    private mutating func applyOneOf(_ schemas: [Int], keyword: SchemaKeyword, to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        let branches = schemas.map { evaluate($0, instance, at: path, depth: depth + 1) }
        let passing = branches.indices.filter { branches[$0].isValid }
        let message: String
        switch passing.count {
        case 0:
            message = "must match exactly one schema of oneOf, matches none (\(summary(of: branches, at: path)))"
        case 1:
            outcome.includeAnnotations(of: branches[passing[0]])
            return
        default:
            message = "must match exactly one schema of oneOf, matches \(passing.count): \(passing.map(String.init).joined(separator: ", "))"
        }
        outcome.violations.append(JSONSchemaViolation(instancePath: path, schemaPath: keyword.location, message: message))
    }

    private mutating func applyConditional(_ condition: Int, then consequence: Int?, else alternative: Int?,
                                           to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        let test = evaluate(condition, instance, at: path, depth: depth + 1)
        if test.isValid {
            outcome.includeAnnotations(of: test)
            if let consequence { outcome.include(evaluate(consequence, instance, at: path, depth: depth + 1)) }
        } else if let alternative {
            outcome.include(evaluate(alternative, instance, at: path, depth: depth + 1))
        }
    }

    private mutating func applyReference(_ written: String, slot: Int, keyword: SchemaKeyword,
                                         to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        let target = ActiveReference(node: program.referenceTargets[slot], instancePath: path)
        guard activeReferences.insert(target).inserted else {
            outcome.violations.append(JSONSchemaViolation(
                instancePath: path, schemaPath: keyword.location,
                message: "cannot be validated: $ref \(JSONValue.string(written).messageText) leads back to itself without moving into the value"))
            return
        }
        outcome.include(evaluate(target.node, instance, at: path, depth: depth + 1))
        activeReferences.remove(target)
    }

    private mutating func applyUnevaluatedItems(_ schema: Int, to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        guard case .array(let items) = instance else { return }
        for index in items.indices where index >= outcome.evaluatedItemPrefix && !outcome.evaluatedItems.contains(index) {
            outcome.violations.append(contentsOf: evaluate(schema, items[index], at: JSONPointer.appending(index, to: path), depth: depth,
                                                           rejection: "is not allowed: no keyword of the schema covers this item and unevaluatedItems is false").violations)
        }
        outcome.evaluatedItemPrefix = items.count
    }

    private mutating func applyUnevaluatedProperties(_ schema: Int, to instance: JSONValue, at path: String, depth: Int, into outcome: inout SchemaOutcome) {
        guard case .object(let members) = instance else { return }
        for (position, member) in members.enumerated() where !outcome.evaluatedMembers.contains(position) {
            outcome.violations.append(contentsOf: evaluate(schema, member.value, at: JSONPointer.appending(member.name, to: path), depth: depth,
                                                           rejection: "is not allowed: no keyword of the schema covers this property and unevaluatedProperties is false").violations)
        }
        outcome.evaluatedMembers.formUnion(members.indices)
    }

    /// "1 item", "2 items".
    private func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// The first violation of each failed branch of `anyOf` or `oneOf`, numbered by branch.
    private func summary(of branches: [SchemaOutcome], at path: String) -> String {
        branches.enumerated().compactMap { index, branch in
            guard let first = branch.violations.first else { return nil }
            let location = first.instancePath == path ? "" : "at \(first.instancePath) "
            return "\(index): \(location)\(first.message)"
        }.joined(separator: "; ")
    }
}
