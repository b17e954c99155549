import PorticoCore
import Testing

@Suite("JSONPrettyPrinter")
struct JSONPrettyPrinterTests {
    /// The pretty text, one string per line.
    private func pretty(_ json: String) -> [String]? {
        JSONPrettyPrinter.lines(json)?.map { $0.map(\.text).joined() }
    }

    /// Every non-blank piece with its kind.
    private func pieces(_ json: String) -> [(String, JSONPrettyPrinter.TokenKind)] {
        (JSONPrettyPrinter.lines(json) ?? []).flatMap { $0 }
            .filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { ($0.text, $0.kind) }
    }

    @Test("indents objects and arrays")
    func indents() {
        #expect(pretty("{\"users\":[{\"id\":1,\"name\":\"Ada\"}]}") == [
            "{",
            "  \"users\": [",
            "    {",
            "      \"id\": 1,",
            "      \"name\": \"Ada\"",
            "    }",
            "  ]",
            "}",
        ])
    }

    @Test("keeps the document's key order")
    func keyOrder() {
        #expect(pretty("{\"zeta\":1,\"alpha\":2,\"mid\":3}") == [
            "{",
            "  \"zeta\": 1,",
            "  \"alpha\": 2,",
            "  \"mid\": 3",
            "}",
        ])
    }

    @Test("empty objects and arrays stay on one line, wherever they are")
    func emptyContainers() {
        #expect(pretty("{ \"a\" : { }, \"b\": [ ], \"c\": [{}], \"d\": [[]] }") == [
            "{",
            "  \"a\": {},",
            "  \"b\": [],",
            "  \"c\": [",
            "    {}",
            "  ],",
            "  \"d\": [",
            "    []",
            "  ]",
            "}",
        ])
        #expect(pretty("{}") == ["{}"])
        #expect(pretty(" [ ] ") == ["[]"])
    }

    @Test("re-indents a document that is already indented")
    func reindents() {
        let input = "{\n\t\"a\" :\r\n  [ 1 ,\n2 ]\n}\n"
        #expect(pretty(input) == ["{", "  \"a\": [", "    1,", "    2", "  ]", "}"])
    }

    @Test("strings with escaped quotes, backslashes and brackets are kept whole")
    func tricksyStrings() {
        let json = #"{"q":"say \"hi\" {not} [json], ok:","p":"C:\\","u":"\u00e9"}"#
        #expect(pretty(json) == [
            "{",
            #"  "q": "say \"hi\" {not} [json], ok:","#,
            #"  "p": "C:\\","#,
            #"  "u": "\u00e9""#,
            "}",
        ])
    }

    @Test("numbers are kept as spelled")
    func numbers() {
        #expect(pretty("[1.50e3,-0.0,10,1E+2,0.1000]") == ["[", "  1.50e3,", "  -0.0,", "  10,", "  1E+2,", "  0.1000", "]"])
        #expect(pieces("[1.50e3]").contains { $0.0 == "1.50e3" && $0.1 == .number })
    }

    @Test("a single value is one line")
    func scalars() {
        #expect(pretty("42") == ["42"])
        #expect(pretty("\"text\"") == ["\"text\""])
        #expect(pretty(" null ") == ["null"])
    }

    @Test("invalid JSON gives nil", arguments: [
        "", "   ", "{\"a\":1", "[1,2", "]", "[1]]", "{\"a\":1]", "[}", "\"unterminated", "{\"a\":nul}", "nope", "}{",
    ])
    func invalid(_ text: String) {
        #expect(JSONPrettyPrinter.lines(text) == nil)
    }

    @Test("more than one value, or values without separators, is not JSON", arguments: [
        "1 2", "{} {}", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1,]", "[,1]", "{\"a\":}", "{:1}",
    ])
    func invalidStructure(_ text: String) {
        // A text/plain body "1 2" would otherwise be shown as the "pretty JSON" "12".
        #expect(JSONPrettyPrinter.lines(text) == nil, "accepted as \(pretty(text) ?? [])")
    }

    @Test("keys and string values get different roles")
    func roles() {
        let found = pieces("{\"k\":\"v\",\"n\":null,\"t\":true,\"o\":{\"in\":[\"x\",1]},\"after\":\"y\"}")
        let kinds = Dictionary(found.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        #expect(kinds["\"k\""] == .key)
        #expect(kinds["\"v\""] == .string)
        #expect(kinds["\"n\""] == .key)
        #expect(kinds["null"] == .literal)
        #expect(kinds["true"] == .literal)
        #expect(kinds["\"in\""] == .key)
        #expect(kinds["\"x\""] == .string)
        #expect(kinds["1"] == .number)
        #expect(kinds["\"after\""] == .key, "a key after a nested object")
        #expect(kinds["\"y\""] == .string)
        #expect(kinds["{"] == .punctuation)
        #expect(kinds[": "] == .punctuation)
        #expect(kinds[","] == .punctuation)
    }

    @Test("a string value that looks like a key is still a value")
    func valueLikeKey() {
        let found = pieces("[\"a\",{\"b\":\"c\"},\"d\"]")
        #expect(found.filter { $0.1 == .key }.map(\.0) == ["\"b\""])
        #expect(found.filter { $0.1 == .string }.map(\.0) == ["\"a\"", "\"c\"", "\"d\""])
    }
}
