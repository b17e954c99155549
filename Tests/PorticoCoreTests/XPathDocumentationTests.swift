import PorticoCore
import Testing

/// The examples of docs/xpath.md hold.
struct XPathDocumentationTests {
    static let xml = """
        <library>
          <book id="b1" xml:lang="en"><title>Dune</title><year>1965</year><price>9.99</price></book>
          <book id="b2"><title>Ubik</title><year>1968</year><price>7.5</price></book>
        </library>
        """

    @Test(arguments: [
        ("//book[@id='b2']/year", XPathValue.nodes(["1968"])),
        ("count(//book)", .number(2)),
        ("//book[last()]/title", .nodes(["Ubik"])),
        ("//book[year > 1966]/@id", .nodes(["b2"])),
        ("//title[starts-with(., 'D')]", .nodes(["Dune"])),
        ("sum(//year)", .number(3933)),
        ("string(//book[1]/@id)", .string("b1")),
        ("//book[1]/year = 1965", .boolean(true)),
        ("//title/text() | //@id", .nodes(["b1", "Dune", "b2", "Ubik"])),
        ("//book[lang('en')]/title", .nodes(["Dune"])),
        ("name(/*)", .string("library")),
    ])
    func example(_ expression: String, _ value: XPathValue) throws {
        #expect(try XPathFixtures.value(expression, in: Self.xml) == value)
    }

    @Test func syntaxErrorExample() {
        do throws(XPathExpression.SyntaxError) {
            _ = try XPathExpression("//book[1")
            Issue.record("accepted //book[1")
        } catch {
            #expect(error.description == "at offset 8: expected ']' to close the predicate opened at offset 6, found the end of the expression")
        }
    }
}
