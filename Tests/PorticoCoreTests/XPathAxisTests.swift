import PorticoCore
import Testing

/// Every axis of section 2.2, from elements, attributes and text nodes, alone and from node-sets.
struct XPathAxisTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let expression: String
        let names: [String]
        init(_ expression: String, _ names: String) {
            self.expression = expression
            self.names = names.split(separator: " ").map(String.init)
        }
        var testDescription: String { expression }
    }

    static let cases: [Case] = [
        .init("/r/child::*/@n", "a f g"),
        .init("/r/*/@n", "a f g"),
        .init("//c/child::node()", "2 3"),
        .init("//a/descendant::*/@n", "b c d e"),
        .init("//c/descendant-or-self::*/@n", "c d"),
        .init("/descendant::*/@n", "r a b c d e f g h"),
        .init("//d/parent::*/@n", "c"),
        .init("//d/../@n", "c"),
        .init("/r/parent::node()", "123456"),
        .init("//d/ancestor::*/@n", "r a c"),
        .init("//d/ancestor-or-self::*/@n", "r a c d"),
        .init("//d/text()/ancestor::*/@n", "r a c d"),
        .init("//b/following-sibling::*/@n", "c e"),
        .init("//e/preceding-sibling::*/@n", "b c"),
        .init("//c/following::*/@n", "e f g h"),
        .init("//f/preceding::*/@n", "a b c d e"),
        .init("//d/preceding::*/@n", "b"),
        .init("//h/preceding::text()", "1 2 3 4 5"),
        .init("//b/attribute::*", "b"),
        .init("//b/attribute::n", "b"),
        .init("//c/self::*/@n", "c"),
        .init("//c/self::d/@n", ""),
        .init("//c/./@n", "c"),
        .init("//c/text()", "2"),
        // An attribute's parent is its element, yet it is no child of it; what follows it in
        // document order is the element's content.
        .init("//b/@n/../@n", "b"),
        .init("//c/@n/following::*/@n", "d e f g h"),
        .init("//c/@n/preceding::*/@n", "b"),
        .init("//c/@n/ancestor::*/@n", "r a c"),
        .init("//c/@n/following-sibling::node()", ""),
        .init("//c/@n/preceding-sibling::node()", ""),
        .init("//c/@n/child::node()", ""),
        .init("//c/@n/descendant-or-self::node()", "c"),
        .init("//c/@n/attribute::*", ""),
        .init("//d/text()/following-sibling::node()", ""),
        .init("//c/text()/following-sibling::*/@n", "d"),
        // From several context nodes: one node-set, in document order, without duplicates.
        .init("(//b | //c)/following-sibling::*/@n", "c e"),
        .init("(//c | //e)/preceding-sibling::*/@n", "b c"),
        .init("//*/ancestor::*/@n", "r a c g"),
        .init("//*/descendant::*/@n", "a b c d e f g h"),
        .init("(//d | //f)/following::*/@n", "e f g h"),
        .init("(//c | //g)/preceding::*/@n", "a b c d e f"),
        .init("//*/parent::*/@n", "r a c g"),
        .init("(//d/@n | //c)/descendant-or-self::node()", "23 2 3 d 3"),
    ]

    @Test(arguments: cases)
    func selects(_ testCase: Case) throws {
        #expect(try XPathFixtures.value(testCase.expression, in: XPathFixtures.tree) == .nodes(testCase.names))
    }

    static let proximityCases: [Case] = [
        // Reverse axes count from the context node outwards.
        .init("//d/ancestor::*[1]/@n", "c"),
        .init("//d/ancestor::*[last()]/@n", "r"),
        .init("//d/ancestor-or-self::*[2]/@n", "c"),
        .init("//e/preceding-sibling::*[1]/@n", "c"),
        .init("//e/preceding-sibling::*[2]/@n", "b"),
        .init("//f/preceding::*[1]/@n", "e"),
        .init("//f/preceding::*[position() < 3]/@n", "d e"),
        .init("//b/following-sibling::*[1]/@n", "c"),
        .init("//c/following::*[2]/@n", "f"),
        .init("//a/descendant::*[last()]/@n", "e"),
        // A position counts along the axis from each context node on its own.
        .init("//*/child::*[1]/@n", "a b d h"),
        .init("//*/preceding-sibling::*[1]/@n", "a b c f"),
    ]

    @Test(arguments: proximityCases)
    func countsPositionsAlongTheAxis(_ testCase: Case) throws {
        #expect(try XPathFixtures.value(testCase.expression, in: XPathFixtures.tree) == .nodes(testCase.names))
    }

    @Test func rootNodeHasNoParentAndIsItsOwnAncestorOrSelf() throws {
        #expect(try XPathFixtures.value("/..", in: XPathFixtures.tree) == .nodes([]))
        #expect(try XPathFixtures.value("count(/ancestor-or-self::node())", in: XPathFixtures.tree) == .number(1))
        #expect(try XPathFixtures.value("count(/r/ancestor::node())", in: XPathFixtures.tree) == .number(1))
    }

    @Test func commentsAndProcessingInstructionsAreNodes() throws {
        let xml = "<?first go?><!-- before --><r><!--inside--><?style color?>t<?other x?></r><!--after-->"
        #expect(try XPathFixtures.value("/comment()", in: xml) == .nodes([" before ", "after"]))
        #expect(try XPathFixtures.value("//comment()", in: xml) == .nodes([" before ", "inside", "after"]))
        #expect(try XPathFixtures.value("//processing-instruction()", in: xml) == .nodes(["go", "color", "x"]))
        #expect(try XPathFixtures.value("//processing-instruction('style')", in: xml) == .nodes(["color"]))
        #expect(try XPathFixtures.value("name(/r/processing-instruction()[1])", in: xml) == .string("style"))
        #expect(try XPathFixtures.value("count(/node())", in: xml) == .number(4))
        #expect(try XPathFixtures.value("/r/node()[3]", in: xml) == .nodes(["t"]))
        // A comment is no text: the string-value of an element ignores it.
        #expect(try XPathFixtures.value("string(/r)", in: xml) == .string("t"))
        #expect(try XPathFixtures.value("/r/text()/preceding-sibling::comment()", in: xml) == .nodes(["inside"]))
    }
}
