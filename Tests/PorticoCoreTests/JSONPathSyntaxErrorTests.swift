import PorticoCore
import Testing

/// Queries that are not RFC 9535 JSONPath, with where the error is reported.
struct JSONPathSyntaxErrorTests {
    /// An invalid query, the scalar offset of its error, and a word the message must contain.
    struct InvalidQuery: CustomTestStringConvertible, Sendable {
        let query: String
        let offset: Int
        let messageContains: String
        init(_ query: String, at offset: Int, _ messageContains: String = "") {
            self.query = query
            self.offset = offset
            self.messageContains = messageContains
        }
        var testDescription: String { query }
    }

    static let invalidQueries: [InvalidQuery] = [
        .init("", at: 0, "'$'"),
        .init(" $", at: 0, "blank"),
        .init("$ ", at: 1, "blank"),
        .init("a.b", at: 0, "'$'"),
        .init("$.", at: 2, "member name"),
        .init("$. a", at: 2, "member name"),
        .init("$.1", at: 2, "member name"),
        .init("$.&", at: 2),
        .init("$.a-b", at: 3, "segment"),
        .init("$..", at: 3, "'..'"),
        .init("$.. a", at: 3, "'..'"),
        .init("$...a", at: 3),
        .init("$[", at: 2, "selector"),
        .init("$[]", at: 2, "selector"),
        .init("$[0", at: 3, "']'"),
        .init("$[0 1]", at: 4, "','"),
        .init("$[0,]", at: 4, "selector"),
        .init("$[a]", at: 2, "selector"),
        .init("$['a'", at: 5, "']'"),
        .init("$['a]", at: 2, "unterminated"),
        .init(#"$["a']"#, at: 2, "unterminated"),
        .init("$[01]", at: 2, "leading zeros"),
        .init("$[-0]", at: 2, "-0"),
        .init("$[-01]", at: 2),
        .init("$[+1]", at: 2, "selector"),
        .init("$[1.0]", at: 3),
        .init("$[9007199254740992]", at: 2, "range"),
        .init("$[-9007199254740992]", at: 2, "range"),
        .init("$[0:9007199254740992]", at: 4, "range"),
        .init("$[::-0]", at: 4, "-0"),
        .init("$[:::]", at: 4, "','"),
        .init("$[1:2:3:4]", at: 7),
        .init(#"$['\a']"#, at: 3, "escape"),
        .init(#"$['\"']"#, at: 3, "escape"),
        .init(#"$["\'"]"#, at: 3, "escape"),
        .init(#"$['\u00G0']"#, at: 7, "hex"),
        .init(#"$['\uD800']"#, at: 9, "surrogate"),
        .init(#"$['\uD800\u0041']"#, at: 9, "low surrogate"),
        .init(#"$['\uDC00']"#, at: 3, "surrogate"),
        .init("$['a\u{1}']", at: 4, "control"),
        .init("$['a\n']", at: 4, "control"),
        .init("$[?]", at: 3),
        .init("$[?@.a ==]", at: 9),
        .init("$[?@.a === 1]", at: 9),
        .init("$[?@.a = 1]", at: 7, "']'"),
        .init("$[?(@.a]", at: 7, "')'"),
        .init("$[?@.a)]", at: 6, "']'"),
        .init("$[?@.a & @.b]", at: 7, "']'"),
        .init("$[?1 == 1 == 1]", at: 10, "']'"),
        .init("$[?!1]", at: 4, "after '!'"),
        .init("$[?!@.a == 1]", at: 8),
        .init("$[?!!@.a]", at: 4),
        .init("$[?@.a == 01]", at: 10, "leading zeros"),
        .init("$[?@.a == 1.]", at: 12, "decimal point"),
        .init("$[?@.a == 1e]", at: 12, "exponent"),
        .init("$[?@.a == .5]", at: 10),
        .init("$[?@.a == True]", at: 10),
        .init("$[?@.a == nul]", at: 10),
        .init("$[?@ == [1]]", at: 8),
        .init("$[?@ == {}]", at: 8),
        .init("$[?@ .. a]", at: 7),
        .init("$[?foo(@)]", at: 3, "unknown function"),
        .init("$[?length (@) == 1]", at: 9, "function name"),
        .init("$[?Length(@) == 1]", at: 3),
        .init("$[?length(@, @) == 1]", at: 3, "1 argument"),
        .init("$[?length() == 1]", at: 3, "argument"),
        .init("$[?match(@)]", at: 3, "2 arguments"),
        .init("$[?length(@.a == 1)]", at: 10),
        .init("$[?length(@.a]", at: 13, "')'"),
        // Well-typedness (§2.4.3 and the examples of §2.4.9).
        .init("$[?length(@.*) < 3]", at: 10, "singular"),
        .init("$[?count(1) == 1]", at: 9, "query"),
        .init("$[?count(@.a == 1) == 1]", at: 9, "query"),
        .init("$[?match(@.timezone, 'Europe/.*') == true]", at: 3, "cannot be compared"),
        .init("$[?value(@..color)]", at: 3, "cannot be a test"),
        .init("$[?length(@)]", at: 3, "cannot be a test"),
        .init("$[?@.* == 1]", at: 3, "singular"),
        .init("$[?@..a == 1]", at: 3, "singular"),
        .init("$[?@[0:1] == 1]", at: 3, "singular"),
        .init("$[?@['a','b'] == 1]", at: 3, "singular"),
        .init("$[?1]", at: 3, "literal"),
        .init("$[?'a' && @.b]", at: 3, "literal"),
        .init("$[?true]", at: 3, "literal"),
        .init("$[?null || @.a]", at: 3, "literal"),
        .init("$[?match(@.a, @.*)]", at: 14, "singular"),
        .init("$[?search(@.a, match(@.b, 'c'))]", at: 15, "must be a value"),
        .init("$[?length(!@.a) == 1]", at: 10, "logical"),
        .init("$[?length((@.a)) == 1]", at: 10, "logical"),
        .init("$[?(@.a) == 1]", at: 9, "']'"),
        .init("$[?value(@.a) == $.b.*]", at: 17, "singular"),
        .init("$[?@.a == 1 && value(@.*)]", at: 15, "cannot be a test"),
    ]

    @Test("invalid queries report the offset of the mistake", arguments: invalidQueries)
    func invalid(_ example: InvalidQuery) {
        do {
            _ = try JSONPath.parse(example.query)
            Issue.record("\(example.query) parsed but should not")
        } catch {
            #expect(error.offset == example.offset, "\(example.query): \(error.message)")
            if !example.messageContains.isEmpty {
                #expect(error.message.contains(example.messageContains), "\(example.query): \(error.message)")
            }
            #expect(!error.message.isEmpty)
        }
    }

    /// §2.4.9's well-typed examples and other valid corners; each must parse.
    static let validQueries = [
        "$[?length(@) < 3]",
        "$[?count(@.*) == 1]",
        "$[?match(@.timezone, 'Europe/.*')]",
        "$[?value(@..color) == \"red\"]",
        "$[?count(@..*) > 0 && length(@.a) == 2 || !search(@.b, 'x')]",
        "$[?length(1) == 1]",
        "$[?match(count(@.*), 'a')]",
        "$[?length('abc') == length(\"d\")]",
        "$[?@['a'][0][\"b\"][-1] == 1]",
        "$[?$.a.b == @.c]",
        "$[?value($..a) == 1]",
        "$[?count(@[?@.a]) == 1]",
        "$[?-0 == 0]",
        "$[?1.5e-3 < 2E+1]",
        "$[?@.a==-1]",
        "$[?@.a!=null&&@.b>=false]",
        "$[?!(@.a)]",
        "$[?!length(@.a)]".replacingOccurrences(of: "!length(@.a)", with: "!match(@.a, 'x')"),
        "$[?((((@.a))))]",
        "$[?@.a][?@.b]..c[*].d[1:2:-1]['e']",
        "$.a_b.C9._.ü.日本",
        "$['']",
        "$[\"\\b\\f\\n\\r\\t\\/\\\\\\\"\"]",
        "$[?search(@, '[\\\\p{Lu}]')]",
    ]

    @Test("valid queries parse", arguments: validQueries)
    func valid(_ query: String) throws {
        #expect(try JSONPath.parse(query).text == query)
    }

    @Test("the offset counts Unicode scalars, so a caret can be placed under it")
    func offsetInScalars() {
        do {
            _ = try JSONPath.parse("$['😀' 1]")
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 6)
            #expect(error.message == "expected ',' or ']' after a selector")
        }
        #expect(throws: JSONPath.SyntaxError.self) { try JSONPath.parse("$.ü ") }
        do {
            _ = try JSONPath.parse("$.é.x y")
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 6)
            #expect(error.message.contains("'y'"))
            #expect(error.description == "at offset 6: \(error.message)")
        }
    }

    @Test("deeply nested filters are refused, not a stack overflow")
    func deepNesting() {
        let query = "$[?" + String(repeating: "(", count: 10_000) + "@" + String(repeating: ")", count: 10_000) + "]"
        #expect(throws: JSONPath.SyntaxError.self) { try JSONPath.parse(query) }
        let nestedFilters = "$" + String(repeating: "[?@", count: 5_000) + String(repeating: "]", count: 5_000)
        #expect(throws: JSONPath.SyntaxError.self) { try JSONPath.parse(nestedFilters) }
        #expect((try? JSONPath.parse("$[?" + String(repeating: "(", count: 30) + "@" + String(repeating: ")", count: 30) + "]")) != nil)
    }
}
