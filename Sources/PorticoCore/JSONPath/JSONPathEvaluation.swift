import Foundation

/// Runs one checked query against one document (RFC 9535 §2.3–2.6).
///
/// Traversal keeps its own work lists, so the document's depth never turns into call depth;
/// only filters nested inside filters recurse, and the parser bounds that nesting.
final class QueryEvaluator {
    /// A value reached during selection and the id of its location (`NodeLocations.root` for the
    /// root, and for everything inside filters, where locations are never needed).
    private struct Reached {
        let value: JSONValue
        let location: Int
    }

    /// What an expression evaluates to in RFC 9535's type system; `value(nil)` is Nothing.
    private enum Outcome {
        case value(JSONValue?)
        case logical(Bool)
        case nodes([JSONValue])
    }

    private let root: JSONValue
    private var parents: [Int] = []
    private var steps: [JSONPath.PathElement] = []
    /// Compiled patterns, keyed by the I-Regexp text; nil marks a pattern that is not valid.
    private var fullMatchPatterns: [String: NSRegularExpression?] = [:]
    private var searchPatterns: [String: NSRegularExpression?] = [:]
    /// Results of queries from the root `$` inside filters, which do not depend on `@`.
    private var absoluteResults: [JSONPath.Query: [JSONValue]] = [:]

    init(root: JSONValue) {
        self.root = root
    }

    func selectNodes(_ query: JSONPath.Query) -> [JSONPath.Node] {
        let reached = apply(query.segments, to: Reached(value: root, location: NodeLocations.root), recording: true)
        let locations = NodeLocations(parents: parents, elements: steps)
        return reached.map { JSONPath.Node(value: $0.value, locations: locations, locationID: $0.location) }
    }

    // MARK: Segments and selectors

    private func apply(_ segments: [JSONPath.Segment], to start: Reached, recording: Bool) -> [Reached] {
        var current = [start]
        for segment in segments {
            var next: [Reached] = []
            for node in current {
                guard segment.isDescendant else {
                    select(segment.selectors, from: node, into: &next, recording: recording)
                    continue
                }
                // Pre-order walk: the node, then each child's subtree in document order.
                var pending = [node]
                while let visited = pending.popLast() {
                    select(segment.selectors, from: visited, into: &next, recording: recording)
                    switch visited.value {
                    case .array(let elements):
                        for index in elements.indices.reversed() {
                            pending.append(child(of: visited, .index(index), elements[index], recording: recording))
                        }
                    case .object(let members):
                        for member in members.reversed() {
                            pending.append(child(of: visited, .name(member.name), member.value, recording: recording))
                        }
                    default:
                        break
                    }
                }
            }
            current = next
        }
        return current
    }

    private func child(of parent: Reached, _ step: JSONPath.PathElement, _ value: JSONValue, recording: Bool) -> Reached {
        guard recording else { return Reached(value: value, location: NodeLocations.root) }
        parents.append(parent.location)
        steps.append(step)
        return Reached(value: value, location: parents.count - 1)
    }

    private func select(_ selectors: [JSONPath.Selector], from node: Reached, into output: inout [Reached], recording: Bool) {
        for selector in selectors {
            switch (selector, node.value) {
            case (.name(let name), .object(let members)):
                // With duplicate names the last member wins, as in `JSONValue`'s subscript.
                if let member = members.last(where: { $0.name.hasSameScalars(as: name) }) {
                    output.append(child(of: node, .name(member.name), member.value, recording: recording))
                }
            case (.wildcard, .array(let elements)):
                for (index, element) in elements.enumerated() {
                    output.append(child(of: node, .index(index), element, recording: recording))
                }
            case (.wildcard, .object(let members)):
                for member in members {
                    output.append(child(of: node, .name(member.name), member.value, recording: recording))
                }
            case (.index(let index), .array(let elements)):
                let resolved = index < 0 ? elements.count + index : index
                if elements.indices.contains(resolved) {
                    output.append(child(of: node, .index(resolved), elements[resolved], recording: recording))
                }
            case (.slice(let start, let end, let step), .array(let elements)):
                for index in QueryEvaluator.sliceIndices(start: start, end: end, step: step, count: elements.count) {
                    output.append(child(of: node, .index(index), elements[index], recording: recording))
                }
            case (.filter(let condition), .array(let elements)):
                for (index, element) in elements.enumerated() where test(condition, current: element) {
                    output.append(child(of: node, .index(index), element, recording: recording))
                }
            case (.filter(let condition), .object(let members)):
                for member in members where test(condition, current: member.value) {
                    output.append(child(of: node, .name(member.name), member.value, recording: recording))
                }
            default:
                break
            }
        }
    }

    /// The indexes a slice selects, per RFC 9535 §2.3.4.2.2; step 0 selects nothing.
    static func sliceIndices(start: Int?, end: Int?, step: Int?, count: Int) -> StrideTo<Int> {
        let step = step ?? 1
        func normalized(_ index: Int) -> Int { index >= 0 ? index : count + index }
        if step > 0 {
            let lower = min(max(normalized(start ?? 0), 0), count)
            let upper = min(max(normalized(end ?? count), 0), count)
            return stride(from: lower, to: upper, by: step)
        }
        if step < 0 {
            let upper = min(max(normalized(start ?? count - 1), -1), count - 1)
            let lower = min(max(normalized(end ?? -count - 1), -1), count - 1)
            return stride(from: upper, to: lower, by: step)
        }
        return stride(from: 0, to: 0, by: 1)
    }

    // MARK: Filter expressions

    private func nodes(_ query: JSONPath.Query, current: JSONValue) -> [JSONValue] {
        // A query from the root gives the same nodes for every element a filter tests: run it once
        // (`$.items[?count($..zip) > 1]` was quadratic in the document).
        if !query.isRelative, let known = absoluteResults[query] { return known }
        let start = Reached(value: query.isRelative ? current : root, location: NodeLocations.root)
        let found = apply(query.segments, to: start, recording: false).map(\.value)
        if !query.isRelative { absoluteResults[query] = found }
        return found
    }

    private func test(_ expression: JSONPath.LogicalExpression, current: JSONValue) -> Bool {
        switch expression {
        case .or(let alternatives):
            return alternatives.contains { test($0, current: current) }
        case .and(let conditions):
            return conditions.allSatisfy { test($0, current: current) }
        case .not(let inner):
            return !test(inner, current: current)
        case .exists(let query):
            return !nodes(query, current: current).isEmpty
        case .functionTest(let call):
            switch evaluate(call, current: current) {
            case .logical(let flag): return flag
            case .nodes(let selected): return !selected.isEmpty
            case .value: return false
            }
        case .comparison(let left, let comparison, let right):
            return compare(value(of: left, current: current), comparison, value(of: right, current: current))
        }
    }

    private func value(of comparable: JSONPath.Comparable, current: JSONValue) -> JSONValue? {
        switch comparable {
        case .literal(let literal):
            return literal
        case .singularQuery(let query):
            return nodes(query, current: current).first
        case .function(let call):
            guard case .value(let result) = evaluate(call, current: current) else { return nil }
            return result
        }
    }

    /// RFC 9535 §2.3.5.2.2; nil is Nothing, which equals only Nothing and orders with nothing.
    private func compare(_ left: JSONValue?, _ comparison: JSONPath.ComparisonOperator, _ right: JSONValue?) -> Bool {
        switch comparison {
        case .equal: return QueryEvaluator.equal(left, right)
        case .notEqual: return !QueryEvaluator.equal(left, right)
        case .less: return QueryEvaluator.less(left, right)
        case .lessOrEqual: return QueryEvaluator.less(left, right) || QueryEvaluator.equal(left, right)
        case .greater: return QueryEvaluator.less(right, left)
        case .greaterOrEqual: return QueryEvaluator.less(right, left) || QueryEvaluator.equal(left, right)
        }
    }

    private static func equal(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (nil, nil): true
        case (let left?, let right?): left == right
        default: false
        }
    }

    private static func less(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (.number(let left)?, .number(let right)?): left < right
        case (.string(let left)?, .string(let right)?): left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
        default: false
        }
    }

    // MARK: Function extensions

    private func evaluate(_ argument: JSONPath.FunctionArgument, current: JSONValue) -> Outcome {
        switch argument {
        case .value(let comparable): .value(value(of: comparable, current: current))
        case .logical(let expression): .logical(test(expression, current: current))
        case .nodes(let query): .nodes(nodes(query, current: current))
        }
    }

    /// RFC 9535 §2.4.4–2.4.8. Arguments arrive already converted to the declared parameter types.
    private func evaluate(_ call: JSONPath.FunctionCall, current: JSONValue) -> Outcome {
        let arguments = call.arguments.map { evaluate($0, current: current) }
        switch call.function {
        case .length:
            switch arguments.first {
            case .value(.string(let text)?): return .value(.number(JSONNumber(text.unicodeScalars.count)))
            case .value(.array(let elements)?): return .value(.number(JSONNumber(elements.count)))
            case .value(.object(let members)?): return .value(.number(JSONNumber(members.count)))
            default: return .value(nil)
            }
        case .count:
            guard case .nodes(let selected) = arguments.first else { return .value(nil) }
            return .value(.number(JSONNumber(selected.count)))
        case .value:
            guard case .nodes(let selected) = arguments.first, selected.count == 1 else { return .value(nil) }
            return .value(selected[0])
        case .match, .search:
            guard arguments.count == 2, case .value(.string(let text)?) = arguments[0], case .value(.string(let pattern)?) = arguments[1],
                  let expression = regularExpression(pattern, wholeString: call.function == .match)
            else { return .logical(false) }
            let range = NSRange(location: 0, length: text.utf16.count)
            return .logical(expression.firstMatch(in: text, range: range) != nil)
        }
    }

    /// The compiled form of an I-Regexp, anchored at both ends for `match()`; nil when invalid.
    private func regularExpression(_ pattern: String, wholeString: Bool) -> NSRegularExpression? {
        if let cached = (wholeString ? fullMatchPatterns : searchPatterns)[pattern] { return cached }
        let compiled = IRegexp.icuPattern(for: pattern).flatMap { translated in
            CompiledExpressions.expression(wholeString ? "\\A(?:\(translated))\\z" : translated)
        }
        if wholeString {
            fullMatchPatterns[pattern] = .some(compiled)
        } else {
            searchPatterns[pattern] = .some(compiled)
        }
        return compiled
    }
}
