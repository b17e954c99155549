@testable import PorticoCore
import Testing

@Suite("XMLPrettyPrinter")
struct XMLPrettyPrinterTests {
    /// The pretty text, one string per line.
    private func pretty(_ xml: String, indent: Int = 2) -> [String]? {
        XMLPrettyPrinter.lines(xml, indent: indent)?.map { $0.map(\.text).joined() }
    }

    /// The pieces of one pretty line with their kinds.
    private func pieces(_ xml: String, line: Int) -> [(String, XMLPrettyPrinter.TokenKind)] {
        guard let lines = XMLPrettyPrinter.lines(xml), line < lines.count else { return [] }
        return lines[line].map { ($0.text, $0.kind) }
    }

    @Test("a SOAP envelope with namespaces, one element per line")
    func soapEnvelope() {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:m='urn:example:prices'>\
        <soap:Header/><soap:Body><m:GetPriceResponse><m:Price currency="EUR">34.5</m:Price>\
        <m:Note>Fish &amp; chips</m:Note></m:GetPriceResponse></soap:Body></soap:Envelope>
        """
        #expect(pretty(xml) == [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:m='urn:example:prices'>",
            "  <soap:Header/>",
            "  <soap:Body>",
            "    <m:GetPriceResponse>",
            "      <m:Price currency=\"EUR\">34.5</m:Price>",
            "      <m:Note>Fish &amp; chips</m:Note>",
            "    </m:GetPriceResponse>",
            "  </soap:Body>",
            "</soap:Envelope>",
        ])
    }

    @Test("formatting its own output changes nothing")
    func idempotent() throws {
        let xml = "<a x=\"1\"><b>text</b><c/><!-- note --><d><e>deep</e></d></a>"
        let once = try #require(pretty(xml))
        #expect(pretty(once.joined(separator: "\n")) == once)
        #expect(pretty(once.joined(separator: "\r\n")) == once)
    }

    @Test("attributes keep their quotes; whitespace inside tags is normalised")
    func attributes() {
        #expect(pretty("<a   x = \"1\"\n\t y='it\"s' z=\"it's\"   />") == ["<a x=\"1\" y='it\"s' z=\"it's\"/>"])
        #expect(pretty("<a x=\"1\" ></a >") == ["<a x=\"1\"></a>"])
    }

    @Test("empty-element tags, and elements with no content, stay on one line")
    func emptyElements() {
        #expect(pretty("<list><item/><item />\n  <item></item><item>  \n </item></list>") == [
            "<list>",
            "  <item/>",
            "  <item/>",
            "  <item></item>",
            "  <item></item>",
            "</list>",
        ])
        #expect(pretty("<only/>") == ["<only/>"])
    }

    @Test("comments, CDATA, processing instructions and a DOCTYPE with an internal subset are kept as written")
    func prologAndSpecialSections() {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE note [
          <!ENTITY who "Ada">
          <!-- a ] and a > in a comment -->
          <!ATTLIST note kind CDATA "a>b">
        ]>
        <!-- a note -->
        <note>
        <?render fast?>
        <![CDATA[if (a < b && c > d) { return "<x>" }]]>
          <!-- first
               second -->
        <body>&who; says &lt;hi&gt; &#169;</body>
        </note>
        <!-- trailing -->
        """
        #expect(pretty(xml) == [
            "<?xml version=\"1.0\"?>",
            "<!DOCTYPE note [",
            "  <!ENTITY who \"Ada\">",
            "  <!-- a ] and a > in a comment -->",
            "  <!ATTLIST note kind CDATA \"a>b\">",
            "]>",
            "<!-- a note -->",
            "<note>",
            "  <?render fast?>",
            "  <![CDATA[if (a < b && c > d) { return \"<x>\" }]]>",
            "  <!-- first",
            "       second -->",
            "  <body>&who; says &lt;hi&gt; &#169;</body>",
            "</note>",
            "<!-- trailing -->",
        ])
    }

    @Test("a multi-line CDATA section keeps its inner lines exactly")
    func multiLineCDATA() {
        #expect(pretty("<script><![CDATA[\nline 1\n    line 2\n]]></script>") == [
            "<script>",
            "  <![CDATA[",
            "line 1",
            "    line 2",
            "]]>",
            "</script>",
        ])
    }

    @Test("mixed content: text beside elements gets its own trimmed lines")
    func mixedContent() {
        #expect(pretty("<p>Hello <b>world</b>, again!</p>") == [
            "<p>",
            "  Hello",
            "  <b>world</b>",
            "  , again!",
            "</p>",
        ])
    }

    @Test("multi-line text keeps its lines, each re-indented")
    func multiLineText() {
        #expect(pretty("<doc><msg>\n      first line\n        second line\r\n\n      third\n   </msg></doc>") == [
            "<doc>",
            "  <msg>",
            "    first line",
            "    second line",
            "",
            "    third",
            "  </msg>",
            "</doc>",
        ])
    }

    @Test("short text stays beside its tags, long text gets its own line")
    func shortAndLongText() {
        let long = Array(repeating: "word", count: 20).joined(separator: " ")
        #expect(pretty("<a><name>\n  Ada  \n</name><bio>\(long)</bio></a>") == [
            "<a>",
            "  <name>Ada</name>",
            "  <bio>",
            "    \(long)",
            "  </bio>",
            "</a>",
        ])
    }

    @Test("indent width is configurable, BOM and leading whitespace are dropped")
    func indentAndBOM() {
        #expect(pretty("\u{FEFF}\n  <a><b/></a>", indent: 4) == ["<a>", "    <b/>", "</a>"])
        #expect(pretty("<a><b/></a>", indent: 0) == ["<a>", "<b/>", "</a>"])
        #expect(pretty("<a><b/></a>", indent: -3) == ["<a>", "<b/>", "</a>"])
    }

    @Test("pieces carry their syntax roles")
    func roles() {
        let xml = "<root>\n<p:Price currency=\"EUR\" n='1'>34.5</p:Price><!-- c --><![CDATA[x]]><?pi y?></root>"
        #expect(pieces(xml, line: 1).map(\.0) == ["  ", "<", "p:Price", " ", "currency", "=", "\"EUR\"", " ", "n", "=", "'1'", ">", "34.5", "</", "p:Price", ">"])
        #expect(pieces(xml, line: 1).map(\.1) == [
            .text, .punctuation, .elementName, .text, .attributeName, .punctuation, .attributeValue,
            .text, .attributeName, .punctuation, .attributeValue, .punctuation, .text, .punctuation, .elementName, .punctuation,
        ])
        #expect(pieces(xml, line: 2).map(\.1) == [.text, .comment])
        #expect(pieces(xml, line: 3).map(\.0) == ["  ", "<![CDATA[", "x", "]]>"])
        #expect(pieces(xml, line: 3).map(\.1) == [.text, .punctuation, .text, .punctuation])
        #expect(pieces(xml, line: 4).map(\.1) == [.text, .declaration])
        #expect(pieces(xml, line: 0).map(\.1) == [.punctuation, .elementName, .punctuation])
    }

    @Test("text that is not well-formed XML is refused", arguments: [
        "", "   \n", "hello", "{\"a\": 1}", "text before <a/>",
        "<a>", "<a><b></b>", "<a><b></a>", "</a>", "<a></b>", "<a/></a>",
        "<a><!-- never closed</a>", "<a><![CDATA[never closed</a>", "<a><!-- -- ->",
        "<a x=\"unclosed></a>", "<a x='unclosed/>", "<a x=1/>", "<a x/>", "<a x=\"1\"y=\"2\"/>",
        "<a/>text after", "<a>in</a>out", "<a/><b/>", "<?xml version=\"1.0\"?>", "<!-- only a comment -->",
        "<", "<>", "< a/>", "<a<b/>", "<a", "<a x=", "<a/", "</", "<![CDATA[x]]><a/>", "<!ELEMENT a><a/>",
        "<a/><!DOCTYPE a>", "<!DOCTYPE a [ <!ENTITY x \"y\">", "<!DOCTYPE a><!DOCTYPE a><a/>", "<?pi never closed",
        "<a><!DOCTYPE a></a>", "<a\u{2028}/>",
    ])
    func refused(_ text: String) {
        #expect(XMLPrettyPrinter.lines(text) == nil)
    }

    @Test("deep nesting stays linear: indentation stops growing")
    func deepNesting() throws {
        let depth = 20_000
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let lines = try #require(pretty(xml))
        #expect(lines.count == 2 * depth - 1)
        #expect(lines[depth - 1] == String(repeating: " ", count: XMLPrettyPrinter.maxIndentDepth * 2) + "<a></a>")
        #expect(lines.map(\.count).max() == XMLPrettyPrinter.maxIndentDepth * 2 + 7)
    }

    @Test("a large document formats completely")
    func largeDocument() throws {
        let item = "<item id=\"42\" kind='x'><name>Ada &amp; Co</name><note><![CDATA[a < b]]></note><empty/></item>"
        let count = 10_000
        let lines = try #require(pretty("<items>" + String(repeating: item, count: count) + "</items>"))
        #expect(lines.count == 2 + 7 * count)
        #expect(lines[1...7] == [
            "  <item id=\"42\" kind='x'>", "    <name>Ada &amp; Co</name>", "    <note>", "      <![CDATA[a < b]]>", "    </note>",
            "    <empty/>", "  </item>",
        ])
    }

    static let fuzzSeed = """
    \u{FEFF}<?xml version="1.0" encoding="utf-8"?>
    <!DOCTYPE r [ <!ENTITY e "v"> <!-- ] --> ]>
    <!-- lead -->
    <s:Envelope xmlns:s="urn:s" a='1' b="2"><s:Body>
      <m:R xmlns:m="urn:m">text &e; &#x41;<i/><j k="&lt;"></j>
        <![CDATA[ <not> a tag ]]><?pi data?>
        <long>line one
        line two</long>
      </m:R>
    </s:Body></s:Envelope>
    <!-- tail -->
    """

    /// Characters that matter to XML, to push mutations through every branch of the tokenizer.
    static let markup: [Character] = Array("<>/!?[]-=\"'&;: \n\r\u{2028}\u{85}\u{FFFD}")

    @Test("mutated documents never crash, and every piece keeps to its line and to the text as sent")
    func fuzz() {
        var random = SeededRandom(seed: 0x5EED_0A11)
        var formatted = 0
        for iteration in 0..<3000 {
            var text = random.mutate(Self.fuzzSeed)
            if iteration.isMultiple(of: 2) {
                var characters = Array(text)
                for _ in 0..<(1 + random.next(upTo: 4)) where !characters.isEmpty {
                    characters[random.next(upTo: characters.count)] = Self.markup[random.next(upTo: Self.markup.count)]
                }
                text = String(characters)
            }
            guard let lines = XMLPrettyPrinter.lines(text) else { continue }
            formatted += 1
            #expect(!lines.joined().contains { $0.text.contains(where: \.isNewline) }, "\(text.debugDescription)")
            // Only whitespace moves: every other scalar is kept, in order.
            let kept = lines.joined().flatMap(\.text.unicodeScalars).filter { !$0.properties.isWhitespace }
            let sent = text.unicodeScalars.drop { $0 == "\u{FEFF}" }.filter { !$0.properties.isWhitespace }
            #expect(kept == Array(sent), "\(text.debugDescription)")
        }
        // The mutations must leave enough documents valid to exercise the layout too.
        #expect(formatted > 100)
    }

    @Test("random bytes, decoded with replacement characters, never crash")
    func randomBytes() {
        var random = SeededRandom(seed: 0x5EED_0A12)
        let bytes: [UInt8] = Array("<>/!?[]-=\"' \nax".utf8) + [0xC3, 0xA9, 0xFF, 0xE2, 0x80, 0xA8, 0xEF, 0xBB, 0xBF]
        for _ in 0..<2000 {
            let input = (0..<random.next(upTo: 200)).map { _ in bytes[random.next(upTo: bytes.count)] }
            _ = XMLPrettyPrinter.lines("<a>" + String(decoding: input, as: UTF8.self) + "</a>")
            _ = XMLPrettyPrinter.lines(String(decoding: input, as: UTF8.self))
        }
    }
}
