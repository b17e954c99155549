/// A text with `{{placeholders}}`, parsed.
///
/// Syntax: `{{name}}` is a variable, `{{$uuid}}`-style names are dynamic values,
/// `{{login.response.body.$.token}}` refers to another request's latest exchange, and `\{{` is a literal
/// `{{`. Nothing else is special: `$`, `}}` and backslashes elsewhere are plain text, so JSON bodies
/// need no escaping.
public struct Template: Hashable, Sendable {
    public enum Segment: Hashable, Sendable {
        case literal(String)
        case variable(String)
        case dynamic(name: String, arguments: [String])
        /// `{{login.response.body.$.token}}`: from another request's latest exchange.
        case reference(RequestReference)
    }

    public let segments: [Segment]

    public init(parsing text: String) throws(PorticoError) {
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            let before = rest[..<open.lowerBound]
            if before.hasSuffix("\\") {
                literal += before.dropLast()
                literal += "{{"
                rest = rest[open.upperBound...]
                continue
            }
            literal += before
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw .template("unclosed '{{' at column \(text.distance(from: text.startIndex, to: open.lowerBound) + 1); write '\\{{' for a literal '{{'")
            }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !literal.isEmpty {
                segments.append(.literal(literal))
                literal = ""
            }
            segments.append(try Template.placeholder(inner, in: text))
            rest = rest[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    private static func placeholder(_ inner: String, in text: String) throws(PorticoError) -> Segment {
        if inner.hasPrefix("$") {
            let words = inner.dropFirst().split(whereSeparator: \.isWhitespace).map(String.init)
            guard let name = words.first, isName(name) else {
                throw .template("'{{\(inner)}}' is not a dynamic value; known: \(DynamicValue.knownNames)")
            }
            return .dynamic(name: name, arguments: Array(words.dropFirst()))
        }
        if let reference = RequestReference.parse(inner) { return .reference(reference) }
        guard isName(inner) else {
            throw .template("'{{\(inner)}}' is not a variable name (letters, digits, '_', '-' and '.'); write '\\{{' for a literal '{{'")
        }
        return .variable(inner)
    }

    /// `text` written so that it renders as itself: every `{{` escaped.
    public static func literal(_ text: String) -> String {
        text.replacingOccurrences(of: "{{", with: "\\{{")
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
    }
}
