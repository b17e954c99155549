import Foundation
import OpenAPIKit

/// Example values for a schema, so an imported request has a body worth sending: the schema's own
/// example or default when it has one, otherwise a value built from its type, in its property order.
struct OpenAPIExampleBody {
    let components: OpenAPI.Components
    /// References that point outside the document, which OpenAPIKit cannot follow here.
    private(set) var unresolved: [String] = []

    /// Deeper than this, a value is cut off (recursive schemas, or ones nested absurdly deep).
    static let maximumDepth = 8

    init(components: OpenAPI.Components) {
        self.components = components
    }

    mutating func value(for schema: OpenAPIKit.JSONSchema) -> JSONValue {
        value(for: schema, depth: 0, visiting: [])
    }

    private mutating func value(for schema: OpenAPIKit.JSONSchema, depth: Int, visiting: Set<String>) -> JSONValue {
        if let example = schema.examples.first { return Self.json(example) }
        if let fallback = schema.defaultValue { return Self.json(fallback) }
        if let first = schema.allowedValues?.first { return Self.json(first) }
        guard depth < Self.maximumDepth else { return Self.placeholder(for: schema) }
        switch schema.value {
        case .reference(let reference, _):
            let name = reference.absoluteString
            guard let target = components[schema] else {
                if !unresolved.contains(name) { unresolved.append(name) }
                return .null
            }
            // A schema that contains itself is written once; the inner occurrence is a placeholder.
            guard !visiting.contains(name) else { return Self.placeholder(for: target) }
            return value(for: target, depth: depth + 1, visiting: visiting.union([name]))
        case .object(_, let object):
            var members: [JSONValue.Member] = []
            for (name, property) in object.properties where !property.readOnly {
                members.append(JSONValue.Member(name: name, value: value(for: property, depth: depth + 1, visiting: visiting)))
            }
            return .object(members)
        case .array(_, let array):
            guard let items = array.items else { return .array([]) }
            if let reference = items.reference?.absoluteString, visiting.contains(reference) { return .array([]) }
            return .array([value(for: items, depth: depth + 1, visiting: visiting)])
        case .string(let core, let string):
            return .string(Self.text(format: core.formatString, minimumLength: string.minLength))
        case .integer(_, let integer):
            return .number(JSONNumber(Self.integer(integer)))
        case .number(_, let number):
            return .number(Self.number(number))
        case .boolean:
            return .bool(true)
        case .null:
            return .null
        case .all(of: let parts, _):
            return merged(parts.map { value(for: $0, depth: depth + 1, visiting: visiting) })
        case .one(of: let choices, _), .any(of: let choices, _):
            guard let first = choices.first else { return .null }
            return value(for: first, depth: depth + 1, visiting: visiting)
        case .not, .fragment:
            return .null
        }
    }

    /// `allOf`: the members of every object part, in order (a later part's member replaces an
    /// earlier one of the same name); a part that is not an object wins only if no part is one.
    private func merged(_ parts: [JSONValue]) -> JSONValue {
        var members: [JSONValue.Member] = []
        var other: JSONValue?
        for part in parts {
            guard case .object(let partMembers) = part else {
                if other == nil, !part.isNull { other = part }
                continue
            }
            for member in partMembers {
                if let index = members.firstIndex(where: { $0.name == member.name }) {
                    members[index] = member
                } else {
                    members.append(member)
                }
            }
        }
        if members.isEmpty, let other { return other }
        return .object(members)
    }

    private static func placeholder(for schema: OpenAPIKit.JSONSchema) -> JSONValue {
        switch schema.value {
        case .object: .object([])
        case .array: .array([])
        default: .null
        }
    }

    /// A plausible string for a format, fixed so that imports are repeatable.
    static func text(format: String?, minimumLength: Int = 0) -> String {
        let text = switch format {
        case "date-time": "2026-01-01T12:00:00Z"
        case "date": "2026-01-01"
        case "time": "12:00:00"
        case "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6"
        case "email": "user@example.com"
        case "uri", "url", "iri": "https://example.com"
        case "hostname": "example.com"
        case "ipv4": "192.0.2.1"
        case "ipv6": "2001:db8::1"
        case "byte": "ZXhhbXBsZQ=="
        case "password": "secret"
        case "binary": ""
        default: "string"
        }
        return text.count >= minimumLength ? text : text + String(repeating: "x", count: minimumLength - text.count)
    }

    private static func integer(_ context: OpenAPIKit.JSONSchema.IntegerContext) -> Int {
        if let minimum = context.minimum { return minimum.exclusive ? minimum.value + 1 : minimum.value }
        if let maximum = context.maximum, maximum.value < 0 { return maximum.exclusive ? maximum.value - 1 : maximum.value }
        return 0
    }

    private static func number(_ context: OpenAPIKit.JSONSchema.NumericContext) -> JSONNumber {
        var value = 0.0
        if let minimum = context.minimum {
            value = minimum.exclusive ? minimum.value + 1 : minimum.value
        } else if let maximum = context.maximum, maximum.value < 0 {
            value = maximum.exclusive ? maximum.value - 1 : maximum.value
        }
        return number(value)
    }

    private static func number(_ value: Double) -> JSONNumber {
        if value == value.rounded(), abs(value) < 1e15 { return JSONNumber(Int(value)) }
        return JSONNumber(literal: "\(value)") ?? JSONNumber(0)
    }

    /// An example decoded by OpenAPIKit as JSON. Its objects come as Swift dictionaries, which
    /// have no order, so their members are sorted by name to keep an import repeatable.
    static func json(_ example: AnyCodable) -> JSONValue {
        json(any: example.value)
    }

    private static func json(any value: Any) -> JSONValue {
        switch value {
        case let codable as AnyCodable: return json(any: codable.value)
        case let flag as Bool: return .bool(flag)
        case let integer as Int: return .number(JSONNumber(integer))
        case let integer as Int64: return .number(JSONNumber(Int(integer)))
        case let double as Double: return .number(number(double))
        case let text as String: return .string(text)
        case let date as Date: return .string(ISO8601DateFormatter().string(from: date))
        case let url as URL: return .string(url.absoluteString)
        case let array as [Any]: return .array(array.map { json(any: $0) })
        case let dictionary as [String: Any]:
            return .object(dictionary.keys.sorted().map { JSONValue.Member(name: $0, value: json(any: dictionary[$0]!)) })
        default: return .null
        }
    }
}

private extension JSONValue {
    var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
