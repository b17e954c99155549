import Foundation

/// Compiles a schema document into a `SchemaProgram`: checks every keyword's value, compiles
/// patterns, records `$id`s and anchors, then resolves each `$ref` to the node it names.
struct SchemaCompiler {
    /// Subschemas nested deeper than this are refused: compiling recurses once per level.
    static let maximumNesting = 100

    private let document: JSONValue
    private let assertsFormats: Bool
    private var program = SchemaProgram()
    private var nodeIndexByLocation: [String: Int] = [:]
    /// Schema resources by absolute URI without fragment: the document root, and each `$id`.
    private var resources: [String: Resource] = [:]
    /// Locations of `$anchor`s (and `$dynamicAnchor`s, and draft-07 `"$id": "#name"`) by absolute URI.
    private var anchors: [String: String] = [:]
    private var pendingReferences: [PendingReference] = []

    private struct Resource {
        let location: String
        let dialect: SchemaDialect
    }

    private struct PendingReference {
        let written: String
        let absolute: String
        let keywordLocation: String
        let slot: Int
        /// Relative and resolved against no `$id`, so its absolute form is made up, not worth showing.
        let isRelativeWithoutBase: Bool
    }

    /// A schema object being compiled, with what its subschemas inherit.
    private struct SchemaObject {
        let value: JSONValue
        let location: String
        var base: String
        var dialect: SchemaDialect
        let depth: Int

        func keywordLocation(_ keyword: String) -> String { JSONPointer.appending(keyword, to: location) }
    }

    init(document: JSONValue, assertsFormats: Bool) {
        self.document = document
        self.assertsFormats = assertsFormats
    }

    mutating func compile() throws(JSONSchemaError) -> SchemaProgram {
        program.root = try compileSchema(document, at: "", base: SchemaURI.defaultBase, dialect: .draft2020_12, depth: 0)
        while let reference = pendingReferences.popLast() {
            program.referenceTargets[reference.slot] = try target(of: reference)
        }
        return program
    }

    // MARK: Subschemas

    private mutating func compileSchema(_ value: JSONValue, at location: String, base: String, dialect: SchemaDialect, depth: Int) throws(JSONSchemaError) -> Int {
        if let existing = nodeIndexByLocation[location] { return existing }
        guard depth <= SchemaCompiler.maximumNesting else {
            throw JSONSchemaError(schemaPath: location, message: "subschemas nest deeper than \(SchemaCompiler.maximumNesting) levels")
        }
        let index = program.nodes.count
        switch value {
        case .bool(let accepts):
            program.nodes.append(SchemaNode(location: location, body: accepts ? .acceptsEverything : .rejectsEverything))
            nodeIndexByLocation[location] = index
            return index
        case .object:
            // Registered before the keywords are compiled, so that a pointer back into this schema
            // from inside it finds the node instead of compiling it again.
            program.nodes.append(SchemaNode(location: location, body: .acceptsEverything))
            nodeIndexByLocation[location] = index
            var object = SchemaObject(value: value, location: location, base: base, dialect: dialect, depth: depth)
            try identify(&object)
            let keywords = try compileKeywords(of: object)
            program.nodes[index].body = .keywords(keywords)
            return index
        default:
            throw JSONSchemaError(schemaPath: location, message: "a schema must be an object or a boolean, is \(value.kindDescription)")
        }
    }

    /// Reads `$schema`, `$id` and the anchors, which change how the rest of the object is read
    /// and what `$ref`s can name it.
    private mutating func identify(_ object: inout SchemaObject) throws(JSONSchemaError) {
        if let metaSchema = try string("$schema", of: object) {
            guard let dialect = SchemaDialect(metaSchema: metaSchema) else {
                throw JSONSchemaError(schemaPath: object.keywordLocation("$schema"),
                                      message: "unknown $schema dialect \"\(metaSchema)\": supported are draft 2020-12 (https://json-schema.org/draft/2020-12/schema) and draft-07 (http://json-schema.org/draft-07/schema#)")
            }
            object.dialect = dialect
        }
        if object.location.isEmpty {
            resources[object.base] = Resource(location: "", dialect: object.dialect)
        }
        // In draft-07 a `$ref` hides its siblings, `$id` included.
        if object.dialect == .draft07, object.value["$ref"] != nil { return }
        if let id = try string("$id", of: object) {
            let absolute = SchemaURI.resolve(id, against: object.base)
            let (resource, fragment) = SchemaURI.split(absolute)
            if let fragment, !fragment.isEmpty {
                guard object.dialect == .draft07 else {
                    throw JSONSchemaError(schemaPath: object.keywordLocation("$id"),
                                          message: "$id must not have a fragment (\"#\(fragment)\"); name a location with $anchor")
                }
                anchors[absolute] = object.location
            }
            if !id.hasPrefix("#") {
                resources[resource] = Resource(location: object.location, dialect: object.dialect)
                object.base = resource
            }
        }
        guard object.dialect == .draft2020_12 else { return }
        for keyword in ["$anchor", "$dynamicAnchor"] {
            guard let anchor = try string(keyword, of: object) else { continue }
            guard SchemaCompiler.isAnchorName(anchor) else {
                throw JSONSchemaError(schemaPath: object.keywordLocation(keyword),
                                      message: "\"\(anchor)\" is not an anchor name (a letter or \"_\", then letters, digits, \"-\", \"_\" or \".\")")
            }
            anchors[SchemaURI.split(object.base).resource + "#" + anchor] = object.location
        }
    }

    private static func isAnchorName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII,
              first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
        }
    }

    private mutating func subschema(_ value: JSONValue, at location: String, of object: SchemaObject) throws(JSONSchemaError) -> Int {
        try compileSchema(value, at: location, base: object.base, dialect: object.dialect, depth: object.depth + 1)
    }

    private mutating func subschema(_ keyword: String, of object: SchemaObject) throws(JSONSchemaError) -> Int? {
        guard let value = object.value[keyword] else { return nil }
        return try subschema(value, at: object.keywordLocation(keyword), of: object)
    }

    /// A keyword whose value is a non-empty array of schemas (`allOf`, `prefixItems`...).
    private mutating func subschemaList(_ keyword: String, of object: SchemaObject) throws(JSONSchemaError) -> [Int]? {
        guard let value = object.value[keyword] else { return nil }
        guard case .array(let elements) = value, !elements.isEmpty else {
            throw JSONSchemaError(schemaPath: object.keywordLocation(keyword), message: "\(keyword) must be a non-empty array of schemas, is \(value.kindDescription)")
        }
        var nodes: [Int] = []
        for (offset, element) in elements.enumerated() {
            nodes.append(try subschema(element, at: JSONPointer.appending(offset, to: object.keywordLocation(keyword)), of: object))
        }
        return nodes
    }

    /// A keyword whose value is an object of schemas (`properties`, `$defs`...).
    private mutating func subschemaMap(_ keyword: String, of object: SchemaObject) throws(JSONSchemaError) -> [NamedSubschema]? {
        guard let value = object.value[keyword] else { return nil }
        guard case .object(let members) = value else {
            throw JSONSchemaError(schemaPath: object.keywordLocation(keyword), message: "\(keyword) must be an object of schemas, is \(value.kindDescription)")
        }
        var named: [NamedSubschema] = []
        for member in members {
            let node = try subschema(member.value, at: JSONPointer.appending(member.name, to: object.keywordLocation(keyword)), of: object)
            named.append(NamedSubschema(name: member.name, node: node))
        }
        return named
    }

    // MARK: Keywords

    /// Compiling recurses through the applicator keywords; they are split from the keywords without
    /// subschemas and from each other because a call frame holds the locals of its whole function,
    /// and smaller frames on the recursive path let deeper schemas compile.
    private mutating func compileKeywords(of object: SchemaObject) throws(JSONSchemaError) -> [SchemaKeyword] {
        var keywords: [SchemaKeyword] = []
        if let written = try string("$ref", of: object) {
            keywords.append(reference(written, at: object.keywordLocation("$ref"), of: object))
            if object.dialect == .draft07 {
                // The siblings do not validate, but `$id` anchors in `definitions` must still be known.
                _ = try subschemaMap("definitions", of: object)
                return keywords
            }
        }
        if object.dialect == .draft2020_12, let written = try string("$dynamicRef", of: object) {
            keywords.append(reference(written, at: object.keywordLocation("$dynamicRef"), of: object))
        }
        keywords += try assertions(of: object)
        try compileItems(of: object, into: &keywords)
        try compileContains(of: object, into: &keywords)
        try compileMemberApplicators(of: object, into: &keywords)
        try compileInPlaceApplicators(of: object, into: &keywords)
        if object.dialect == .draft2020_12 {
            if let unevaluated = try subschema("unevaluatedItems", of: object) {
                keywords.append(SchemaKeyword(location: object.keywordLocation("unevaluatedItems"), rule: .unevaluatedItems(unevaluated)))
            }
            if let unevaluated = try subschema("unevaluatedProperties", of: object) {
                keywords.append(SchemaKeyword(location: object.keywordLocation("unevaluatedProperties"), rule: .unevaluatedProperties(unevaluated)))
            }
        }
        return keywords
    }

    /// The keywords without subschemas.
    private func assertions(of object: SchemaObject) throws(JSONSchemaError) -> [SchemaKeyword] {
        var keywords: [SchemaKeyword] = []
        func add(_ keyword: String, _ rule: SchemaRule) {
            keywords.append(SchemaKeyword(location: object.keywordLocation(keyword), rule: rule))
        }
        if let types = try typeList(of: object) { add("type", .type(types)) }
        if let value = object.value["enum"] {
            guard case .array(let allowed) = value else {
                throw JSONSchemaError(schemaPath: object.keywordLocation("enum"), message: "enum must be an array, is \(value.kindDescription)")
            }
            add("enum", .enumeration(allowed))
        }
        if let value = object.value["const"] { add("const", .constant(value)) }
        if let divisor = try number("multipleOf", of: object) {
            guard divisor > JSONNumber(0) else {
                throw JSONSchemaError(schemaPath: object.keywordLocation("multipleOf"), message: "multipleOf must be greater than 0, is \(divisor)")
            }
            add("multipleOf", .multipleOf(divisor))
        }
        if let limit = try number("maximum", of: object) { add("maximum", .maximum(limit)) }
        if let limit = try number("exclusiveMaximum", of: object) { add("exclusiveMaximum", .exclusiveMaximum(limit)) }
        if let limit = try number("minimum", of: object) { add("minimum", .minimum(limit)) }
        if let limit = try number("exclusiveMinimum", of: object) { add("exclusiveMinimum", .exclusiveMinimum(limit)) }
        if let limit = try count("maxLength", of: object) { add("maxLength", .maxLength(limit)) }
        if let limit = try count("minLength", of: object) { add("minLength", .minLength(limit)) }
        if let source = try string("pattern", of: object) {
            add("pattern", .pattern(try pattern(source, at: object.keywordLocation("pattern"))))
        }
        if let name = try string("format", of: object), assertsFormats, let format = SchemaFormat(rawValue: name) {
            add("format", .format(format))
        }
        if let limit = try count("maxItems", of: object) { add("maxItems", .maxItems(limit)) }
        if let limit = try count("minItems", of: object) { add("minItems", .minItems(limit)) }
        if let unique = try boolean("uniqueItems", of: object), unique { add("uniqueItems", .uniqueItems) }
        if let limit = try count("maxProperties", of: object) { add("maxProperties", .maxProperties(limit)) }
        if let limit = try count("minProperties", of: object) { add("minProperties", .minProperties(limit)) }
        if let names = try stringList("required", at: object.keywordLocation("required"), in: object.value["required"]) {
            add("required", .required(names))
        }
        if object.dialect == .draft2020_12, let value = object.value["dependentRequired"] {
            add("dependentRequired", .dependentRequired(try dependentRequired(value, at: object.keywordLocation("dependentRequired"))))
        }
        return keywords
    }

    private mutating func compileContains(of object: SchemaObject, into keywords: inout [SchemaKeyword]) throws(JSONSchemaError) {
        guard let contains = try subschema("contains", of: object) else { return }
        let isDraft2020 = object.dialect == .draft2020_12
        let minimum = try isDraft2020 ? count("minContains", of: object) : nil
        let maximum = try isDraft2020 ? count("maxContains", of: object) : nil
        keywords.append(SchemaKeyword(location: object.keywordLocation("contains"),
                                      rule: .contains(contains,
                                                      minimum: minimum ?? 1,
                                                      minimumLocation: object.keywordLocation(minimum == nil ? "contains" : "minContains"),
                                                      maximum: maximum,
                                                      maximumLocation: object.keywordLocation("maxContains"))))
    }

    /// The keywords that apply subschemas to an object's members.
    private mutating func compileMemberApplicators(of object: SchemaObject, into keywords: inout [SchemaKeyword]) throws(JSONSchemaError) {
        var listedNames: [[UInt8]: Int] = [:]
        if let properties = try subschemaMap("properties", of: object) {
            for property in properties { listedNames[Array(property.name.utf8)] = property.node }
            keywords.append(SchemaKeyword(location: object.keywordLocation("properties"), rule: .properties(listedNames)))
        }
        let patternProperties = try patternSubschemas(of: object)
        if let patternProperties {
            keywords.append(SchemaKeyword(location: object.keywordLocation("patternProperties"), rule: .patternProperties(patternProperties)))
        }
        if let additional = try subschema("additionalProperties", of: object) {
            keywords.append(SchemaKeyword(location: object.keywordLocation("additionalProperties"),
                                          rule: .additionalProperties(additional, listedNames: Set(listedNames.keys),
                                                                      patterns: (patternProperties ?? []).map(\.pattern))))
        }
        if let names = try subschema("propertyNames", of: object) {
            keywords.append(SchemaKeyword(location: object.keywordLocation("propertyNames"), rule: .propertyNames(names)))
        }
        if object.dialect == .draft2020_12 {
            if let dependents = try subschemaMap("dependentSchemas", of: object) {
                keywords.append(SchemaKeyword(location: object.keywordLocation("dependentSchemas"), rule: .dependentSchemas(dependents)))
            }
        } else if object.value["dependencies"] != nil {
            try compileDependencies(of: object, into: &keywords)
        }
    }

    /// The keywords that apply subschemas to the value itself, and the definitions.
    private mutating func compileInPlaceApplicators(of object: SchemaObject, into keywords: inout [SchemaKeyword]) throws(JSONSchemaError) {
        // Definitions only need compiling so that errors in them are found and their `$id`s and
        // anchors are known; a `$ref` reaches them by location.
        _ = try subschemaMap(object.dialect == .draft2020_12 ? "$defs" : "definitions", of: object)
        if let schemas = try subschemaList("allOf", of: object) {
            keywords.append(SchemaKeyword(location: object.keywordLocation("allOf"), rule: .allOf(schemas)))
        }
        if let schemas = try subschemaList("anyOf", of: object) {
            keywords.append(SchemaKeyword(location: object.keywordLocation("anyOf"), rule: .anyOf(schemas)))
        }
        if let schemas = try subschemaList("oneOf", of: object) {
            keywords.append(SchemaKeyword(location: object.keywordLocation("oneOf"), rule: .oneOf(schemas)))
        }
        if let negated = try subschema("not", of: object) {
            keywords.append(SchemaKeyword(location: object.keywordLocation("not"), rule: .not(negated)))
        }
        let condition = try subschema("if", of: object)
        let consequence = try subschema("then", of: object)
        let alternative = try subschema("else", of: object)
        if let condition {
            keywords.append(SchemaKeyword(location: object.keywordLocation("if"), rule: .conditional(if: condition, then: consequence, else: alternative)))
        }
    }

    /// `prefixItems` and `items` in draft 2020-12; the array form of `items` with
    /// `additionalItems` in draft-07.
    private mutating func compileItems(of object: SchemaObject, into keywords: inout [SchemaKeyword]) throws(JSONSchemaError) {
        var prefixCount = 0
        var restKeyword = "items"
        if object.dialect == .draft2020_12 {
            if let value = object.value["items"], case .array = value {
                throw JSONSchemaError(schemaPath: object.keywordLocation("items"),
                                      message: "items must be a schema in draft 2020-12; for one schema per position use prefixItems (or declare \"$schema\": \"http://json-schema.org/draft-07/schema#\")")
            }
            if let prefix = try subschemaList("prefixItems", of: object) {
                keywords.append(SchemaKeyword(location: object.keywordLocation("prefixItems"), rule: .prefixItems(prefix)))
                prefixCount = prefix.count
            }
        } else if let value = object.value["items"], case .array = value {
            let prefix = try subschemaList("items", of: object) ?? []
            keywords.append(SchemaKeyword(location: object.keywordLocation("items"), rule: .prefixItems(prefix)))
            prefixCount = prefix.count
            restKeyword = "additionalItems"
        }
        if let rest = try subschema(restKeyword, of: object) {
            keywords.append(SchemaKeyword(location: object.keywordLocation(restKeyword), rule: .items(rest, after: prefixCount)))
        }
    }

    /// Draft-07 `dependencies`: an array of names is `dependentRequired`, a schema `dependentSchemas`.
    private mutating func compileDependencies(of object: SchemaObject, into keywords: inout [SchemaKeyword]) throws(JSONSchemaError) {
        let location = object.keywordLocation("dependencies")
        guard let value = object.value["dependencies"], case .object(let members) = value else {
            throw JSONSchemaError(schemaPath: location, message: "dependencies must be an object, is \(object.value["dependencies"]?.kindDescription ?? "missing")")
        }
        var requirements: [(property: String, requires: [String])] = []
        var schemas: [NamedSubschema] = []
        for member in members {
            let memberLocation = JSONPointer.appending(member.name, to: location)
            if case .array = member.value {
                requirements.append((member.name, try stringList(member.name, at: memberLocation, in: member.value) ?? []))
            } else {
                schemas.append(NamedSubschema(name: member.name, node: try subschema(member.value, at: memberLocation, of: object)))
            }
        }
        if !requirements.isEmpty { keywords.append(SchemaKeyword(location: location, rule: .dependentRequired(requirements))) }
        if !schemas.isEmpty { keywords.append(SchemaKeyword(location: location, rule: .dependentSchemas(schemas))) }
    }

    private mutating func patternSubschemas(of object: SchemaObject) throws(JSONSchemaError) -> [PatternSubschema]? {
        guard let named = try subschemaMap("patternProperties", of: object) else { return nil }
        var compiled: [PatternSubschema] = []
        for entry in named {
            let location = JSONPointer.appending(entry.name, to: object.keywordLocation("patternProperties"))
            compiled.append(PatternSubschema(pattern: try pattern(entry.name, at: location), node: entry.node))
        }
        return compiled
    }

    private func dependentRequired(_ value: JSONValue, at location: String) throws(JSONSchemaError) -> [(property: String, requires: [String])] {
        guard case .object(let members) = value else {
            throw JSONSchemaError(schemaPath: location, message: "dependentRequired must be an object of arrays of property names, is \(value.kindDescription)")
        }
        var requirements: [(property: String, requires: [String])] = []
        for member in members {
            let names = try stringList(member.name, at: JSONPointer.appending(member.name, to: location), in: member.value) ?? []
            requirements.append((member.name, names))
        }
        return requirements
    }

    private mutating func reference(_ written: String, at location: String, of object: SchemaObject) -> SchemaKeyword {
        let slot = program.referenceTargets.count
        program.referenceTargets.append(-1)
        pendingReferences.append(PendingReference(written: written,
                                                  absolute: SchemaURI.resolve(written, against: object.base),
                                                  keywordLocation: location,
                                                  slot: slot,
                                                  isRelativeWithoutBase: object.base == SchemaURI.defaultBase && !SchemaURI.hasScheme(written)))
        return SchemaKeyword(location: location, rule: .reference(written: written, slot: slot))
    }

    /// The node a `$ref` names: a resource (the document or an `$id`), then a JSON Pointer or an
    /// anchor within it. A pointer may lead anywhere in the document, even inside a keyword this
    /// validator does not know, so its target is compiled on demand.
    private mutating func target(of reference: PendingReference) throws(JSONSchemaError) -> Int {
        let (resourceURI, fragment) = SchemaURI.split(reference.absolute)
        guard let resource = resources[resourceURI] else {
            let document = reference.isRelativeWithoutBase ? "another document" : resourceURI
            throw JSONSchemaError(schemaPath: reference.keywordLocation,
                                  message: "$ref \"\(reference.written)\" refers to \(document), which no $id in this document names; remote schemas are not fetched")
        }
        guard let fragment, !fragment.isEmpty else { return nodeIndexByLocation[resource.location] ?? program.root }
        guard fragment.hasPrefix("/") else {
            guard let location = anchors[resourceURI + "#" + fragment], let node = nodeIndexByLocation[location] else {
                throw JSONSchemaError(schemaPath: reference.keywordLocation,
                                      message: "$ref \"\(reference.written)\" names the anchor \"\(fragment)\", which no $anchor defines")
            }
            return node
        }
        guard let decoded = fragment.removingPercentEncoding, let tokens = JSONPointer.tokens(of: decoded),
              let resourceTokens = JSONPointer.tokens(of: resource.location) else {
            throw JSONSchemaError(schemaPath: reference.keywordLocation,
                                  message: "$ref \"\(reference.written)\" has a fragment that is not a JSON Pointer")
        }
        let path = resourceTokens + tokens
        let location = path.reduce("") { JSONPointer.appending($1, to: $0) }
        guard let value = JSONPointer.value(in: document, at: path) else {
            throw JSONSchemaError(schemaPath: reference.keywordLocation,
                                  message: "$ref \"\(reference.written)\" points to \(location), where the document has no value")
        }
        return try compileSchema(value, at: location, base: resourceURI, dialect: resource.dialect, depth: 0)
    }

    // MARK: Keyword values

    private func string(_ keyword: String, of object: SchemaObject) throws(JSONSchemaError) -> String? {
        guard let value = object.value[keyword] else { return nil }
        guard case .string(let text) = value else {
            throw JSONSchemaError(schemaPath: object.keywordLocation(keyword), message: "\(keyword) must be a string, is \(value.kindDescription)")
        }
        return text
    }

    private func boolean(_ keyword: String, of object: SchemaObject) throws(JSONSchemaError) -> Bool? {
        guard let value = object.value[keyword] else { return nil }
        guard case .bool(let flag) = value else {
            throw JSONSchemaError(schemaPath: object.keywordLocation(keyword), message: "\(keyword) must be a boolean, is \(value.kindDescription)")
        }
        return flag
    }

    private func number(_ keyword: String, of object: SchemaObject) throws(JSONSchemaError) -> JSONNumber? {
        guard let value = object.value[keyword] else { return nil }
        guard case .number(let number) = value else {
            throw JSONSchemaError(schemaPath: object.keywordLocation(keyword), message: "\(keyword) must be a number, is \(value.kindDescription)")
        }
        return number
    }

    /// A non-negative integer (`1.0` counts); one beyond `Int` is as good as infinite.
    private func count(_ keyword: String, of object: SchemaObject) throws(JSONSchemaError) -> Int? {
        guard let value = object.value[keyword] else { return nil }
        guard case .number(let number) = value, number.isIntegral, number >= JSONNumber(0) else {
            throw JSONSchemaError(schemaPath: object.keywordLocation(keyword), message: "\(keyword) must be a non-negative integer, is \(value.messageText)")
        }
        return Int(exactly: number.doubleValue) ?? Int.max
    }

    private func stringList(_ keyword: String, at location: String, in value: JSONValue?) throws(JSONSchemaError) -> [String]? {
        guard let value else { return nil }
        guard case .array(let elements) = value else {
            throw JSONSchemaError(schemaPath: location, message: "\(keyword) must be an array of strings, is \(value.kindDescription)")
        }
        var strings: [String] = []
        for (offset, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw JSONSchemaError(schemaPath: JSONPointer.appending(offset, to: location),
                                      message: "\(keyword) must be an array of strings; this element is \(element.kindDescription)")
            }
            strings.append(text)
        }
        return strings
    }

    private func typeList(of object: SchemaObject) throws(JSONSchemaError) -> [SchemaType]? {
        guard let value = object.value["type"] else { return nil }
        let location = object.keywordLocation("type")
        let names: [String]
        switch value {
        case .string(let name): names = [name]
        case .array: names = try stringList("type", at: location, in: value) ?? []
        default:
            throw JSONSchemaError(schemaPath: location, message: "type must be a type name or an array of them, is \(value.kindDescription)")
        }
        var types: [SchemaType] = []
        for name in names {
            guard let type = SchemaType(rawValue: name) else {
                throw JSONSchemaError(schemaPath: location,
                                      message: "\"\(name)\" is not a type; types are \(SchemaType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !types.contains(type) else {
                throw JSONSchemaError(schemaPath: location, message: "type names \"\(name)\" twice")
            }
            types.append(type)
        }
        return types
    }

    private func pattern(_ source: String, at location: String) throws(JSONSchemaError) -> SchemaPattern {
        guard let pattern = SchemaPattern(source) else {
            throw JSONSchemaError(schemaPath: location, message: "\"\(source)\" is not a valid regular expression")
        }
        return pattern
    }
}
