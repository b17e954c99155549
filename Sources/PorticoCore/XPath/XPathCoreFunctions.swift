import Foundation

extension XPathEvaluator {
    /// The core function library (section 4). Strings are sequences of Unicode scalars, as XPath's
    /// characters are: lengths and positions count scalars, not Swift's grapheme clusters.
    mutating func evaluate(_ call: XPathExpression.FunctionCall, in context: Context) throws(EvaluationError) -> Value {
        switch call {
        case .last: return .number(Double(context.size))
        case .position: return .number(Double(context.position))
        case .count(let argument): return .number(Double(try select(argument, in: context).count))
        case .localName(let argument):
            return .string(try firstNode(of: argument, in: context).map { document.names[$0].localName } ?? "")
        case .namespaceURI(let argument):
            return .string(try firstNode(of: argument, in: context).map { document.names[$0].namespaceURI } ?? "")
        case .name(let argument):
            return .string(try firstNode(of: argument, in: context).map { document.qualifiedName(of: $0) } ?? "")
        case .string(let argument):
            return .string(try string(of: argument, in: context))
        case .concat(let arguments):
            var text = ""
            for argument in arguments { text += try string(evaluate(argument, in: context)) }
            return .string(text)
        case .startsWith(let text, let prefix):
            return .boolean(try string(evaluate(text, in: context)).utf8.starts(with: string(evaluate(prefix, in: context)).utf8))
        case .contains(let text, let part):
            let text = try string(evaluate(text, in: context))
            let part = try string(evaluate(part, in: context))
            return .boolean(part.isEmpty || text.utf8.firstRange(of: part.utf8) != nil)
        case .substringBefore(let text, let separator):
            let text = try string(evaluate(text, in: context))
            let separator = try string(evaluate(separator, in: context))
            guard let range = text.utf8.firstRange(of: separator.utf8) else { return .string("") }
            return .string(String(decoding: text.utf8[..<range.lowerBound], as: UTF8.self))
        case .substringAfter(let text, let separator):
            let text = try string(evaluate(text, in: context))
            let separator = try string(evaluate(separator, in: context))
            guard let range = text.utf8.firstRange(of: separator.utf8) else { return .string("") }
            return .string(String(decoding: text.utf8[range.upperBound...], as: UTF8.self))
        case .substring(let text, let start, let length):
            let text = try string(evaluate(text, in: context))
            let start = XPathNumber.round(try number(evaluate(start, in: context)))
            var end = Double.infinity
            if let length { end = start + XPathNumber.round(try number(evaluate(length, in: context))) }
            return .string(Self.substring(text, from: start, to: end))
        case .stringLength(let argument):
            return .number(Double(try string(of: argument, in: context).unicodeScalars.count))
        case .normalizeSpace(let argument):
            let words = try string(of: argument, in: context).unicodeScalars.split(whereSeparator: XPathLexer.isWhitespace)
            return .string(words.map { String(Substring($0)) }.joined(separator: " "))
        case .translate(let text, let from, let to):
            return .string(Self.translate(
                try string(evaluate(text, in: context)), from: try string(evaluate(from, in: context)), to: try string(evaluate(to, in: context))))
        case .boolean(let argument): return .boolean(boolean(try evaluate(argument, in: context)))
        case .not(let argument): return .boolean(!boolean(try evaluate(argument, in: context)))
        case .true: return .boolean(true)
        case .false: return .boolean(false)
        case .lang(let argument): return .boolean(try lang(string(evaluate(argument, in: context)), of: context.node))
        case .number(let argument):
            guard let argument else { return .number(XPathNumber.parse(try stringValue(of: context.node))) }
            return .number(try number(evaluate(argument, in: context)))
        case .sum(let argument):
            var total = 0.0
            for node in try select(argument, in: context) { total += XPathNumber.parse(try stringValue(of: node)) }
            return .number(total)
        case .floor(let argument): return .number(try number(evaluate(argument, in: context)).rounded(.down))
        case .ceiling(let argument): return .number(try number(evaluate(argument, in: context)).rounded(.up))
        case .round(let argument): return .number(XPathNumber.round(try number(evaluate(argument, in: context))))
        }
    }

    /// The argument's first node in document order, or the context node when there is no argument;
    /// nil for an empty node-set.
    private mutating func firstNode(of argument: XPathExpression.NodeSetExpression?, in context: Context) throws(EvaluationError) -> Int? {
        guard let argument else { return context.node }
        return try select(argument, in: context).first
    }

    /// The argument as a string, or the context node's string-value when there is none.
    private mutating func string(of argument: Expression?, in context: Context) throws(EvaluationError) -> String {
        guard let argument else { return try stringValue(of: context.node) }
        return try string(evaluate(argument, in: context))
    }

    /// The characters at positions p (counted from 1) with start ≤ p < end, bounds already rounded:
    /// comparisons with NaN are false, so a NaN bound selects nothing.
    private static func substring(_ text: String, from start: Double, to end: Double) -> String {
        var selected = String.UnicodeScalarView()
        for (index, scalar) in text.unicodeScalars.enumerated() {
            let position = Double(index + 1)
            if position >= start && position < end { selected.append(scalar) }
        }
        return String(selected)
    }

    /// Each character of `text` found in `from` becomes the character at the same position in `to`,
    /// or is removed when `to` is shorter; the first occurrence in `from` counts.
    private static func translate(_ text: String, from: String, to: String) -> String {
        let replacements = Array(to.unicodeScalars)
        var mapping: [Unicode.Scalar: Unicode.Scalar?] = [:]
        for (index, scalar) in from.unicodeScalars.enumerated() where mapping[scalar] == nil {
            mapping[scalar] = index < replacements.count ? replacements[index] : .some(nil)
        }
        var translated = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch mapping[scalar] {
            case .none: translated.append(scalar)
            case .some(.some(let replacement)): translated.append(replacement)
            case .some(.none): break
            }
        }
        return String(translated)
    }

    /// Whether the `xml:lang` of the context node (its own or its nearest ancestor's) is `language`
    /// or a sublanguage of it, ignoring case: lang('en') holds for "en" and "EN-us".
    private mutating func lang(_ language: String, of node: Int) throws(EvaluationError) -> Bool {
        var current: Int? = node
        while let element = current {
            try spend(1)
            let declaration = document.attributes(of: element).first {
                document.names[$0].localName == "lang" && document.names[$0].namespaceURI == XPathDocumentBuilder.xmlNamespace
            }
            if let declaration {
                let value = document.texts[declaration].lowercased()
                let wanted = language.lowercased()
                return value == wanted || value.hasPrefix(wanted + "-")
            }
            current = document.nodes[element].parent
        }
        return false
    }
}
