import Foundation

extension ResponseCheck {
    /// A check line that cannot be read, with the character offset of the problem.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public let offset: Int
        public let message: String

        public var description: String { "at character \(offset + 1): \(message)" }
    }

    static let subjects = ["status", "header", "jsonpath", "xpath", "body", "duration"]

    /// Reads one check line:
    /// `SUBJECT [count|length] [not] PREDICATE`, where SUBJECT is `status`, `header "NAME"`,
    /// `jsonpath "EXPR"`, `xpath "EXPR"`, `body` or `duration`, and PREDICATE is a comparison
    /// (`== != < <= > >=` and a JSON value), `contains`, `startsWith`, `endsWith` (a string),
    /// `matches` (a pattern), `exists`, `is TYPE` or `in [VALUES]`.
    public static func parse(_ line: String) throws(SyntaxError) -> ResponseCheck {
        var scanner = CheckLineScanner(line)
        do throws(CheckLineScanner.Problem) {
            return try read(&scanner, line: line)
        } catch {
            throw SyntaxError(offset: error.offset, message: error.message)
        }
    }

    private static func read(_ scanner: inout CheckLineScanner, line: String) throws(CheckLineScanner.Problem) -> ResponseCheck {
        let subjectStart = scanner.position()
        guard let word = scanner.word() else { throw scanner.problem("a check starts with one of: \(subjects.joined(separator: ", "))") }
        let subject: Subject
        switch word {
        case "status": subject = .status
        case "header": subject = .header(try scanner.quoted("the header name"))
        case "jsonpath":
            let start = scanner.position()
            let expression = try scanner.quoted("the JSONPath")
            do { _ = try JSONPath.parse(expression) } catch {
                throw scanner.problem("the JSONPath is not valid: \(error)", at: start)
            }
            subject = .jsonPath(expression)
        case "xpath":
            let start = scanner.position()
            let expression = try scanner.quoted("the XPath")
            do throws(XPathExpression.SyntaxError) { _ = try XPathExpression(expression) } catch {
                throw scanner.problem("the XPath is not valid: \(error)", at: start)
            }
            subject = .xPath(expression)
        case "body": subject = .body
        case "duration": subject = .duration
        case "schema": throw scanner.problem("a schema check is written as its own entry: `- schema: FILE` or `- schema: {inline schema}`", at: subjectStart)
        default: throw scanner.problem("unknown subject '\(word)'; a check starts with one of: \(subjects.joined(separator: ", "))", at: subjectStart)
        }

        var measure = Measure.value
        let measureStart = scanner.position()
        if scanner.take("count") { measure = .count } else if scanner.take("length") { measure = .length }
        switch (subject, measure) {
        case (.status, .count), (.status, .length), (.duration, .count), (.duration, .length), (.body, .count):
            throw scanner.problem("\(word) has no \(measure.rawValue)", at: measureStart)
        default: break
        }

        var negated = scanner.take("not")
        let predicateStart = scanner.position()
        let predicate: Predicate
        if let comparison = scanner.comparison() {
            predicate = try comparisonPredicate(comparison, subject: subject, measure: measure, &scanner)
            // `status != 2xx` is the class test, negated.
            if case .statusClass = predicate, comparison == .notEqual { negated.toggle() }
        } else if let keyword = scanner.word() {
            switch keyword {
            case "contains": predicate = .contains(try scanner.quoted("the text to look for"))
            case "startsWith": predicate = .startsWith(try scanner.quoted("the start"))
            case "endsWith": predicate = .endsWith(try scanner.quoted("the end"))
            case "matches":
                let start = scanner.position()
                let pattern = try scanner.pattern()
                guard RegularExpressionCheck.isValid(pattern) else {
                    throw scanner.problem("the pattern is not a valid regular expression (ICU syntax)", at: start)
                }
                predicate = .matches(pattern)
            case "exists": predicate = .exists
            case "is":
                let start = scanner.position()
                guard let name = scanner.word(), let type = ValueType(rawValue: name) else {
                    throw scanner.problem("`is` takes a type: \(ValueType.allCases.map(\.rawValue).joined(separator: ", "))", at: start)
                }
                predicate = .isType(type)
            case "in":
                let start = scanner.position()
                guard case .array(let values) = try scanner.value() else { throw scanner.problem("`in` takes a JSON array, e.g. [200, 201]", at: start) }
                predicate = .isOneOf(values)
            default:
                throw scanner.problem("unknown test '\(keyword)'; use ==, !=, <, <=, >, >=, contains, startsWith, endsWith, matches, exists, is or in", at: predicateStart)
            }
        } else {
            throw scanner.problem("expected a test: ==, !=, <, <=, >, >=, contains, startsWith, endsWith, matches, exists, is or in")
        }
        if case .exists = predicate, measure != .value { throw scanner.problem("`exists` tests the \(word) itself, not its \(measure.rawValue)", at: predicateStart) }
        if case .exists = predicate, subject == .status || subject == .body || subject == .duration {
            throw scanner.problem("every response has a \(word); `exists` goes with header, jsonpath and xpath", at: predicateStart)
        }
        try scanner.expectEnd()
        return ResponseCheck(subject: subject, measure: measure, isNegated: negated, predicate: predicate,
                             source: line.trimmingCharacters(in: .whitespaces))
    }

    private static func comparisonPredicate(_ comparison: Comparison, subject: Subject, measure: Measure, _ scanner: inout CheckLineScanner) throws(CheckLineScanner.Problem) -> Predicate {
        let start = scanner.position()
        if subject == .status, comparison == .equal || comparison == .notEqual {
            let text = try scanner.rawValueText()
            if text.count == 3, let digit = text.first?.wholeNumberValue, (1...5).contains(digit), text.dropFirst().lowercased() == "xx" {
                return .statusClass(digit)
            }
            var reread = CheckLineScanner(text)
            guard let value = try? reread.value(), case .number = value else { throw scanner.problem("a status is a number (200) or a class (2xx)", at: start) }
            return .compare(comparison, value)
        }
        if subject == .duration {
            let text = try scanner.rawValueText()
            guard let milliseconds = DurationText.milliseconds(text) else {
                throw scanner.problem("a duration is a number of milliseconds or has a unit: 250ms, 1.5s, 2m", at: start)
            }
            return .compare(comparison, .number(JSONNumber(literal: DurationText.literal(milliseconds))!))
        }
        let value = try scanner.value()
        if comparison != .equal, comparison != .notEqual, case .number = value {} else if comparison != .equal, comparison != .notEqual {
            throw scanner.problem("\(comparison.rawValue) compares numbers", at: start)
        }
        if measure != .value, case .number = value {} else if measure != .value {
            throw scanner.problem("a \(measure.rawValue) is a number", at: start)
        }
        return .compare(comparison, value)
    }
}
