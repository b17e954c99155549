import Foundation

/// The nesting of a pretty-printed document, read from its index alone (depths and closer flags),
/// for folding and for naming where a line sits.
extension BodyDocument {
    /// The line that closes what line `number` opens, when it opens something non-empty that is
    /// indexed to its end: the first line after it at its own depth or shallower is its closer.
    public func closingLine(of number: Int) -> Int? {
        withIndex { index, _ in
            guard (0..<index.count).contains(number), index.flags(of: number).isDisjoint(with: [.closer, .continuation]) else { return nil }
            let depth = index.depth(of: number)
            var line = number + 1
            // A continuation line (the rest of a long comment) keeps no depth: it belongs to the
            // line before it.
            while line < index.count, index.depth(of: line) > depth || index.flags(of: line).contains(.continuation) { line += 1 }
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

extension BodyDocument {
    /// The line that opens what line `number` sits in: for a closing line, the line it closes.
    public func enclosingOpener(of number: Int) -> Int? {
        withIndex { index, _ in
            guard (0..<index.count).contains(number) else { return nil }
            var number = number
            while number > 0, index.flags(of: number).contains(.continuation) { number -= 1 }
            let depth = index.depth(of: number)
            let isCloser = index.flags(of: number).contains(.closer)
            var line = number - 1
            while line >= 0 {
                if index.flags(of: line).contains(.continuation) {
                    line -= 1
                    continue
                }
                let lineDepth = index.depth(of: line)
                if isCloser ? lineDepth <= depth : lineDepth < depth { return line }
                line -= 1
            }
            return nil
        }
    }

    /// Every line at `depth` that opens something non-empty, with its closing line: one pass over
    /// the index, for folding every record of a large array at once.
    public func openers(atDepth depth: Int) -> [(opener: Int, closer: Int)] {
        withIndex { index, _ in
            var pairs: [(Int, Int)] = []
            var open: Int?
            for line in 0..<index.count where index.depth(of: line) == depth && !index.flags(of: line).contains(.continuation) {
                if index.flags(of: line).contains(.closer) {
                    if let opener = open, line > opener + 1 { pairs.append((opener, line)) }
                    open = nil
                } else {
                    open = line
                }
            }
            return pairs
        }
    }

    /// The JSON text of the value on line `number` (a closing line's is what it closes), up to
    /// `limit` bytes; a string is given as its text, without quotes or escapes.
    public func jsonValue(ofLine number: Int, limit: Int) -> Result<String, ValueTooLarge>? {
        guard case .json = layout, let line = withIndex({ index, _ in (0..<index.count).contains(number) ? number : nil }) else { return nil }
        let opener = shape(ofLine: line).flags.contains(.closer) ? (enclosingOpener(of: line) ?? line) : line
        let last = closingLine(of: opener) ?? opener
        let lineBytes = byteRange(ofLine: opener)
        // The value starts after the key and its colon.
        let start = bytes.withBytes(in: lineBytes.lowerBound..<min(lineBytes.upperBound, lineBytes.lowerBound + Self.shownLineLimit)) { buffer -> Int in
            var position = 0
            func skipSpace() { while position < buffer.count, [0x20, 0x0A, 0x0D, 0x09].contains(buffer[position]) { position += 1 } }
            skipSpace()
            guard position < buffer.count, buffer[position] == 0x22 else { return position }
            var scan = position + 1
            while scan < buffer.count, buffer[scan] != 0x22 { scan += buffer[scan] == 0x5C ? 2 : 1 }
            scan += 1
            var after = scan
            while after < buffer.count, [0x20, 0x0A, 0x0D, 0x09].contains(buffer[after]) { after += 1 }
            if after < buffer.count, buffer[after] == 0x3A {
                position = after + 1
                skipSpace()
            }
            return position
        } + lineBytes.lowerBound
        var end = byteRange(ofLine: last).upperBound
        // Up to the end of the value: not the comma or the space after it.
        let tail = bytes.read(max(start, end - 64)..<end)
        var trimmed = tail.count
        while trimmed > 0, [0x20, 0x0A, 0x0D, 0x09, 0x2C].contains(tail[tail.startIndex + trimmed - 1]) { trimmed -= 1 }
        end -= tail.count - trimmed
        guard end - start <= limit else { return .failure(ValueTooLarge(size: end - start)) }
        let text = String(decoding: bytes.read(start..<end), as: UTF8.self)
        if text.hasPrefix("\""), case .string(let value)? = try? JSONValue.parse(Data(text.utf8)) { return .success(value) }
        return .success(text)
    }

    /// A value too large to copy, with its size.
    public struct ValueTooLarge: Error, Sendable {
        public var size: Int
    }
}
