import PorticoCore
import Testing

/// Section 3.4: comparisons between node-sets, numbers, strings and booleans.
struct XPathComparisonTests {
    /// Prices 9.99 7.5 4; years 1965 1968; titles Dune Ubik Analog.
    @Test(arguments: [
        // A node-set and a number: true when some node's value, as a number, compares so.
        ("//year = 1968", true), ("//year = 1970", false), ("//year != 1965", true), ("//price < 5", true),
        ("//price > 9.99", false), ("//price >= 9.99", true), ("5 > //price", true), ("4 >= //price", true), ("3 > //price", false),
        ("//title = 1", false), ("//title != 1", true),
        ("//nothing = 1", false), ("//nothing != 1", false),
        // A node-set and a string: compared as strings by = and !=, as numbers by the others.
        ("//title = 'Ubik'", true), ("//title = 'ubik'", false), ("//title != 'Ubik'", true), ("'Dune' = //title", true),
        ("//year = '1968'", true), ("//year = ' 1968'", false), ("//year < '1966'", true), ("//price <= '4'", true),
        // A node-set and a boolean: the node-set's own boolean.
        ("//book = true()", true), ("//nothing = false()", true), ("//nothing = true()", false),
        ("//book != false()", true), ("true() = //nothing", false), ("//year[1] = true()", true),
        ("//nothing < true()", true),
        // Two node-sets: some pair of nodes compares so.
        ("//book/title = //magazine/title", false), ("//title = //book[2]/title", true),
        ("//book/year != //book/year", true), ("//book[1]/year != //book[1]/year", false),
        ("//book/year < //book/year", true), ("//book[2]/year < //book[1]/year", false), ("//price > //year", false),
        ("//title < //price", false), ("//nothing = //nothing", false), ("//nothing != //book", false),
        // Neither a node-set: = and != by boolean if either is one, else by number if either is one, else by string.
        ("1 = '1'", true), ("1 = '1.0'", true), ("'1' = '1.0'", false), ("true() = 'x'", true), ("false() = ''", true),
        ("true() = 2", true), ("0 = false()", true), ("'abc' != 'abc'", false), ("'a' < 'b'", false), ("'1' < '2'", true),
        ("true() > false()", true), ("1 div 0 > 1000000", true), ("-1 div 0 < -1000000", true),
        ("0 div 0 = 0 div 0", false), ("0 div 0 != 0 div 0", true), ("0 div 0 < 1", false), ("0 div 0 >= 1", false),
        ("0 = -0", true),
        // Characters, not Swift's canonical equivalence: a precomposed é is not e + combining accent.
        ("'\u{E9}' = 'e\u{301}'", false), ("'\u{E9}' != 'e\u{301}'", true),
        // Chains are left to right: (1 = 1) = 1, then true() = 1.
        ("1 = 1 = 1", true), ("3 > 2 > 1", false), ("1 < 2 = true()", true),
    ])
    func compares(_ expression: String, _ expected: Bool) throws {
        #expect(try XPathFixtures.value(expression) == .boolean(expected))
    }

    @Test func predicatesUseTheSameRules() throws {
        #expect(try XPathFixtures.value("//book[year > 1966]/title") == .nodes(["Ubik"]))
        #expect(try XPathFixtures.value("//*[price < 5]/@id") == .nodes(["m1"]))
        #expect(try XPathFixtures.value("//book[@id = 'b2']/year") == .nodes(["1968"]))
        #expect(try XPathFixtures.value("//book[year = 1968] = //book[2]") == .boolean(true))
        #expect(try XPathFixtures.value("count(//*[title != 'Dune'])") == .number(2))
        #expect(try XPathFixtures.value("count(//*[not(title = 'Dune')])") == .number(11))
    }
}

/// Operators other than comparisons, and how expressions combine.
struct XPathOperatorTests {
    @Test(arguments: [
        ("1 + 2", 3.0), ("5 - 3 - 1", 1), ("2 * 3 + 4", 10), ("2 + 3 * 4", 14), ("(2 + 3) * 4", 20),
        ("7 div 2", 3.5), ("1 div 0", .infinity), ("-1 div 0", -.infinity),
        ("5 mod 2", 1), ("5 mod -2", 1), ("-5 mod 2", -1), ("-5 mod -2", -1), ("5.5 mod 2", 1.5),
        ("-3", -3), ("--3", 3), ("- - 3", 3), ("-(1 - 4)", 3), ("3 - -3", 6),
        ("//year[1] + 1", 1966), ("sum(//year) div count(//year)", 1966.5), ("//price * 2", 19.98),
        ("true() + true()", 2), ("'3' * '4'", 12), (".5 + 1.", 1.5),
        // Names and operators: `div`, `mod`, `and`, `or` are names where an operand is expected.
        ("count(//div) + 1", 1),
    ])
    func arithmetic(_ expression: String, _ expected: Double) throws {
        #expect(try XPathFixtures.value(expression) == .number(expected))
    }

    @Test func namesThatLookLikeOperators() throws {
        let xml = "<div><mod>2</mod><and>3</and><or>x</or><div>4</div></div>"
        #expect(try XPathFixtures.value("div/mod * div/and", in: xml) == .number(6))
        #expect(try XPathFixtures.value("/div/div div /div/mod", in: xml) == .number(2))
        #expect(try XPathFixtures.value("boolean(div/or and div/and)", in: xml) == .boolean(true))
        #expect(try XPathFixtures.value("count(//*[self::and or self::or])", in: xml) == .number(2))
        #expect(try XPathFixtures.value("/div/*[1] * 2", in: xml) == .number(4))
    }

    @Test func logic() throws {
        #expect(try XPathFixtures.value("1 and 0") == .boolean(false))
        #expect(try XPathFixtures.value("1 or 0") == .boolean(true))
        #expect(try XPathFixtures.value("'' or //nothing or 0") == .boolean(false))
        #expect(try XPathFixtures.value("//book and 'x' and 1") == .boolean(true))
        // and binds tighter than or.
        #expect(try XPathFixtures.value("1 or 0 and 0") == .boolean(true))
        #expect(try XPathFixtures.value("(1 or 0) and 0") == .boolean(false))
    }

    @Test func union() throws {
        #expect(try XPathFixtures.value("//book/title | //magazine/@id") == .nodes(["Dune", "Ubik", "m1"]))
        // Document order and no duplicates, whatever the order written.
        #expect(try XPathFixtures.value("//magazine/title | //book[1]/title | //title") == .nodes(["Dune", "Ubik", "Analog"]))
        #expect(try XPathFixtures.value("count(//book | //book/@id | //nothing)") == .number(4))
        #expect(try XPathFixtures.value("(//book | //magazine)[2]/title") == .nodes(["Ubik"]))
        #expect(try XPathFixtures.value("(//book | //magazine)[last()]/@id") == .nodes(["m1"]))
        #expect(try XPathFixtures.value("(//book | //magazine)/title[. = 'Analog']/../@id") == .nodes(["m1"]))
        #expect(try XPathFixtures.value("-count(//book | //magazine)") == .number(-3))
    }
}

/// Predicates (section 2.4) and filter expressions (section 3.3).
struct XPathPredicateTests {
    @Test(arguments: [
        ("//book[1]/title", ["Dune"]), ("//book[2]/title", ["Ubik"]), ("//book[3]/title", []), ("//book[0]/title", []),
        ("//book[1.5]/title", []), ("//book[last()]/title", ["Ubik"]), ("//book[last() - 1]/title", ["Dune"]),
        ("//book[position() > 1]/title", ["Ubik"]), ("//book[position() = last()]/@id", ["b2"]),
        ("//book[@lang]/title", ["Dune"]), ("//book[@lang = 'fr']/title", []), ("//*[@id][2]/@id", ["b2"]),
        ("//book[year][price < 8]/title", ["Ubik"]), ("//book[price < 10][2]/title", ["Ubik"]),
        ("//book[2][price < 10]/title", ["Ubik"]), ("//book[price < 8][1]/title", ["Ubik"]),
        ("//book[title = 'Dune' or year = 1968]/@id", ["b1", "b2"]), ("//book[title = 'Dune' and year = 1968]/@id", []),
        ("//book[count(*) = 3][last()]/@id", ["b2"]), ("/library/*[title][1]/@id", ["b1"]),
        ("//book[string(year)]/@id", ["b1", "b2"]), ("//book['']/@id", []), ("//book[true()][1]/@id", ["b1"]),
        // A filter expression numbers its nodes in document order, whatever the axis.
        ("(//price)[1]", ["9.99"]), ("(//price)[last()]", ["4"]), ("(//title/ancestor::*)[1]/@id", []),
        ("(//year/preceding::*)[1]/@id", ["b1"]), ("//year/preceding::*[1]", ["Dune", "Ubik"]),
        ("(//book)[2]/title", ["Ubik"]), ("(//book/title)[. != 'Dune']", ["Ubik"]),
        ("(//book)[title = 'Ubik']//price", ["7.5"]),
        // The predicate's context: the node tested, not the outer one.
        ("//book[../magazine]/@id", ["b1", "b2"]), ("//book[/library/magazine/price < price]/@id", ["b1", "b2"]),
        ("//book[. = 'Ubik19687.5']/@id", ["b2"]),
    ])
    func selects(_ expression: String, _ expected: [String]) throws {
        #expect(try XPathFixtures.value(expression) == .nodes(expected))
    }
}
