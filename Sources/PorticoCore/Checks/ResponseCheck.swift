/// One check on a response, as a request file writes it: a line such as `status == 200`,
/// `header "Content-Type" contains "json"` or `jsonpath "$.users" count >= 1`, or a JSON Schema the
/// body must satisfy (docs/checks.md).
public struct ResponseCheck: Hashable, Sendable, CustomStringConvertible {
    /// What part of the response is looked at.
    public enum Subject: Hashable, Sendable {
        case status
        case header(String)
        case jsonPath(String)
        case xPath(String)
        case body
        /// The whole exchange's time, in milliseconds.
        case duration
        case bodySchema(SchemaSource)
    }

    /// Where a JSON Schema comes from: a file (relative to the request file) or the request file itself.
    public enum SchemaSource: Hashable, Sendable {
        case file(String)
        case inline(JSONValue)
    }

    /// Whether the subject's value is tested, or a number derived from it.
    public enum Measure: String, Hashable, Sendable {
        case value
        /// How many nodes a JSONPath or XPath selects, or how many fields a header has.
        case count
        /// Characters of a text, elements of an array, members of an object.
        case length
    }

    public enum Comparison: String, Hashable, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"
    }

    /// The JSON types `is` names; `integer` is a number without a fraction.
    public enum ValueType: String, Hashable, Sendable, CaseIterable {
        case string, number, integer, boolean, null, object, array
    }

    public enum Predicate: Hashable, Sendable {
        case compare(Comparison, JSONValue)
        /// `status == 2xx`: the status is in the class of its first digit.
        case statusClass(Int)
        case contains(String)
        case startsWith(String)
        case endsWith(String)
        /// A regular expression, found anywhere in the text.
        case matches(String)
        case exists
        case isType(ValueType)
        case isOneOf([JSONValue])
        /// The body satisfies the subject's JSON Schema.
        case satisfiesSchema
    }

    public var subject: Subject
    public var measure: Measure
    public var isNegated: Bool
    public var predicate: Predicate
    /// The line as written, kept so that saving a request leaves its checks exactly as they were.
    public var source: String

    public init(subject: Subject, measure: Measure = .value, isNegated: Bool = false, predicate: Predicate, source: String) {
        self.subject = subject
        self.measure = measure
        self.isNegated = isNegated
        self.predicate = predicate
        self.source = source
    }

    /// A check that the body satisfies a schema.
    public static func schema(_ source: SchemaSource) -> ResponseCheck {
        let text: String
        switch source {
        case .file(let path): text = "schema \(JSONValue.string(path).serialized())"
        case .inline: text = "schema (inline)"
        }
        return ResponseCheck(subject: .bodySchema(source), predicate: .satisfiesSchema, source: text)
    }

    public var description: String { source }
}
