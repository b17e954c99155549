import Foundation

/// A parsed XML document as XPath sees it: elements (with prefix, local name, namespace URI),
/// attributes, text nodes, comments and processing instructions, in document order.
///
/// Namespace nodes are not part of it: they only serve the namespace axis, which is not supported
/// (see docs/xpath.md). Parsed with `XMLParser`, silently, without resolving external entities.
public struct XPathDocument: Sendable {
    enum Kind: Sendable {
        case root, element, attribute, text, comment, processingInstruction
    }

    /// Where a node sits in the tree. Names and text are kept apart, in `names` and `texts`, so that
    /// walking the tree copies no strings.
    struct Node: Sendable {
        let kind: Kind
        /// Nil for the root node only.
        let parent: Int?
        /// The child of the same parent just before this one; attributes have no siblings.
        let previousSibling: Int?
        /// One past the last node of this node's subtree: the node's attributes and descendants are
        /// exactly the nodes between it and `subtreeEnd`.
        var subtreeEnd: Int
    }

    /// The name of an element or attribute, or the target of a processing instruction (its local
    /// name); empty for other nodes.
    struct Name: Sendable {
        /// As written in the document, "" when none.
        let prefix: String
        let localName: String
        let namespaceURI: String

        static let none = Name(prefix: "", localName: "", namespaceURI: "")
    }

    /// In document order: node 0 is the root node; an element's attributes come right after it
    /// (sorted by qualified name, as XMLParser does not give their order), then its children.
    let nodes: [Node]
    /// The name of each node (same indices as `nodes`).
    let names: [Name]
    /// The value of an attribute, the text of a text node or comment, the data of a processing
    /// instruction, "" for the root and elements (same indices as `nodes`).
    let texts: [String]

    /// Nil when `data` is not well-formed XML, including a document cut short.
    public init?(_ data: Data) {
        guard let builder = XPathDocumentBuilder.build(from: data) else { return nil }
        nodes = builder.nodes
        names = builder.names
        texts = builder.texts
    }

    /// Node 0.
    static let root = 0

    /// The children of `node` in document order (none for attributes, text, comments and PIs).
    func children(of node: Int) -> [Int] {
        var children: [Int] = []
        var child = firstChild(of: node)
        while let current = child {
            children.append(current)
            child = nextSibling(of: current)
        }
        return children
    }

    func firstChild(of node: Int) -> Int? {
        var candidate = node + 1
        while candidate < nodes[node].subtreeEnd, nodes[candidate].kind == .attribute { candidate += 1 }
        return candidate < nodes[node].subtreeEnd ? candidate : nil
    }

    func nextSibling(of node: Int) -> Int? {
        guard nodes[node].kind != .attribute, let parent = nodes[node].parent else { return nil }
        let next = nodes[node].subtreeEnd
        return next < nodes[parent].subtreeEnd ? next : nil
    }

    /// The attributes of an element, in this document's order.
    func attributes(of node: Int) -> [Int] {
        var attributes: [Int] = []
        var candidate = node + 1
        while candidate < nodes[node].subtreeEnd, nodes[candidate].kind == .attribute {
            attributes.append(candidate)
            candidate += 1
        }
        return attributes
    }

    /// The XPath string-value: for the root and elements the text of every descendant text node in
    /// document order, for other nodes their own text. Walks the subtree without recursion.
    func stringValue(of node: Int) -> String {
        switch nodes[node].kind {
        case .root, .element:
            var value = ""
            for descendant in (node + 1)..<nodes[node].subtreeEnd where nodes[descendant].kind == .text {
                value += texts[descendant]
            }
            return value
        case .attribute, .text, .comment, .processingInstruction:
            return texts[node]
        }
    }

    /// The name as written in the document: `prefix:local` or `local`.
    func qualifiedName(of node: Int) -> String {
        let name = names[node]
        return name.prefix.isEmpty ? name.localName : name.prefix + ":" + name.localName
    }
}
