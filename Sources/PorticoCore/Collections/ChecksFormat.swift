import Yams

/// The YAML of a request's `checks:`, `captures:` and `needs:` (docs/checks.md).
enum ChecksFormat {
    static func checks(_ node: Node) throws(FileProblem) -> [ResponseCheck] {
        var checks: [ResponseCheck] = []
        for (index, item) in try YAMLReader.sequence(node, "checks").enumerated() {
            let path = "checks[\(index + 1)]"
            if item.mapping != nil {
                let pairs = try YAMLReader.mapping(item, path, known: [])
                guard pairs.count == 1, pairs[0].key == "schema" else {
                    // `header "X" == "a: b"` unquoted reads as a YAML mapping.
                    throw FileProblem(line: YAMLReader.line(item), "\(path) reads as a YAML mapping, not a check line: put the line in single quotes when it holds ': ' (or write `schema:` alone)")
                }
                let schema = pairs[0].value
                if schema.scalar != nil {
                    checks.append(.schema(.file(try YAMLReader.string(schema, "\(path).schema"))))
                } else {
                    checks.append(.schema(.inline(try json(schema, "\(path).schema"))))
                }
                continue
            }
            let line = try YAMLReader.string(item, path)
            do throws(ResponseCheck.SyntaxError) {
                checks.append(try ResponseCheck.parse(line))
            } catch {
                throw FileProblem(line: YAMLReader.line(item), "\(path) `\(line)`: \(error)")
            }
        }
        return checks
    }

    static func captures(_ node: Node) throws(FileProblem) -> [ResponseCapture] {
        var captures: [ResponseCapture] = []
        for (name, value, line) in try YAMLReader.mapping(node, "captures", known: []) {
            let expression = try YAMLReader.string(value, "captures.\(name)")
            do throws(ResponseCheck.SyntaxError) {
                captures.append(try ResponseCapture.parse(name: name, expression: expression))
            } catch {
                throw FileProblem(line: line, "captures.\(name) `\(expression)`: \(error)")
            }
        }
        return captures
    }

    static func needs(_ node: Node) throws(FileProblem) -> [RequestDependency] {
        var needs: [RequestDependency] = []
        for (index, item) in try YAMLReader.sequence(node, "needs").enumerated() {
            let path = "needs[\(index + 1)]"
            if item.scalar != nil {
                needs.append(RequestDependency(request: try YAMLReader.string(item, path)))
                continue
            }
            let pairs = try YAMLReader.mapping(item, path, known: ["request", "ttl"])
            guard let request = YAMLReader.value(pairs, "request") else { throw FileProblem(line: YAMLReader.line(item), "\(path) has no 'request'") }
            var dependency = RequestDependency(request: try YAMLReader.string(request, "\(path).request"))
            if let ttl = YAMLReader.value(pairs, "ttl") {
                guard let seconds = DurationText.seconds(try YAMLReader.string(ttl, "\(path).ttl")) else {
                    throw FileProblem(line: YAMLReader.line(ttl), "\(path).ttl must be a duration: 30s, 10m, 1h (a bare number is seconds)")
                }
                dependency.reuseFor = seconds
            }
            needs.append(dependency)
        }
        return needs
    }

    static func checksNode(_ checks: [ResponseCheck]) -> Node {
        YAMLWriter.sequence(checks.map { check in
            switch check.subject {
            case .bodySchema(.file(let path)): YAMLWriter.mapping([("schema", YAMLWriter.text(path))])
            case .bodySchema(.inline(let schema)): YAMLWriter.mapping([("schema", node(schema))])
            default: YAMLWriter.text(check.source)
            }
        })
    }

    static func capturesNode(_ captures: [ResponseCapture]) -> Node {
        YAMLWriter.mapping(captures.map { ($0.name, YAMLWriter.text($0.expression)) })
    }

    static func needsNode(_ needs: [RequestDependency]) -> Node {
        YAMLWriter.sequence(needs.map { dependency in
            guard let seconds = dependency.reuseFor else { return YAMLWriter.text(dependency.request) }
            return YAMLWriter.mapping([("request", YAMLWriter.text(dependency.request)), ("ttl", YAMLWriter.plain(DurationText.text(seconds: seconds)))])
        })
    }

    /// An inline schema as JSON: YAML's plain scalars keep their YAML meaning (numbers, booleans, null).
    private static func json(_ node: Node, _ path: String) throws(FileProblem) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var members: [JSONValue.Member] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw FileProblem(line: YAMLReader.line(key), "\(path) has a key that is not text") }
                members.append(JSONValue.Member(name: name, value: try json(value, "\(path).\(name)")))
            }
            return .object(members)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for (index, item) in sequence.enumerated() { elements.append(try json(item, "\(path)[\(index + 1)]")) }
            return .array(elements)
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let bool = node.bool { return .bool(bool) }
            if node.int != nil || node.float != nil, let number = JSONNumber(literal: scalar.string) { return .number(number) }
            return .string(scalar.string)
        case .alias:
            throw FileProblem(line: YAMLReader.line(node), "\(path) uses a YAML alias; write the schema out")
        }
    }

    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: YAMLWriter.plain("null")
        case .bool(let flag): YAMLWriter.bool(flag)
        case .number(let number): YAMLWriter.plain(number.literal)
        case .string(let text): YAMLWriter.text(text)
        case .array(let elements): YAMLWriter.sequence(elements.map(node))
        case .object(let members): YAMLWriter.mapping(members.map { ($0.name, node($0.value)) })
        }
    }
}
