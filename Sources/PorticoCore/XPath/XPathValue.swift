/// The value of an XPath 1.0 expression.
public enum XPathValue: Sendable, Equatable {
    /// The string-value of each selected node, in document order: for an element (or the root) the
    /// text of all its descendants, for an attribute its value, for a text node its text.
    case nodes([String])
    case number(Double)
    case string(String)
    case boolean(Bool)
}
