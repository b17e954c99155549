import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree of an XML response, enough to find a SOAP Fault or decode an XML-RPC
/// answer: local names, namespaces, children and the text directly inside. Built without
/// recursion and without resolving external entities, whatever the server sends.
struct XMLElementTree {
    struct Element {
        var name: String
        var namespace: String
        var children: [Int] = []
        var text = ""
    }

    /// Element 0 is the root.
    private(set) var elements: [Element] = []

    /// Nil when the text is not well-formed XML.
    init?(_ data: Data) {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        // FoundationXML reports success for a document cut short: every element must have ended.
        guard parser.parse(), !reader.elements.isEmpty, reader.open.isEmpty else { return nil }
        elements = reader.elements
    }

    var root: Element { elements[0] }

    func children(of element: Element) -> [Element] { element.children.map { elements[$0] } }

    /// The first child called `name` (local name).
    func child(_ name: String, of element: Element) -> Element? {
        element.children.lazy.map { elements[$0] }.first { $0.name == name }
    }

    /// The element at the end of a path of local names from `element`.
    func descendant(_ path: [String], of element: Element) -> Element? {
        var current = element
        for name in path {
            guard let next = child(name, of: current) else { return nil }
            current = next
        }
        return current
    }

    func trimmedText(_ element: Element) -> String { element.text.trimmingCharacters(in: .whitespacesAndNewlines) }

    private final class Reader: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let index = elements.count
            elements.append(Element(name: elementName, namespace: namespaceURI ?? ""))
            if let parent = open.last { elements[parent].children.append(index) }
            open.append(index)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = open.last { elements[current].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if let current = open.last { elements[current].text += String(decoding: CDATABlock, as: UTF8.self) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }
}
