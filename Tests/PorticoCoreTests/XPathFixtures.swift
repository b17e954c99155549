import Foundation
import PorticoCore
import Testing

/// Documents and a shorthand shared by the XPath tests.
enum XPathFixtures {
    /// Every element carries its name in `n`, so `…/@n` lists the elements a path selects, in
    /// document order: r a b c d e f g h.
    static let tree = #"<r n="r"><a n="a"><b n="b">1</b><c n="c">2<d n="d">3</d></c><e n="e">4</e></a><f n="f">5</f><g n="g"><h n="h">6</h></g></r>"#

    static let library = """
        <?xml version="1.0" encoding="UTF-8"?>
        <library>
          <book id="b1" lang="en"><title>Dune</title><year>1965</year><price>9.99</price></book>
          <book id="b2"><title>Ubik</title><year>1968</year><price>7.5</price></book>
          <magazine id="m1"><title>Analog</title><price>4</price></magazine>
        </library>
        """

    static func document(_ xml: String) throws -> XPathDocument {
        try #require(XPathDocument(Data(xml.utf8)), "not well-formed: \(xml)")
    }

    /// The value of `expression` in `xml`.
    static func value(_ expression: String, in xml: String = library) throws -> XPathValue {
        try XPathExpression(expression).evaluate(in: document(xml))
    }
}
