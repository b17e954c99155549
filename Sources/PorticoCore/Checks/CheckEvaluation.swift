import Foundation

extension ResponseCheck {
    /// Checks `response`. A value that cannot be read (a body that is not JSON for a JSONPath)
    /// fails the check whether or not it is negated.
    public func evaluate(_ response: CheckedResponse) -> CheckResult {
        if case .bodySchema(let source) = subject { return SchemaCheck.evaluate(self, source: source, response: response) }
        let observed = Observation.of(subject, measure: measure, in: response)
        var actual = observed.description
        if subject == .duration, measure == .value { actual = DurationText.describe(.milliseconds(response.durationMilliseconds)) }
        switch observed {
        case .unreadable(let reason):
            return CheckResult(check: self, passed: false, actual: actual, failure: reason)
        case .missing, .found:
            var outcome = Self.test(predicate, on: observed, isStatus: subject == .status)
            if isNegated { outcome.passed.toggle() }
            let failure = isNegated ? "expected not to hold" : outcome.failure ?? "does not hold"
            return CheckResult(check: self, passed: outcome.passed, actual: actual, failure: "got \(actual): \(failure)")
        }
    }

    private static func test(_ predicate: Predicate, on observed: Observation, isStatus: Bool) -> (passed: Bool, failure: String?) {
        if case .exists = predicate {
            if case .found = observed { return (true, nil) }
            return (false, "expected it to exist")
        }
        guard case .found(let value) = observed else { return (false, "nothing to test") }
        switch predicate {
        case .exists, .satisfiesSchema:
            return (true, nil)
        case .compare(let comparison, let expected):
            return compare(value, comparison, expected)
        case .statusClass(let digit):
            guard case .number(let number) = value else { return (false, "not a status") }
            let holds = Int(number.doubleValue) / 100 == digit
            return (holds, "expected \(digit)xx")
        case .contains(let needle):
            switch value {
            case .string(let text): return (text.contains(needle), "expected it to contain \(JSONValue.string(needle).serialized())")
            case .array(let elements): return (elements.contains(.string(needle)), "expected an element \(JSONValue.string(needle).serialized())")
            default: return (false, "contains tests text or an array")
            }
        case .startsWith(let start):
            guard case .string(let text) = value else { return (false, "startsWith tests text") }
            return (text.hasPrefix(start), "expected it to start with \(JSONValue.string(start).serialized())")
        case .endsWith(let end):
            guard case .string(let text) = value else { return (false, "endsWith tests text") }
            return (text.hasSuffix(end), "expected it to end with \(JSONValue.string(end).serialized())")
        case .matches(let pattern):
            guard case .string(let text) = value else { return (false, "matches tests text") }
            return (RegularExpressionCheck.firstMatch(pattern, in: text) != nil, "expected a match for /\(pattern)/")
        case .isType(let type):
            return (Self.type(of: value, is: type), "expected \(article(type.rawValue)) \(type.rawValue)")
        case .isOneOf(let candidates):
            let holds = candidates.contains { compare(value, .equal, $0).passed }
            return (holds, "expected one of \(JSONValue.array(candidates).serialized())")
        }
    }

    /// Equality as JSON has it, except that text which reads as a number (a header, an XPath
    /// value) compares as that number; ordering compares numbers only.
    private static func compare(_ value: JSONValue, _ comparison: Comparison, _ expected: JSONValue) -> (passed: Bool, failure: String?) {
        var value = value
        if case .string(let text) = value, case .number = expected, let number = JSONNumber(literal: text.trimmingCharacters(in: .whitespaces)) {
            value = .number(number)
        }
        let expectation = "expected \(comparison.rawValue) \(expected.serialized())"
        switch comparison {
        case .equal: return (value == expected, expectation)
        case .notEqual: return (value != expected, expectation)
        default:
            guard case .number(let actual) = value, case .number(let limit) = expected else { return (false, "\(comparison.rawValue) compares numbers") }
            let holds = switch comparison {
            case .less: actual < limit
            case .lessOrEqual: actual <= limit
            case .greater: actual > limit
            default: actual >= limit
            }
            return (holds, expectation)
        }
    }

    private static func type(of value: JSONValue, is type: ValueType) -> Bool {
        switch (value, type) {
        case (.string, .string), (.number, .number), (.bool, .boolean), (.null, .null), (.object, .object), (.array, .array): true
        case (.number(let number), .integer): number.doubleValue.isFinite && number.doubleValue == number.doubleValue.rounded()
        default: false
        }
    }

    private static func article(_ word: String) -> String {
        ["a", "e", "i", "o", "u"].contains(word.first.map(String.init) ?? "") ? "an" : "a"
    }
}

/// What a check's subject turned out to be in a response.
enum Observation: CustomStringConvertible {
    case found(JSONValue)
    /// Absent: no such header, nothing selected.
    case missing
    /// Could not be read at all: a body that is not JSON for a JSONPath.
    case unreadable(String)

    static func of(_ subject: ResponseCheck.Subject, measure: ResponseCheck.Measure, in response: CheckedResponse) -> Observation {
        let observation: Observation
        switch subject {
        case .status:
            observation = .found(.number(JSONNumber(response.status)))
        case .duration:
            observation = .found(.number(JSONNumber(literal: DurationText.literal(response.durationMilliseconds.rounded()))!))
        case .body:
            observation = .found(.string(response.text))
        case .header(let name):
            let values = response.headerValues(name)
            if measure == .count { return .found(.number(JSONNumber(values.count))) }
            observation = values.isEmpty ? .missing : .found(.string(values.joined(separator: ", ")))
        case .jsonPath(let expression):
            let document: JSONValue
            do { document = try response.json() } catch { return .unreadable("the body is not JSON (\(error))") }
            guard let path = try? JSONPath.parse(expression) else { return .unreadable("the JSONPath is not valid") }
            let nodes = path.select(in: document)
            if measure == .count { return .found(.number(JSONNumber(nodes.count))) }
            observation = Self.selection(nodes.map(\.value))
        case .xPath(let expression):
            let value: XPathValue
            do throws(CheckedResponse.XMLProblem) { value = try response.xPath(expression) } catch { return .unreadable(error.message) }
            switch value {
            case .nodes(let values):
                if measure == .count { return .found(.number(JSONNumber(values.count))) }
                observation = Self.selection(values.map(JSONValue.string))
            case .number(let number):
                guard measure != .count else { return .unreadable("count needs an XPath that selects nodes") }
                observation = .found(JSONNumber(literal: DurationText.literal(number)).map(JSONValue.number) ?? .null)
            case .string(let text):
                guard measure != .count else { return .unreadable("count needs an XPath that selects nodes") }
                observation = .found(.string(text))
            case .boolean(let flag):
                guard measure != .count else { return .unreadable("count needs an XPath that selects nodes") }
                observation = .found(.bool(flag))
            }
        case .bodySchema:
            observation = .missing
        }
        guard measure == .length, case .found(let value) = observation else { return observation }
        switch value {
        case .string(let text): return .found(.number(JSONNumber(text.count)))
        case .array(let elements): return .found(.number(JSONNumber(elements.count)))
        case .object(let members): return .found(.number(JSONNumber(members.count)))
        default: return .unreadable("\(value.serialized()) has no length")
        }
    }

    /// One value selected stands for itself; several, for the array of them.
    private static func selection(_ values: [JSONValue]) -> Observation {
        switch values.count {
        case 0: .missing
        case 1: .found(values[0])
        default: .found(.array(values))
        }
    }

    var description: String {
        switch self {
        case .found(let value):
            let text = value.serialized()
            return text.count > 120 ? String(text.prefix(117)) + "…" : text
        case .missing: return "nothing"
        case .unreadable: return "unreadable"
        }
    }
}
