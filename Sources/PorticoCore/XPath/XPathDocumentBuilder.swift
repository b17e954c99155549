import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Builds an `XPathDocument`'s nodes from XMLParser's SAX events, with an explicit stack of open
/// elements so that no depth of nesting reaches the call stack.
final class XPathDocumentBuilder: NSObject, XMLParserDelegate {
    /// The namespace the `xml` prefix is bound to without any declaration.
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The document's arrays, starting with the root node.
    private(set) var nodes = [XPathDocument.Node(kind: .root, parent: nil, previousSibling: nil, subtreeEnd: 1)]
    private(set) var names = [XPathDocument.Name.none]
    private(set) var texts = [""]
    /// The root node, then the elements that have started and not ended.
    private var open = [XPathDocument.root]
    /// The last child appended to each node of `open` (same indices).
    private var lastChild: [Int?] = [nil]
    /// Every namespace binding in scope, innermost last, to give prefixed attributes their namespace
    /// URI (XMLParser gives it for elements only).
    private var namespaceBindings: [String: [String]] = ["xml": [xmlNamespace]]
    private var sawElement = false

    /// Nil when the data is not well-formed XML.
    static func build(from data: Data) -> XPathDocumentBuilder? {
        let builder = XPathDocumentBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        // XMLParser on Linux reports success for a document cut short, and for content after the
        // root element while it does set parserError: every element must have ended, and no error.
        guard parser.parse(), parser.parserError == nil, builder.sawElement, builder.open.count == 1 else { return nil }
        builder.nodes[XPathDocument.root].subtreeEnd = builder.nodes.count
        return builder
    }

    private func append(_ node: XPathDocument.Node, name: XPathDocument.Name = .none, text: String = "") {
        nodes.append(node)
        names.append(name)
        texts.append(text)
    }

    /// Appends a node as the next child of the innermost open node and returns its index.
    private func appendChild(_ kind: XPathDocument.Kind, name: XPathDocument.Name = .none, text: String = "") -> Int {
        let index = nodes.count
        append(XPathDocument.Node(kind: kind, parent: open[open.count - 1], previousSibling: lastChild[lastChild.count - 1], subtreeEnd: index + 1),
               name: name, text: text)
        lastChild[lastChild.count - 1] = index
        return index
    }

    /// XPath has no two adjacent text nodes: text XMLParser delivers in pieces (around entities and
    /// CDATA sections) joins the text node just before it.
    private func appendText(_ text: String) {
        // Text outside the root element is not part of XPath's data model (XMLParser sends none).
        guard open.count > 1 else { return }
        if let last = lastChild[lastChild.count - 1], nodes[last].kind == .text {
            texts[last] += text
        } else {
            _ = appendChild(.text, text: text)
        }
    }

    private static func split(qualifiedName: String) -> (prefix: String, localName: String) {
        guard let colon = qualifiedName.firstIndex(of: ":") else { return ("", qualifiedName) }
        return (String(qualifiedName[..<colon]), String(qualifiedName[qualifiedName.index(after: colon)...]))
    }

    func parser(_ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String) {
        namespaceBindings[prefix, default: []].append(namespaceURI)
    }

    func parser(_ parser: XMLParser, didEndMappingPrefix prefix: String) {
        namespaceBindings[prefix]?.removeLast()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        sawElement = true
        let prefix = qualifiedName.map { Self.split(qualifiedName: $0).prefix } ?? ""
        let element = appendChild(.element, name: XPathDocument.Name(prefix: prefix, localName: elementName, namespaceURI: namespaceURI ?? ""))
        for (qualifiedName, value) in attributes.sorted(by: { $0.key < $1.key }) {
            let (prefix, localName) = Self.split(qualifiedName: qualifiedName)
            // An unprefixed attribute is in no namespace, whatever the default namespace.
            let namespaceURI = prefix.isEmpty ? "" : namespaceBindings[prefix]?.last ?? ""
            append(XPathDocument.Node(kind: .attribute, parent: element, previousSibling: nil, subtreeEnd: nodes.count + 1),
                   name: XPathDocument.Name(prefix: prefix, localName: localName, namespaceURI: namespaceURI), text: value)
        }
        open.append(element)
        lastChild.append(nil)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        nodes[open.removeLast()].subtreeEnd = nodes.count
        lastChild.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { appendText(string) }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { appendText(String(decoding: CDATABlock, as: UTF8.self)) }

    func parser(_ parser: XMLParser, foundComment comment: String) { _ = appendChild(.comment, text: comment) }

    func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) {
        _ = appendChild(.processingInstruction, name: XPathDocument.Name(prefix: "", localName: target, namespaceURI: ""), text: data ?? "")
    }
}
