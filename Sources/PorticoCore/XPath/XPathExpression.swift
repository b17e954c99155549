/// A compiled XPath 1.0 expression: parse once, then evaluate against any number of documents.
///
/// ```swift
/// let year = try XPathExpression("//book[@id='b2']/year")
/// if let document = XPathDocument(body) { print(try year.evaluate(in: document)) }  // .nodes(["1968"])
/// ```
///
/// An unprefixed name test matches an element or attribute by its local name in any namespace
/// (`//book` finds `<book xmlns="urn:x">`), and `soap:Body` matches the prefix as written in the
/// document: checks have no way to bind prefixes to namespace URIs. See docs/xpath.md.
public struct XPathExpression: Sendable, CustomStringConvertible {
    /// The expression as the user wrote it.
    public let text: String
    /// The tree, or why it cannot be evaluated on any document: an unknown function, a wrong number
    /// of arguments, a value where a node-set is needed, a variable.
    let checked: Result<Expression, EvaluationError>

    /// Why a text is not an XPath 1.0 expression.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// 0-based offset into the expression, counted in Unicode scalars (`text.unicodeScalars`),
        /// of the first thing that is wrong: draw a caret under scalar `offset` to point at it.
        public let offset: Int
        /// What was expected or what is wrong, e.g. "expected ']' to close the predicate".
        public let message: String

        public var description: String { "at offset \(offset): \(message)" }
    }

    /// Why a well-formed expression cannot be evaluated: an unknown function, a wrong number or type
    /// of arguments, a variable (none is bound), the namespace axis, or more work than a check
    /// should take on the document.
    public struct EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String

        public var description: String { message }
    }

    /// Parses `text`. Blanks around and between tokens are allowed. Problems that XPath reports at
    /// evaluation (an unknown function, say) are found here too, and thrown by every `evaluate`,
    /// whichever document it is given.
    public init(_ text: String) throws(SyntaxError) {
        self.text = text
        var parser = try XPathParser(text)
        let expression = try parser.parseWholeExpression()
        checked = parser.evaluationProblem.map { .failure($0) } ?? .success(expression)
    }

    public func evaluate(in document: XPathDocument) throws(EvaluationError) -> XPathValue {
        let expression: Expression
        switch checked {
        case .success(let tree): expression = tree
        case .failure(let problem): throw problem
        }
        var evaluator = XPathEvaluator(document: document)
        return try evaluator.result(of: expression)
    }

    public var description: String { text }
}
