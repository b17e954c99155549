import Foundation
@testable import PorticoCore
import Testing

@Suite("XMLLineIndexer")
struct XMLLineIndexerTests {
    /// Where a line starts, how deep it is and what it is, as the index holds it.
    struct IndexedLine: Equatable, CustomStringConvertible {
        var offset: Int
        var depth: Int
        var flags: LineIndex.Flags

        var description: String { "\(offset)/\(depth)/\(flags.rawValue)" }
    }

    /// The printer's lines, in the viewer's kinds of piece.
    private static func printed(_ xml: String) -> [[StyledPiece]]? {
        XMLPrettyPrinter.lines(xml)?.map { line in line.map { StyledPiece($0.text, kind($0.kind)) } }
    }

    private static func kind(_ kind: XMLPrettyPrinter.TokenKind) -> StyledPiece.Kind {
        switch kind {
        case .punctuation: .punctuation
        case .elementName: .elementName
        case .attributeName: .attributeName
        case .attributeValue: .attributeValue
        case .text: .plain
        case .comment: .comment
        case .declaration: .declaration
        }
    }

    /// The document of `xml`, indexed whole.
    private static func document(_ xml: String) -> BodyDocument {
        let document = BodyDocument(text: xml, layout: .xml)
        document.indexAll()
        return document
    }

    /// The lines the indexer finds in `bytes` fed `blockSize` bytes at a time.
    private static func lines(_ bytes: [UInt8], blockSize: Int) -> Result<[IndexedLine], NotThisFormat> {
        indexInBlocks(XMLLineIndexer(), bytes, blockSize: blockSize).map { index in
            (0..<index.count).map { IndexedLine(offset: index.offset(of: $0), depth: index.depth(of: $0), flags: index.flags(of: $0)) }
        }
    }

    static let soapEnvelope = """
    <?xml version="1.0" encoding="UTF-8"?>
    <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:m='urn:example:prices'>\
    <soap:Header/><soap:Body><m:GetPriceResponse><m:Price currency="EUR">34.5</m:Price>\
    <m:Note>Fish &amp; chips</m:Note></m:GetPriceResponse></soap:Body></soap:Envelope>
    """

    static let rss = """
    <?xml version="1.0" encoding="utf-8"?>
    <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel>
        <title>Portico – release notes</title>
        <link>https://example.com/</link>
        <atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml" />
        <description>What changed, week by week, in a text long enough to be printed on a line of its own.</description>
        <item>
          <title>Ça marche: 日本語 and emoji 😀</title>
          <dc:creator><![CDATA[Ada & Grace]]></dc:creator>
          <description><![CDATA[<p>HTML <b>inside</b></p>]]></description>
          <pubDate>Sun, 29 Nov 2026 15:53:26 +0000</pubDate>
          <guid isPermaLink="false">42</guid>
        </item>
      </channel>
    </rss>

    """

    static let prologAndSpecialSections = """
    <?xml version="1.0"?>
    <!DOCTYPE note [
      <!ENTITY who "Ada">
      <!-- a ] and a > in a comment -->
      <!ATTLIST note kind CDATA "a>b">
      <?pi in the subset?>
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

    /// Documents covering what the printer lays out, one construct or whitespace variant at a time.
    static let documents: [String] = [
        soapEnvelope, rss, prologAndSpecialSections, XMLPrettyPrinterTests.fuzzSeed,
        // Attributes: both quotes, the other quote inside, whitespace around `=`, across lines.
        "<a   x = \"1\"\n\t y='it\"s' z=\"it's\"   />",
        "<a x=\"1\" ></a >",
        "<a\r\n  first=\"1\"\r\n  second='2'\r\n>text</a>",
        // Empty elements, self-closing or not.
        "<list><item/><item />\n  <item></item><item>  \n </item></list>",
        "<only/>",
        "<a><b></b><c/><d>  </d></a>",
        // Short text beside its tags, long text on its own line; 80 characters fit, 81 do not.
        "<a><name>\n  Ada  \n</name><bio>\(String(repeating: "word ", count: 20))</bio></a>",
        "<a><b>\(String(repeating: "x", count: 80))</b><c>\(String(repeating: "x", count: 81))</c></a>",
        "<a><b>\(String(repeating: "é", count: 80))</b><c>\(String(repeating: "é", count: 81))</c></a>",
        "<a><b>\(String(repeating: "x", count: 79))      x</b><c>\(String(repeating: "x", count: 80))      </c></a>",
        // Mixed content.
        "<p>Hello <b>world</b>, again!</p>",
        "<p>one<br/>two<!-- c -->three<![CDATA[four]]>five<?pi six?>seven</p>",
        // Multi-line text: blank lines inside kept, at its ends dropped; every kind of line break.
        "<doc><msg>\n      first line\n        second line\r\n\n      third\n   </msg></doc>",
        "<a>x\n\n\n\n   \n\t\ny</a>",
        "<a>x\n\n\n</a>",
        "<a>\n\n\nx</a>",
        "<a>x\r\ry\r\n\r\nz</a>",
        "<a>x\u{0B}y\u{0C}z</a>",
        "<a>\u{0B}</a>",
        "<a>x\u{0B}</a>",
        "<a>x\u{0B}\n</a>",
        "<a>x\n\u{0B}</a>",
        "<a>x\u{0B}\u{0B}y</a>",
        "<a>\u{0B}\n\n x</a>",
        "<a>x\u{85}y\u{2028}z\u{2029}</a>",
        "<a>\u{2028}x\n\n\u{85}\n</a>",
        "<a>© is not a line break, nor is \u{2026} or \u{2030}</a>",
        "<a><b/>\n\n  tail\n\n  more  \n</a>",
        // Comments, CDATA, instructions and declarations over several lines, with every line break.
        "<a><!-- one\n  two\r\n\n three --></a>",
        "<a><!--\n--></a>",
        "<a><!-- - -- --- -\n-> x --></a>",
        "<a><!---->\n<!-- -->x</a>",
        "<script><![CDATA[\nline 1\n    line 2\n]]></script>",
        "<a><![CDATA[]]><![CDATA[x]\n]>]]]></a>",
        "<?xml version=\"1.0\"\n  encoding=\"UTF-8\"?>\n<a><?pi\r\n data ??></a>",
        "<!DOCTYPE a [\n  <!ENTITY x \"multi\nline > string\">\n  <!-- a\ncomment > -->\n  <?pi a\n> ?>\n]>   \n<a/>",
        "<!DOCTYPE a>\n\n   <!-- after -->\n<a/>",
        "<!DOCTYPE a [ <!ELEMENT a (#PCDATA)> ]><a/>",
        "<!DOCTYPE a [<!-x > ]>\n<a/>",
        "<a x=\"one\ntwo\" y='three\r\nfour\u{2028}five'>short</a>",
        "<a x=\"one\n\n\">\n<b/></a>",
        "<a x=\"\r\">t</a>",
        "<a x=\"1\n2\"/>",
        // Comments and instructions around the root, a byte order mark, whitespace everywhere.
        "\u{FEFF}\n  <a><b/></a>",
        "\n\n<!-- lead -->\n<?pi?>\n<a/>\n<!-- tail --> \n\n",
        "<a/><!-- one\ntwo -->   \r\n",
        "<a/>\n<?pi one\ntwo?>\n\n",
        // Names with namespaces and characters beyond ASCII, entities as written.
        "<ns:a xmlns:ns=\"urn:x\"><ns:b ns:c='&amp;&#x41;'>&lt;&gt;</ns:b><日本 語='値'>テキスト</日本></ns:a>",
        "<a><b>Fish &amp; chips &#169; &unknown;</b></a>",
        // Deep nesting.
        String(repeating: "<a>", count: 100) + "x" + String(repeating: "</a>", count: 100),
        String(repeating: "<a><b/>", count: 70) + String(repeating: "</a>", count: 70),
    ]

    @Test("every line is the printer's, piece by piece and kind by kind", arguments: documents)
    func matchesPrinter(_ xml: String) throws {
        let expected = try #require(Self.printed(xml))
        let document = Self.document(xml)
        #expect(document.layout == .xml)
        #expect(document.problem == nil)
        #expect(document.lines(0..<document.lineCount) == expected)
    }

    @Test("any split of the body into blocks gives the same index", arguments: documents)
    func blockSplits(_ xml: String) throws {
        let bytes = Array(xml.utf8)
        let whole = try Self.lines(bytes, blockSize: max(1, bytes.count)).get()
        for blockSize in 1...7 {
            #expect(try Self.lines(bytes, blockSize: blockSize).get() == whole, "blocks of \(blockSize)")
        }
    }

    @Test("closing tags are marked as closers; a closing tag on its element's line is not a line")
    func closers() {
        let document = Self.document("<a>\n  <b>x</b>\n  <c><d/></c>\n</a>")
        #expect(document.lineCount == 6)
        #expect((0..<6).map { document.shape(ofLine: $0).flags } == [[], [], [], [], [.closer], [.closer]])
        #expect((0..<6).map { document.shape(ofLine: $0).depth } == [0, 1, 1, 2, 1, 0])
    }

    @Test("a line starts at its first shown byte")
    func lineStarts() throws {
        let xml = "<a>\n  <b>x</b>\n  text\n</a>"
        let lines = try Self.lines(Array(xml.utf8), blockSize: 64).get()
        #expect(lines.map(\.offset) == [0, 6, 17, 22])
    }

    @Test("a comment, section, declaration or value on several lines goes on unindented, in continuation lines")
    func continuations() {
        let document = Self.document("<a>\n  <b c=\"1\n2\">\n    <!-- x\n    y -->\n  </b>\n</a>")
        #expect(document.lines(0..<document.lineCount).map { $0.map(\.text).joined() } == [
            "<a>", "  <b c=\"1", "2\">", "    <!-- x", "    y -->", "  </b>", "</a>",
        ])
        #expect(document.shape(ofLine: 2).flags == .continuation)
        #expect(document.shape(ofLine: 4).flags == .continuation)
    }

    /// Not XML, with the offset where the indexer finds out.
    static let malformed: [(xml: String, offset: Int, reason: String)] = [
        ("", 0, "an empty body"),
        ("   \n", 4, "no root element"),
        ("<?xml version=\"1.0\"?>", 21, "no root element"),
        ("{\"a\": 1}", 0, "text outside the root element"),
        ("text before <a/>", 0, "text outside the root element"),
        ("<a/>text after", 4, "text outside the root element"),
        ("<a>in</a>out", 9, "text outside the root element"),
        ("\u{FEFF}\u{FEFF}<a/>", 3, "text outside the root element"),
        ("<a/><b/>", 4, "a second root element"),
        ("<a>", 3, "an element is not closed"),
        ("<a><b></b>", 10, "an element is not closed"),
        ("<a><b></a>", 6, "a closing tag that does not match its element"),
        ("<ab></a>", 4, "a closing tag that does not match its element"),
        ("<a></ab>", 3, "a closing tag that does not match its element"),
        ("<a></>", 3, "a closing tag without a name"),
        ("<a></a b>", 7, "a closing tag that is not well formed"),
        ("</a>", 0, "a closing tag with no element open"),
        ("<a/></a>", 4, "a closing tag with no element open"),
        ("<>", 1, "a tag without a name"),
        ("< a/>", 1, "a tag without a name"),
        ("<a<b/>", 2, "a tag that is not well formed"),
        ("<a x=1/>", 5, "an attribute value without quotes"),
        ("<a x/>", 4, "an attribute without a value"),
        ("<a =\"1\"/>", 3, "an attribute without a name"),
        ("<a x=\"1\"y=\"2\"/>", 8, "attributes without whitespace between them"),
        ("<a x=\"<\"/>", 6, "a < inside an attribute value"),
        ("<a x=\"unclosed></a>", 15, "a < inside an attribute value"),
        ("<a / >", 4, "a / inside a tag"),
        ("<a\u{2028}/>", 2, "a line break inside a tag"),
        ("<a\u{0B}/>", 2, "a line break inside a tag"),
        ("<a x\u{85}=\"1\"/>", 4, "a line break inside a tag"),
        ("<a><!-- never closed</a>", 24, "the XML ends early"),
        ("<a><![CDATA[never closed</a>", 28, "the XML ends early"),
        ("<![CDATA[x]]><a/>", 0, "CDATA outside the root element"),
        ("<!ELEMENT a><a/>", 0, "markup that is not XML"),
        ("<a><!- x --></a>", 3, "markup that is not XML"),
        ("<a/><!DOCTYPE a>", 4, "a DOCTYPE out of place"),
        ("<!DOCTYPE a><!DOCTYPE a><a/>", 12, "a DOCTYPE out of place"),
        ("<!DOCTYPE a [ <!ENTITY x \"y\">", 29, "the XML ends early"),
        ("<?pi never closed", 17, "the XML ends early"),
    ]

    @Test("what is not XML is refused where it breaks", arguments: malformed)
    func refusedAt(_ xml: String, _ offset: Int, _ reason: String) {
        #expect(Self.lines(Array(xml.utf8), blockSize: 3) == .failure(NotThisFormat(offset: offset, reason: reason)))
        #expect(XMLPrettyPrinter.lines(xml) == nil)
    }

    @Test("a body that is not XML after all is shown as text, saying where it broke")
    func fallsBackToText() {
        let document = Self.document("<a>\n  <b>\n</a>\n")
        #expect(document.layout == .text)
        #expect(document.problem == NotThisFormat(offset: 10, reason: "a closing tag that does not match its element"))
        #expect(document.lines(0..<document.lineCount).map { $0.map(\.text).joined() } == ["<a>", "  <b>", "</a>"])
    }

    @Test("a line longer than is drawn is cut, mid-character or not, and names what is left")
    func longLines() {
        let long = String(repeating: "é", count: 20_000)
        for xml in [
            "<a>x\(long)</a>", "<a>\(long)<b/></a>", "<a><!--x\(long)--></a>", "<a><![CDATA[x\(long)]]></a>",
            "<a b=\"x\(long)\"/>", "<a b='\(long)'>x</a>", "<a><b>x</b>\n<c x=\"1\n\(long)\"/></a>",
        ] {
            let document = Self.document(xml)
            #expect(document.layout == .xml)
            let lines = document.lines(0..<document.lineCount)
            let cut = lines.filter { $0.last?.kind == .muted }
            #expect(cut.count == 1, "\(xml.prefix(20))")
            #expect(cut.first?.last?.text.contains("more bytes on this line") == true)
            #expect(cut.first.map { $0.map(\.text).joined().count } ?? 0 > 8000)
        }
    }

    @Test("blank lines between text cost nothing until the text goes on, then are all shown")
    func blankRuns() throws {
        // Short of the 16 KiB drawn of a line: whitespace the printer drops ends the line before it.
        let blanks = String(repeating: "\n \r\n\t", count: 3000)
        for xml in ["<a>x\(blanks)</a>", "<a>x\(blanks)y</a>", "<a><b/>x\(blanks)<c/>\(blanks)y\(blanks)</a>"] {
            let document = Self.document(xml)
            #expect(document.lines(0..<document.lineCount) == Self.printed(xml))
        }
    }

    @Test("deep nesting keeps its depth in the index; the indentation stops growing as printed")
    func deepNesting() throws {
        let depth = 5000
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let document = Self.document(xml)
        #expect(document.lineCount == 2 * depth - 1)
        #expect(document.shape(ofLine: depth - 1).depth == depth - 1)
        #expect(document.lines(0..<document.lineCount) == Self.printed(xml))
    }

    @Test("mutated documents: wherever the printer formats, the index shows its lines, however the body is split")
    func mutations() {
        var random = SeededRandom(seed: 0x5EED_0A13)
        let seeds = Self.documents.filter { $0.utf8.count < 2000 }
        let markup = XMLPrettyPrinterTests.markup + ["\u{0B}", "\r\n", "\u{2029}", "é"]
        var formatted = 0
        for iteration in 0..<3000 {
            var text = random.mutate(seeds[random.next(upTo: seeds.count)])
            if iteration.isMultiple(of: 2) {
                var characters = Array(text)
                for _ in 0..<(1 + random.next(upTo: 4)) where !characters.isEmpty {
                    characters[random.next(upTo: characters.count)] = markup[random.next(upTo: markup.count)]
                }
                text = String(characters)
            }
            let document = Self.document(text)
            let shown = document.lines(0..<document.lineCount)
            let bytes = Array(text.utf8)
            let blockSize = 1 + random.next(upTo: 9)
            let split = Self.lines(bytes, blockSize: blockSize)
            #expect(split == Self.lines(bytes, blockSize: bytes.count + 1), "blocks of \(blockSize): \(text.debugDescription)")
            if case .success(let lines) = split {
                #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.offset <= $1.offset }, "\(text.debugDescription)")
            }
            guard let printed = Self.printed(text) else { continue }
            formatted += 1
            #expect(document.layout == .xml, "\(text.debugDescription): \(String(describing: document.problem))")
            #expect(shown == printed, "\(text.debugDescription)")
        }
        #expect(formatted > 300)
    }

    /// Random well-formed documents built from the pieces where layout is subtle: whitespace and
    /// every kind of line break in text, values, comments, sections and declarations.
    struct DocumentMaker {
        var random: SeededRandom
        static let spaces = ["", "", " ", "\n", "\r\n", "\r", "\t", "\n\n", "  \n  ", " \n \r\n "]
        static let texts = [
            "x", "hello world", "é€😀", "©", "\u{2026}", "&amp;", ">", "]]>", "a  b", "a\nb", "a\r\n\r\nb",
            "a\u{0B}b", "a\u{85}b", "\u{2028}", "\u{0C}", String(repeating: "w", count: 80), String(repeating: "w", count: 81),
        ]

        mutating func pick(_ choices: [String]) -> String { choices[random.next(upTo: choices.count)] }

        mutating func attribute() -> String {
            let quote = pick(["\"", "'"])
            let value = pick(["", "1", "x\ny", "a\r\nb", "a\r", "\u{2028}", quote == "\"" ? "it's" : "say \"hi\""])
            return pick(Self.spaces) + " " + pick(["a", "ns:b", "c-d"]) + pick(["", " ", "\n"]) + "=" + pick(["", " "]) + quote + value + quote
        }

        mutating func node(depth: Int) -> String {
            switch random.next(upTo: depth > 4 ? 5 : 9) {
            case 0: return pick(Self.texts)
            case 1: return "<!--" + pick(["", " c ", "a\nb", "-", "a\r\n-", "x\u{2029}y"]) + "-->"
            case 2: return "<![CDATA[" + pick(["", "x", "a\nb", "]]", "]", "<&>", "\r\n"]) + "]]>"
            case 3: return "<?pi" + pick(["", " d", " a\nb", "?", " ?\n?"]) + "?>"
            case 4: return pick(Self.spaces)
            default:
                let name = pick(["a", "b", "ns:c", "日本"])
                var element = "<" + name
                for _ in 0..<random.next(upTo: 3) { element += attribute() }
                element += pick(["", " ", "\n"])
                if random.next(upTo: 5) == 0 { return element + "/>" }
                element += ">"
                for _ in 0..<random.next(upTo: 4) { element += node(depth: depth + 1) }
                return element + "</" + name + pick(["", " ", "\n"]) + ">"
            }
        }

        mutating func document() -> String {
            var document = pick(["", "\u{FEFF}", "\n"]) + pick(["", "<?xml version=\"1.0\"?>"]) + pick(Self.spaces)
            document += pick(["", "", "<!DOCTYPE r>", "<!DOCTYPE r SYSTEM 'x\ny'>", "<!DOCTYPE r [\n<!ENTITY e \"v\n>\">\n<!-- ] > -->\n<?p >?>\n]>"])
            document += pick(["", "<!-- lead\n -->"]) + pick(Self.spaces) + "<r>"
            for _ in 0..<random.next(upTo: 5) { document += node(depth: 1) }
            return document + "</r>" + pick(Self.spaces) + pick(["", "<!-- tail\n -->", "<?tail\n?>"]) + pick(Self.spaces)
        }
    }

    @Test("made documents: every line is the printer's, however the body is split")
    func madeDocuments() throws {
        var maker = DocumentMaker(random: SeededRandom(seed: 0x5EED_0A15))
        for _ in 0..<2000 {
            let xml = maker.document()
            let expected = try #require(Self.printed(xml), "\(xml.debugDescription)")
            let document = Self.document(xml)
            #expect(document.lines(0..<document.lineCount) == expected, "\(xml.debugDescription)")
            let bytes = Array(xml.utf8)
            let lines = try Self.lines(bytes, blockSize: 1 + maker.random.next(upTo: 9)).get()
            #expect(lines == (try Self.lines(bytes, blockSize: bytes.count).get()), "\(xml.debugDescription)")
            #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.offset <= $1.offset }, "\(xml.debugDescription)")
        }
    }

    @Test("random bytes, valid UTF-8 or not, never crash the indexer or the drawing of a line")
    func randomBytes() {
        var random = SeededRandom(seed: 0x5EED_0A14)
        let alphabet: [UInt8] = Array("<>/!?[]-=\"' \nax\r\tCDATA".utf8) + [0xC2, 0x85, 0xA9, 0xFF, 0xE2, 0x80, 0xA8, 0xEF, 0xBB, 0xBF, 0x0B]
        for iteration in 0..<3000 {
            var input = (0..<random.next(upTo: 120)).map { _ in alphabet[random.next(upTo: alphabet.count)] }
            if iteration.isMultiple(of: 2) { input = Array("<a>".utf8) + input + Array("</a>".utf8) }
            let document = BodyDocument(bytes: BodyBytes(Data(input)), layout: .xml)
            document.indexAll()
            _ = document.lines(0..<document.lineCount)
            _ = Self.lines(input, blockSize: 1 + random.next(upTo: 5))
            // Any bytes drawn as any kind of line.
            input.withUnsafeBytes { buffer in
                for depth in 0..<7 {
                    _ = XMLLineIndexer.pieces(of: buffer, depth: depth, flags: .continuation)
                }
                _ = XMLLineIndexer.pieces(of: buffer, depth: 0, flags: [])
            }
        }
    }
}
