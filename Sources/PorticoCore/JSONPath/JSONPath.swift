/// A compiled JSONPath query (RFC 9535): parse once, then select from any number of documents.
///
/// ```swift
/// let path = try JSONPath.parse("$.store.book[?@.price < 10].title")
/// for node in path.select(in: document) { print(node.path, node.value.serialized()) }
/// ```
public struct JSONPath: Sendable, CustomStringConvertible {
    /// The query as the user wrote it.
    public let text: String
    let query: Query

    /// Why a query is not valid RFC 9535 JSONPath, including type errors in filters.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// 0-based offset into the query, counted in Unicode scalars (`text.unicodeScalars`), of the
        /// first thing that is wrong: draw a caret under scalar `offset` to point at it.
        public let offset: Int
        /// What was expected or what is wrong, e.g. "expected ']' or ',' after a selector".
        public let message: String

        public var description: String { "at offset \(offset): \(message)" }
    }

    /// Parses and type-checks `text`. The whole text must be one query: no leading or trailing blanks.
    public static func parse(_ text: String) throws(SyntaxError) -> JSONPath {
        var parser = JSONPathParser(text)
        return JSONPath(text: text, query: try parser.parseWholeQuery())
    }

    /// The nodes the query selects, in the order RFC 9535 gives them; descendants come in
    /// document order, and object members in the order the document wrote them.
    public func select(in document: JSONValue) -> [Node] {
        let evaluator = QueryEvaluator(root: document)
        return evaluator.selectNodes(query)
    }

    public var description: String { text }
}
