import Foundation
import PorticoCore
import Testing

/// What XPathDocument accepts, and the nodes it makes of it.
struct XPathDocumentTests {
    static let notWellFormed: [String] = [
        "",
        "   ",
        "not xml",
        "<a>",
        "<a><b></b>",
        "<library><book>Dune</book",
        "<a></b>",
        "<a/><b/>",
        "<a/>trailing text",
        "<a x='1' x='2'/>",
        "<a x=1/>",
        "<a>&undefined;</a>",
        "<a>&#0;</a>",
        "<p:a/>",
        "<!-- only a comment -->",
        "<?xml version='1.0'?>",
    ]

    @Test(arguments: notWellFormed)
    func rejectsWhatIsNotWellFormed(_ xml: String) {
        #expect(XPathDocument(Data(xml.utf8)) == nil)
    }

    @Test func rejectsADocumentCutShortAnywhere() throws {
        let full = Data(XPathFixtures.library.utf8)
        #expect(XPathDocument(full) != nil)
        // A prefix either has no root element yet or leaves it open.
        for length in 0..<full.count {
            #expect(XPathDocument(full.prefix(length)) == nil, "accepted the first \(length) bytes")
        }
    }

    @Test func rejectsBinaryData() {
        #expect(XPathDocument(Data([0xFF, 0xFE, 0x00, 0x3C, 0x00])) == nil)
        #expect(XPathDocument(Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })) == nil)
    }

    @Test func textPiecesJoinIntoOneTextNode() throws {
        // Entities, character references and CDATA come from XMLParser in pieces.
        let xml = "<a>x &amp; y &#65;<![CDATA[<z>]]>w<b/>v</a>"
        #expect(try XPathFixtures.value("/a/text()", in: xml) == .nodes(["x & y A<z>w", "v"]))
        #expect(try XPathFixtures.value("count(/a/node())", in: xml) == .number(3))
    }

    @Test func whitespaceBetweenElementsIsText() throws {
        let xml = "<a>\n  <b/>\n</a>"
        #expect(try XPathFixtures.value("count(/a/node())", in: xml) == .number(3))
        #expect(try XPathFixtures.value("count(/a/*)", in: xml) == .number(1))
        #expect(try XPathFixtures.value("string(/a)", in: xml) == .string("\n  \n"))
    }

    @Test func attributeValuesAreNormalizedAsXMLSays() throws {
        #expect(try XPathFixtures.value("string(/a/@v)", in: "<a v='x\ny\tz &lt; &#33;'/>") == .string("x y z < !"))
    }

    @Test func readsOtherEncodingsAndNonASCIIText() throws {
        var latin1 = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf".utf8)
        latin1.append(0xE9)
        latin1.append(contentsOf: Data("</a>".utf8))
        let document = try #require(XPathDocument(latin1))
        #expect(try XPathExpression("string(/a)").evaluate(in: document) == .string("café"))
        #expect(try XPathFixtures.value("string(/a)", in: "<a>日本 😀</a>") == .string("日本 😀"))
    }

    @Test func doesNotReadExternalEntities() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("xpath-entity-\(UUID().uuidString)")
        try Data("SECRET".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = #"<!DOCTYPE a [<!ENTITY secret SYSTEM "\#(secret.absoluteString)">]><a>[&secret;]<b>after</b></a>"#
        let document = try XPathFixtures.document(xml)
        #expect(try XPathExpression("contains(/a, 'SECRET')").evaluate(in: document) == .boolean(false))
        #expect(try XPathExpression("string(/a/b)").evaluate(in: document) == .string("after"))
    }

    @Test func theRootNodeHoldsTheWholeText() throws {
        #expect(try XPathFixtures.value("/", in: "<!--c--><a>x<b>y</b></a>") == .nodes(["xy"]))
        #expect(try XPathFixtures.value("string(.)", in: "<a>x<b>y</b></a>") == .string("xy"))
    }

    /// Parsing and evaluation never recurse on the document, so nesting that would overflow any
    /// stack is an ordinary document.
    @Test func deeplyNestedDocument() throws {
        let depth = 100_000
        let xml = String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
        let document = try #require(XPathDocument(Data(xml.utf8)))
        #expect(try XPathExpression("count(//a)").evaluate(in: document) == .number(Double(depth)))
        #expect(try XPathExpression("count(//a//a)").evaluate(in: document) == .number(Double(depth - 1)))
        #expect(try XPathExpression("count(//text()/ancestor::a)").evaluate(in: document) == .number(Double(depth)))
        #expect(try XPathExpression("string(/)").evaluate(in: document) == .string("x"))
        #expect(try XPathExpression("count(//a[not(a)]/preceding::node())").evaluate(in: document) == .number(0))
    }

    @Test func largeDocument() throws {
        let count = 20_000
        var xml = "<items>"
        for index in 0..<count { xml += "<item id='\(index)'><price>\(index % 100)</price></item>" }
        xml += "</items>"
        let document = try #require(XPathDocument(Data(xml.utf8)))
        #expect(try XPathExpression("count(//item)").evaluate(in: document) == .number(Double(count)))
        #expect(try XPathExpression("count(//item[price = 42])").evaluate(in: document) == .number(Double(count / 100)))
        #expect(try XPathExpression("string(//item[last()]/@id)").evaluate(in: document) == .string("\(count - 1)"))
        #expect(try XPathExpression("count(//item[1]/following-sibling::item)").evaluate(in: document) == .number(Double(count - 1)))
        #expect(try XPathExpression("count(//item/preceding-sibling::item)").evaluate(in: document) == .number(Double(count - 1)))
    }

    @Test func isSendable() async throws {
        let document = try XPathFixtures.document(XPathFixtures.library)
        let expression = try XPathExpression("count(//book)")
        let value = await Task.detached { try? expression.evaluate(in: document) }.value
        #expect(value == .number(2))
    }
}
