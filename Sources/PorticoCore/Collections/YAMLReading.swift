import Yams

/// A problem in a file, with the line it is on (1-based; 0 when the whole file is at fault).
public struct FileProblem: Error, Hashable, Sendable {
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }
}

/// Reads Portico's YAML files from Yams nodes, strictly: unknown keys, wrong types and missing fields
/// are errors that name the key path and the line, so a typo never silently drops a header.
public struct YAMLReader {
    public static func parse(_ text: String) throws(FileProblem) -> Node? {
        do {
            // No tag resolution (its regular expressions were a third of loading a collection) and
            // no encoding lookup per file: the reader below decides what a scalar is.
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            var problem = Self.problem(from: error)
            if case .duplicatedKeysInMapping(let duplicates, _) = error, let key = duplicates.first {
                problem.line = Self.lineOfRepeat(key, in: text, after: problem.line) ?? problem.line
            }
            throw problem
        } catch {
            throw FileProblem(line: 0, "\(error)")
        }
    }

    private static func problem(from error: YamlError) -> FileProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return FileProblem(line: mark.line, "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return FileProblem(line: context.mark.line, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return FileProblem(line: 0, "unreadable text: \(problem)")
        default:
            return FileProblem(line: 0, "invalid YAML: \(error)")
        }
    }

    public static func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

    /// Yams reports a duplicate key at its mapping; the line worth showing is the repeat.
    private static func lineOfRepeat(_ key: String, in text: String, after line: Int) -> Int? {
        let lines = text.components(separatedBy: "\n")
        var seen = 0
        for (index, content) in lines.enumerated() where index + 1 >= line {
            let trimmed = content.drop { $0 == " " || $0 == "-" }
            if trimmed.hasPrefix("\(key):") || trimmed.hasPrefix("\"\(key)\":") || trimmed.hasPrefix("'\(key)':") {
                seen += 1
                if seen == 2 { return index + 1 }
            }
        }
        return nil
    }

    /// The pairs of a mapping, checking every key is one of `known`.
    public static func mapping(_ node: Node, _ path: String, known: [String]) throws(FileProblem) -> [(key: String, value: Node, line: Int)] {
        guard let mapping = node.mapping else {
            throw FileProblem(line: line(node), "\(path) must be a mapping of keys to values")
        }
        var pairs: [(key: String, value: Node, line: Int)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw FileProblem(line: line(keyNode), "\(path) has a key that is not text")
            }
            if !known.isEmpty, !known.contains(key) {
                throw FileProblem(line: line(keyNode), "unknown key '\(key)' in \(path); expected one of: \(known.joined(separator: ", "))")
            }
            pairs.append((key, value, line(keyNode)))
        }
        return pairs
    }

    static func value(_ pairs: [(key: String, value: Node, line: Int)], _ key: String) -> Node? {
        pairs.first { $0.key == key }?.value
    }

    /// A text; numbers and booleans are taken as the text they were written as (`port: 8080`).
    public static func string(_ node: Node, _ path: String) throws(FileProblem) -> String {
        guard let scalar = node.scalar else {
            throw FileProblem(line: line(node), "\(path) must be text")
        }
        // `value:` with nothing after it reads as empty text, not as YAML's null.
        if scalar.style == .plain, node.null != nil { return "" }
        return scalar.string
    }

    public static func bool(_ node: Node, _ path: String) throws(FileProblem) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { throw FileProblem(line: line(node), "\(path) must be true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw FileProblem(line: line(node), "\(path) must be true or false")
        }
    }

    public static func number(_ node: Node, _ path: String) throws(FileProblem) -> Double {
        guard let scalar = node.scalar, scalar.style == .plain,
              let value = wholeNumber(scalar.string).map(Double.init) ?? Double(scalar.string.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            throw FileProblem(line: line(node), "\(path) must be a number")
        }
        return value
    }

    public static func integer(_ node: Node, _ path: String) throws(FileProblem) -> Int {
        guard let scalar = node.scalar, scalar.style == .plain, let value = wholeNumber(scalar.string) else {
            throw FileProblem(line: line(node), "\(path) must be a whole number")
        }
        return value
    }

    /// YAML's integer spellings: decimal with an optional sign and `_` separators, `0x`, `0o`.
    private static func wholeNumber(_ text: String) -> Int? {
        var digits = Substring(text.replacingOccurrences(of: "_", with: ""))
        var sign = 1
        if let first = digits.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        let value: Int?
        if digits.hasPrefix("0x") { value = Int(digits.dropFirst(2), radix: 16) }
        else if digits.hasPrefix("0o") { value = Int(digits.dropFirst(2), radix: 8) }
        else { value = digits.allSatisfy(\.isASCII) ? Int(digits) : nil }
        return value.map { $0 * sign }
    }

    static func sequence(_ node: Node, _ path: String) throws(FileProblem) -> [Node] {
        guard let sequence = node.sequence else { throw FileProblem(line: line(node), "\(path) must be a list") }
        return Array(sequence)
    }
}
