import Foundation

/// The nesting of a pretty-printed document, read from its index alone (depths and closer flags),
/// for folding and for naming where a line sits.
extension BodyDocument {
    /// The line that closes what line `number` opens, when it opens something non-empty that is
    /// indexed to its end: the first line after it at its own depth or shallower is its closer.
    public func closingLine(of number: Int) -> Int? {
        withIndex { index, _ in
            guard (0..<index.count).contains(number), !index.flags(of: number).contains(.closer) else { return nil }
            let depth = index.depth(of: number)
            var line = number + 1
            while line < index.count, index.depth(of: line) > depth { line += 1 }
            guard line < index.count, line > number + 1, index.depth(of: line) == depth, index.flags(of: line).contains(.closer) else { return nil }
            return line
        }
    }

    /// Where the value on line `number` sits in a JSON document, as steps from the root: a closing
    /// line names what it closes. Nil for other layouts, or while the lines it needs are not known.
    public func jsonLocation(ofLine number: Int) -> [JSONPath.PathElement]? {
        guard case .json = layout else { return nil }
        // Each step up needs the line's key, or its place among its siblings.
        let steps: [(line: Int, parent: Int?, position: Int)]? = withIndex { index, _ in
            guard (0..<index.count).contains(number) else { return nil }
            var line = number
            if index.flags(of: line).contains(.closer) {
                let depth = index.depth(of: line)
                repeat { line -= 1 } while line > 0 && index.depth(of: line) > depth
            }
            var steps: [(Int, Int?, Int)] = []
            while index.depth(of: line) > 0 {
                let depth = index.depth(of: line)
                var parent = line - 1
                var position = 0
                while parent >= 0, index.depth(of: parent) >= depth {
                    if index.depth(of: parent) == depth, !index.flags(of: parent).contains(.closer) { position += 1 }
                    parent -= 1
                }
                guard parent >= 0 else { return nil }
                steps.append((line, parent, position))
                line = parent
            }
            return steps
        }
        guard let steps else { return nil }
        var elements: [JSONPath.PathElement] = []
        for step in steps.reversed() {
            let pieces = self.line(step.line).filter { !$0.text.allSatisfy(\.isWhitespace) }
            if let key = pieces.first, key.kind == .key {
                guard case .string(let name)? = try? JSONValue.parse(Data(key.text.utf8)) else { return nil }
                elements.append(.name(name))
            } else {
                elements.append(.index(step.position))
            }
        }
        return elements
    }

    /// The RFC 9535 Normalized Path of line `number`'s value, e.g. `$['users'][3]['email']`.
    public func jsonPath(ofLine number: Int) -> String? {
        jsonLocation(ofLine: number).map(JSONPath.normalizedPath)
    }
}
