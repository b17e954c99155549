import PorticoCore
import Testing

/// Name tests in documents with namespaces: an unprefixed name matches the local name in any
/// namespace, a prefixed one the prefix as written (checks cannot bind prefixes to URIs).
struct XPathNamespaceTests {
    static let soap = """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:shop">
          <soap:Body>
            <m:Order m:id="7" status="paid"><m:Item>pen</m:Item><Item xmlns="urn:other">ink</Item></m:Order>
          </soap:Body>
        </soap:Envelope>
        """

    @Test func defaultNamespaceDoesNotHideElements() throws {
        let xml = #"<catalog xmlns="urn:x"><book id="b1"><year>1965</year></book><book id="b2"><year>1968</year></book></catalog>"#
        #expect(try XPathFixtures.value("//book[@id='b2']/year", in: xml) == .nodes(["1968"]))
        #expect(try XPathFixtures.value("count(/catalog/book)", in: xml) == .number(2))
        #expect(try XPathFixtures.value("namespace-uri(//book)", in: xml) == .string("urn:x"))
        #expect(try XPathFixtures.value("name(//book)", in: xml) == .string("book"))
        // The default namespace does not apply to attributes.
        #expect(try XPathFixtures.value("namespace-uri(//book/@id)", in: xml) == .string(""))
    }

    @Test func prefixedNamesMatchThePrefixAsWritten() throws {
        #expect(try XPathFixtures.value("/soap:Envelope/soap:Body/m:Order/m:Item", in: Self.soap) == .nodes(["pen"]))
        #expect(try XPathFixtures.value("count(//soap:*)", in: Self.soap) == .number(2))
        #expect(try XPathFixtures.value("//m:*", in: Self.soap) == .nodes(["penink", "pen"]))
        #expect(try XPathFixtures.value("//soap:Order", in: Self.soap) == .nodes([]))
        #expect(try XPathFixtures.value("//env:Body", in: Self.soap) == .nodes([]))
        #expect(try XPathFixtures.value("namespace-uri(//soap:Body)", in: Self.soap) == .string("http://schemas.xmlsoap.org/soap/envelope/"))
        #expect(try XPathFixtures.value("name(//soap:Body)", in: Self.soap) == .string("soap:Body"))
        #expect(try XPathFixtures.value("local-name(//soap:Body)", in: Self.soap) == .string("Body"))
    }

    @Test func unprefixedNamesMatchTheLocalNameInAnyNamespace() throws {
        #expect(try XPathFixtures.value("/Envelope/Body/Order/Item", in: Self.soap) == .nodes(["pen", "ink"]))
        #expect(try XPathFixtures.value("//Item[namespace-uri() = 'urn:other']", in: Self.soap) == .nodes(["ink"]))
        #expect(try XPathFixtures.value("//*[local-name() = 'Item' and namespace-uri() = 'urn:shop']", in: Self.soap) == .nodes(["pen"]))
    }

    @Test func attributesWithPrefixes() throws {
        #expect(try XPathFixtures.value("//Order/@m:id", in: Self.soap) == .nodes(["7"]))
        #expect(try XPathFixtures.value("//Order/@id", in: Self.soap) == .nodes(["7"]))
        #expect(try XPathFixtures.value("//Order/@m:*", in: Self.soap) == .nodes(["7"]))
        #expect(try XPathFixtures.value("//Order/@*", in: Self.soap) == .nodes(["7", "paid"]))
        #expect(try XPathFixtures.value("namespace-uri(//Order/@m:id)", in: Self.soap) == .string("urn:shop"))
        #expect(try XPathFixtures.value("name(//Order/@m:id)", in: Self.soap) == .string("m:id"))
        // Namespace declarations are not attributes.
        #expect(try XPathFixtures.value("count(/*/@*)", in: Self.soap) == .number(0))
    }

    @Test func aPrefixRedeclaredInside() throws {
        let xml = #"<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2" p:x="1"/><p:c p:x="2"/></p:a>"#
        #expect(try XPathFixtures.value("namespace-uri(//p:b)", in: xml) == .string("urn:2"))
        #expect(try XPathFixtures.value("namespace-uri(//p:b/@p:x)", in: xml) == .string("urn:2"))
        #expect(try XPathFixtures.value("namespace-uri(//p:c/@p:x)", in: xml) == .string("urn:1"))
        #expect(try XPathFixtures.value("count(//p:*)", in: xml) == .number(3))
    }
}
