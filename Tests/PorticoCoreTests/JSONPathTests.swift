import Foundation
import PorticoCore
import Testing

/// Runs `query` on `json` and returns each node as "normalized path => compact value".
func jsonPathResults(_ query: String, _ json: String) throws -> [String] {
    let document = try JSONValue.parse(json)
    return try JSONPath.parse(query).select(in: document).map { "\($0.path) => \($0.value.serialized())" }
}

/// A row of an RFC 9535 example table: the query and the nodes it must select, in order.
struct JSONPathExample: CustomTestStringConvertible, Sendable {
    let query: String
    let expected: [String]
    init(_ query: String, _ expected: [String]) {
        self.query = query
        self.expected = expected
    }
    var testDescription: String { query }
}

/// The examples of RFC 9535, section by section.
struct JSONPathTests {
    // §1.5, Table 2/3: the bookstore.
    static let bookstore = """
    { "store": {
        "book": [
          { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
          { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
          { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
          { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
        ],
        "bicycle": { "color": "red", "price": 399 }
      }
    }
    """

    static let bookstoreExamples: [JSONPathExample] = [
        .init("$.store.book[*].author", [
            #"$['store']['book'][0]['author'] => "Nigel Rees""#,
            #"$['store']['book'][1]['author'] => "Evelyn Waugh""#,
            #"$['store']['book'][2]['author'] => "Herman Melville""#,
            #"$['store']['book'][3]['author'] => "J. R. R. Tolkien""#,
        ]),
        .init("$..author", [
            #"$['store']['book'][0]['author'] => "Nigel Rees""#,
            #"$['store']['book'][1]['author'] => "Evelyn Waugh""#,
            #"$['store']['book'][2]['author'] => "Herman Melville""#,
            #"$['store']['book'][3]['author'] => "J. R. R. Tolkien""#,
        ]),
        .init("$.store.*", [
            #"$['store']['book'] => [{"category":"reference","author":"Nigel Rees","title":"Sayings of the Century","price":8.95},{"category":"fiction","author":"Evelyn Waugh","title":"Sword of Honour","price":12.99},{"category":"fiction","author":"Herman Melville","title":"Moby Dick","isbn":"0-553-21311-3","price":8.99},{"category":"fiction","author":"J. R. R. Tolkien","title":"The Lord of the Rings","isbn":"0-395-19395-8","price":22.99}]"#,
            #"$['store']['bicycle'] => {"color":"red","price":399}"#,
        ]),
        .init("$.store..price", [
            "$['store']['book'][0]['price'] => 8.95",
            "$['store']['book'][1]['price'] => 12.99",
            "$['store']['book'][2]['price'] => 8.99",
            "$['store']['book'][3]['price'] => 22.99",
            "$['store']['bicycle']['price'] => 399",
        ]),
        .init("$..book[2]", [#"$['store']['book'][2] => {"category":"fiction","author":"Herman Melville","title":"Moby Dick","isbn":"0-553-21311-3","price":8.99}"#]),
        .init("$..book[2].author", [#"$['store']['book'][2]['author'] => "Herman Melville""#]),
        .init("$..book[2].publisher", []),
        .init("$..book[-1]", [#"$['store']['book'][3] => {"category":"fiction","author":"J. R. R. Tolkien","title":"The Lord of the Rings","isbn":"0-395-19395-8","price":22.99}"#]),
        .init("$..book[0,1].title", [#"$['store']['book'][0]['title'] => "Sayings of the Century""#, #"$['store']['book'][1]['title'] => "Sword of Honour""#]),
        .init("$..book[:2].title", [#"$['store']['book'][0]['title'] => "Sayings of the Century""#, #"$['store']['book'][1]['title'] => "Sword of Honour""#]),
        .init("$..book[?@.isbn].title", [#"$['store']['book'][2]['title'] => "Moby Dick""#, #"$['store']['book'][3]['title'] => "The Lord of the Rings""#]),
        .init("$..book[?@.price<10].title", [#"$['store']['book'][0]['title'] => "Sayings of the Century""#, #"$['store']['book'][2]['title'] => "Moby Dick""#]),
    ]

    @Test("bookstore (RFC 9535 §1.5)", arguments: bookstoreExamples)
    func bookstore(_ example: JSONPathExample) throws {
        #expect(try jsonPathResults(example.query, Self.bookstore) == example.expected)
    }

    @Test("$..* on the bookstore selects every member and element, parents before children")
    func bookstoreEverything() throws {
        let results = try jsonPathResults("$..*", Self.bookstore)
        #expect(results.count == 27)
        #expect(results.first?.hasPrefix("$['store'] => ") == true)
        #expect(results[1].hasPrefix("$['store']['book'] => "))
        #expect(results[2].hasPrefix("$['store']['bicycle'] => "))
        #expect(results[3].hasPrefix("$['store']['book'][0] => "))
        #expect(results.last == "$['store']['bicycle']['price'] => 399")
    }

    @Test("root identifier (§2.2.3)")
    func root() throws {
        #expect(try jsonPathResults("$", #"{"k": "v"}"#) == [#"$ => {"k":"v"}"#])
    }

    // §2.3.1.3
    static let nameExamples: [JSONPathExample] = [
        .init("$.o['j j']", [#"$['o']['j j'] => {"k.k":3}"#]),
        .init("$.o['j j']['k.k']", ["$['o']['j j']['k.k'] => 3"]),
        .init(#"$.o["j j"]["k.k"]"#, ["$['o']['j j']['k.k'] => 3"]),
        .init(#"$["'"]["@"]"#, [#"$['\'']['@'] => 2"#]),
        .init(#"$['\'']"#, [#"$['\''] => {"@":2}"#]),
        .init(#"$["\u0027"]['\u0040']"#, [#"$['\'']['@'] => 2"#]),
        .init("$.missing", []),
    ]

    @Test("name selector (§2.3.1.3)", arguments: nameExamples)
    func nameSelector(_ example: JSONPathExample) throws {
        #expect(try jsonPathResults(example.query, #"{"o": {"j j": {"k.k": 3}}, "'": {"@": 2}}"#) == example.expected)
    }

    @Test("name selector escapes, including surrogate pairs")
    func nameEscapes() throws {
        let json = #"{"😀": 1, "a\"b": 2, "tab\there": 3, "/": 4, "☺": 5, "_x9": 6}"#
        #expect(try jsonPathResults(#"$['\uD83D\uDE00']"#, json) == ["$['😀'] => 1"])
        #expect(try jsonPathResults(#"$["\ud83d\ude00"]"#, json) == ["$['😀'] => 1"])
        #expect(try jsonPathResults(#"$["a\"b"]"#, json) == [#"$['a"b'] => 2"#])
        #expect(try jsonPathResults(#"$['a"b']"#, json) == [#"$['a"b'] => 2"#])
        #expect(try jsonPathResults(#"$['tab\there']"#, json) == [#"$['tab\there'] => 3"#])
        #expect(try jsonPathResults(#"$['\/']"#, json) == ["$['/'] => 4"])
        #expect(try jsonPathResults("$.☺", json) == ["$['☺'] => 5"])
        #expect(try jsonPathResults("$._x9", json) == ["$['_x9'] => 6"])
    }

    @Test("names match by Unicode scalars, not canonical equivalence")
    func namesAreScalarExact() throws {
        let json = "{\"caf\u{E9}\": 1, \"cafe\u{301}\": 2}"
        #expect(try jsonPathResults("$['caf\u{E9}']", json) == ["$['caf\u{E9}'] => 1"])
        #expect(try jsonPathResults("$['cafe\u{301}']", json) == ["$['cafe\u{301}'] => 2"])
    }

    // §2.3.2.3
    static let wildcardExamples: [JSONPathExample] = [
        .init("$[*]", [#"$['o'] => {"j":1,"k":2}"#, "$['a'] => [5,3]"]),
        .init("$.o[*]", ["$['o']['j'] => 1", "$['o']['k'] => 2"]),
        .init("$.o[*, *]", ["$['o']['j'] => 1", "$['o']['k'] => 2", "$['o']['j'] => 1", "$['o']['k'] => 2"]),
        .init("$.a[*]", ["$['a'][0] => 5", "$['a'][1] => 3"]),
        .init("$.*", [#"$['o'] => {"j":1,"k":2}"#, "$['a'] => [5,3]"]),
        .init("$.a[0][*]", []),
    ]

    @Test("wildcard selector (§2.3.2.3)", arguments: wildcardExamples)
    func wildcard(_ example: JSONPathExample) throws {
        #expect(try jsonPathResults(example.query, #"{"o": {"j": 1, "k": 2}, "a": [5, 3]}"#) == example.expected)
    }

    // §2.3.3.3
    static let indexExamples: [JSONPathExample] = [
        .init("$[1]", [#"$[1] => "b""#]),
        .init("$[-2]", [#"$[0] => "a""#]),
        .init("$[2]", []),
        .init("$[-3]", []),
        .init("$[0]", [#"$[0] => "a""#]),
        .init("$[9007199254740991]", []),
        .init("$[-9007199254740991]", []),
    ]

    @Test("index selector (§2.3.3.3)", arguments: indexExamples)
    func index(_ example: JSONPathExample) throws {
        #expect(try jsonPathResults(example.query, #"["a", "b"]"#) == example.expected)
    }

    @Test("an index selects nothing from an object")
    func indexOnObject() throws {
        #expect(try jsonPathResults("$[0]", #"{"0": 1}"#) == [])
    }

    // §2.3.4.3 and the slice defaults of §2.3.4.2.2
    static let sliceExamples: [JSONPathExample] = [
        .init("$[1:3]", [#"$[1] => "b""#, #"$[2] => "c""#]),
        .init("$[5:]", [#"$[5] => "f""#, #"$[6] => "g""#]),
        .init("$[1:5:2]", [#"$[1] => "b""#, #"$[3] => "d""#]),
        .init("$[5:1:-2]", [#"$[5] => "f""#, #"$[3] => "d""#]),
        .init("$[::-1]", ["g", "f", "e", "d", "c", "b", "a"].enumerated().map { #"$[\#(6 - $0.offset)] => "\#($0.element)""# }),
        .init("$[:]", ["a", "b", "c", "d", "e", "f", "g"].enumerated().map { #"$[\#($0.offset)] => "\#($0.element)""# }),
        .init("$[::]", ["a", "b", "c", "d", "e", "f", "g"].enumerated().map { #"$[\#($0.offset)] => "\#($0.element)""# }),
        .init("$[1:3:0]", []),
        .init("$[-2:]", [#"$[5] => "f""#, #"$[6] => "g""#]),
        .init("$[:-5]", [#"$[0] => "a""#, #"$[1] => "b""#]),
        .init("$[-100:2]", [#"$[0] => "a""#, #"$[1] => "b""#]),
        .init("$[5:100]", [#"$[5] => "f""#, #"$[6] => "g""#]),
        .init("$[3:1]", []),
        .init("$[1:3:-1]", []),
        .init("$[-1:-3:-1]", [#"$[6] => "g""#, #"$[5] => "f""#]),
        .init("$[100:4:-1]", [#"$[6] => "g""#, #"$[5] => "f""#]),
        .init("$[1:-100:-3]", [#"$[1] => "b""#]),
        .init("$[ 1 : 3 : 1 ]", [#"$[1] => "b""#, #"$[2] => "c""#]),
        .init("$[0:9007199254740991:9007199254740991]", [#"$[0] => "a""#]),
        .init("$[9007199254740991::-9007199254740991]", [#"$[6] => "g""#]),
    ]

    @Test("array slice selector (§2.3.4.3)", arguments: sliceExamples)
    func slice(_ example: JSONPathExample) throws {
        #expect(try jsonPathResults(example.query, #"["a", "b", "c", "d", "e", "f", "g"]"#) == example.expected)
    }

    @Test("a slice selects nothing from an object or a string")
    func sliceOnNonArray() throws {
        #expect(try jsonPathResults("$[0:2]", #"{"0": 1, "1": 2}"#) == [])
        #expect(try jsonPathResults("$[0:2]", #""ab""#) == [])
    }

    // §2.3.5.3
    static let filterDocument = """
    { "a": [3, 5, 1, 2, 4, 6, {"b": "j"}, {"b": "k"}, {"b": {}}, {"b": "kilo"}],
      "o": {"p": 1, "q": 2, "r": 3, "s": 5, "t": {"u": 6}},
      "e": "f" }
    """

    static let filterExamples: [JSONPathExample] = [
        .init("$.a[?@.b == 'kilo']", [#"$['a'][9] => {"b":"kilo"}"#]),
        .init("$.a[?(@.b == 'kilo')]", [#"$['a'][9] => {"b":"kilo"}"#]),
        .init("$.a[?@>3.5]", ["$['a'][1] => 5", "$['a'][4] => 4", "$['a'][5] => 6"]),
        .init("$.a[?@.b]", [#"$['a'][6] => {"b":"j"}"#, #"$['a'][7] => {"b":"k"}"#, #"$['a'][8] => {"b":{}}"#, #"$['a'][9] => {"b":"kilo"}"#]),
        .init("$[?@.*]", [#"$['a'] => [3,5,1,2,4,6,{"b":"j"},{"b":"k"},{"b":{}},{"b":"kilo"}]"#, #"$['o'] => {"p":1,"q":2,"r":3,"s":5,"t":{"u":6}}"#]),
        .init("$[?@[?@.b]]", [#"$['a'] => [3,5,1,2,4,6,{"b":"j"},{"b":"k"},{"b":{}},{"b":"kilo"}]"#]),
        .init("$.o[?@<3, ?@<3]", ["$['o']['p'] => 1", "$['o']['q'] => 2", "$['o']['p'] => 1", "$['o']['q'] => 2"]),
        .init(#"$.a[?@<2 || @.b == "k"]"#, ["$['a'][2] => 1", #"$['a'][7] => {"b":"k"}"#]),
        .init(#"$.a[?match(@.b, "[jk]")]"#, [#"$['a'][6] => {"b":"j"}"#, #"$['a'][7] => {"b":"k"}"#]),
        .init(#"$.a[?search(@.b, "[jk]")]"#, [#"$['a'][6] => {"b":"j"}"#, #"$['a'][7] => {"b":"k"}"#, #"$['a'][9] => {"b":"kilo"}"#]),
        .init("$.o[?@>1 && @<4]", ["$['o']['q'] => 2", "$['o']['r'] => 3"]),
        .init("$.o[?@.u || @.x]", [#"$['o']['t'] => {"u":6}"#]),
        .init("$.a[?@.b == $.x]", ["$['a'][0] => 3", "$['a'][1] => 5", "$['a'][2] => 1", "$['a'][3] => 2", "$['a'][4] => 4", "$['a'][5] => 6"]),
        .init("$.a[?@ == @]", [
            "$['a'][0] => 3", "$['a'][1] => 5", "$['a'][2] => 1", "$['a'][3] => 2", "$['a'][4] => 4", "$['a'][5] => 6",
            #"$['a'][6] => {"b":"j"}"#, #"$['a'][7] => {"b":"k"}"#, #"$['a'][8] => {"b":{}}"#, #"$['a'][9] => {"b":"kilo"}"#,
        ]),
        .init("$.a[?!@.b]", ["$['a'][0] => 3", "$['a'][1] => 5", "$['a'][2] => 1", "$['a'][3] => 2", "$['a'][4] => 4", "$['a'][5] => 6"]),
        .init("$.a[?!(@ < 5) && !@.b]", ["$['a'][1] => 5", "$['a'][5] => 6"]),
        .init("$.a[?@ > 1 && @ < 4 || @ == 6]", ["$['a'][0] => 3", "$['a'][3] => 2", "$['a'][5] => 6"]),
        .init("$.a[?@ > 1 && (@ < 4 || @ == 6)]", ["$['a'][0] => 3", "$['a'][3] => 2", "$['a'][5] => 6"]),
        .init("$.a[?(@ == 1 || @ == 2) && @ != 1]", ["$['a'][3] => 2"]),
        .init("$.a[?@.b == 'j' || @.b == 'k' && @.b == 'x']", [#"$['a'][6] => {"b":"j"}"#]),
        .init("$[?@ == 'f']", [#"$['e'] => "f""#]),
        .init("$.o[?@ >= 3]", ["$['o']['r'] => 3", "$['o']['s'] => 5"]),
        .init("$.o[?@ <= 2]", ["$['o']['p'] => 1", "$['o']['q'] => 2"]),
        .init("$.o[?@ != 1 && @ < 4]", ["$['o']['q'] => 2", "$['o']['r'] => 3"]),
    ]

    @Test("filter selector (§2.3.5.3)", arguments: filterExamples)
    func filter(_ example: JSONPathExample) throws {
        #expect(try jsonPathResults(example.query, Self.filterDocument) == example.expected)
    }

    /// §2.3.5.2.2, Table 11: each comparison, true or false, on `{"obj": {"x": "y"}, "arr": [2, 3]}`.
    static let comparisons: [(String, Bool)] = [
        ("$.absent1 == $.absent2", true), ("$.absent1 <= $.absent2", true), ("$.absent == 'g'", false),
        ("$.absent1 != $.absent2", false), ("$.absent != 'g'", true), ("1 <= 2", true), ("1 > 2", false),
        ("13 == '13'", false), ("'a' <= 'b'", true), ("'a' > 'b'", false), ("$.obj == $.arr", false),
        ("$.obj != $.arr", true), ("$.obj == $.obj", true), ("$.obj != $.obj", false), ("$.arr == $.arr", true),
        ("$.arr != $.arr", false), ("$.obj == 17", false), ("$.obj != 17", true), ("$.obj <= $.arr", false),
        ("$.obj < $.arr", false), ("$.obj <= $.obj", true), ("$.arr <= $.arr", true), ("1 <= $.arr", false),
        ("1 >= $.arr", false), ("1 > $.arr", false), ("1 < $.arr", false), ("true <= true", true), ("true > true", false),
        // Beyond the table: numbers by value, strings by scalar, null, and mixed types.
        ("1 == 1.0", true), ("1 == 10e-1", true), ("100 == 1e2", true), ("0 == -0", true), ("-0.0 == 0e5", true),
        ("1.5 < 2", true), ("-1 < -0.5", true), ("-2 < -10", false), ("1e-3 < 0.01", true), ("0.1 < 0.10000000000000001", true),
        ("9007199254740993 > 9007199254740992", true), ("9007199254740993 == 9007199254740992", false),
        ("123456789012345678901234567890 < 123456789012345678901234567891", true),
        ("-123456789012345678901234567891 < -123456789012345678901234567890", true),
        ("1E400 > 1e399", true), ("1e-400 > 0", true), ("-1e-400 < 0", true),
        ("'abc' < 'abd'", true), ("'ab' < 'abc'", true), ("'B' < 'a'", true), ("'é' > 'z'", true), ("'' == ''", true),
        ("null == null", true), ("null == false", false), ("null < null", false), ("null <= null", true),
        ("true == true", true), ("false < true", false), ("false != true", true),
        ("'1' == 1", false), ("$.arr[0] == 2.0", true), ("$.obj.x == 'y'", true),
    ]

    @Test("comparisons (§2.3.5.2.2)", arguments: comparisons)
    func comparison(_ expression: String, _ expected: Bool) throws {
        let json = #"{"obj": {"x": "y"}, "arr": [2, 3]}"#
        let selected = try jsonPathResults("$[?\(expression)]", json)
        #expect(selected.count == (expected ? 2 : 0), "\(expression)")
    }

    @Test("literal arrays are not part of the grammar")
    func literalArrays() {
        #expect(throws: JSONPath.SyntaxError.self) { try JSONPath.parse("$[?@ == [2, 3]]") }
    }

    @Test("object and array equality in filters ignores member order but not element order")
    func structuredEquality() throws {
        let json = #"{"x": {"a": 1, "b": [1, 2]}, "y": {"b": [1.0, 2], "a": 1e0}, "z": {"a": 1, "b": [2, 1]}}"#
        #expect(try jsonPathResults("$[?@ == $.x]", json).count == 2)
    }

    // §2.4.4–2.4.8
    @Test("length() (§2.4.4)")
    func lengthFunction() throws {
        let json = #"[{"authors": ["a", "b", "c", "d", "e"]}, {"authors": "abcde"}, {"authors": {"a": 1}}, {"authors": 5}, {"authors": "😀é"}, {}]"#
        #expect(try jsonPathResults("$[?length(@.authors) >= 5]", json) == [#"$[0] => {"authors":["a","b","c","d","e"]}"#, #"$[1] => {"authors":"abcde"}"#])
        #expect(try jsonPathResults("$[?length(@.authors) == 1]", json) == [#"$[2] => {"authors":{"a":1}}"#])
        #expect(try jsonPathResults("$[?length(@.authors) == 2]", json) == [#"$[4] => {"authors":"😀é"}"#])
        // Length of a number or of nothing is Nothing, which equals only Nothing.
        #expect(try jsonPathResults("$[?length(@.authors) == $.none]", json).map { $0.prefix(3) } == ["$[3", "$[5"])
        #expect(try jsonPathResults("$[?length(length(@.authors)) == $.none]", json).count == 6)
        #expect(try jsonPathResults("$[?length('abc') == 3]", json).count == 6)
    }

    @Test("count() (§2.4.5)")
    func countFunction() throws {
        let json = #"[{"x": {"author": 1}, "y": {"author": 2}}, {"b": {"x": {"author": 1}}}, {"c": 1}]"#
        #expect(try jsonPathResults("$[?count(@.*.author) >= 2]", json) == [#"$[0] => {"x":{"author":1},"y":{"author":2}}"#])
        #expect(try jsonPathResults("$[?count(@..author) == 1]", json) == [#"$[1] => {"b":{"x":{"author":1}}}"#])
        #expect(try jsonPathResults("$[?count(@.*) == 1]", json).count == 2)
        #expect(try jsonPathResults("$[?count($[*]) == 3]", json).count == 3)
    }

    @Test("match() (§2.4.6) matches the whole string")
    func matchFunction() throws {
        let json = #"[{"date": "1974-05-01"}, {"date": "1974-05-10x"}, {"date": "x1974-05-10"}, {"date": 1974}, {"date": "1974-05-1\n"}]"#
        #expect(try jsonPathResults(#"$[?match(@.date, "1974-05-..")]"#, json) == [#"$[0] => {"date":"1974-05-01"}"#])
        #expect(try jsonPathResults(#"$[?!match(@.date, "1974-05-..")]"#, json).count == 4)
    }

    @Test("search() (§2.4.7) finds a substring")
    func searchFunction() throws {
        let json = #"[{"author": "Bob Dylan"}, {"author": "Robert"}, {"author": "bob"}, {"author": ["Bob"]}]"#
        #expect(try jsonPathResults(#"$[?search(@.author, "[BR]ob")]"#, json) == [#"$[0] => {"author":"Bob Dylan"}"#, #"$[1] => {"author":"Robert"}"#])
    }

    @Test("value() (§2.4.8)")
    func valueFunction() throws {
        let json = #"[{"a": {"color": "red"}}, {"a": {"color": "red"}, "b": {"color": "red"}}, {"color": "blue"}, {}]"#
        #expect(try jsonPathResults(#"$[?value(@..color) == "red"]"#, json) == [#"$[0] => {"a":{"color":"red"}}"#])
        #expect(try jsonPathResults("$[?value(@..color) == $.none]", json).count == 2)
    }

    @Test("functions as arguments and regex patterns from the document")
    func nestedFunctions() throws {
        let json = #"[{"s": "abc", "p": "a.c"}, {"s": "abd", "p": "a.c"}, {"s": "abc", "p": "(("}]"#
        #expect(try jsonPathResults("$[?match(@.s, @.p)]", json) == [#"$[0] => {"s":"abc","p":"a.c"}"#])
        #expect(try jsonPathResults("$[?match(@.s, value(@.p))]", json) == [#"$[0] => {"s":"abc","p":"a.c"}"#])
        #expect(try jsonPathResults("$[?length(value(@.s)) == 3]", json).count == 3)
    }

    // §2.5.1.3
    static let childSegmentExamples: [JSONPathExample] = [
        .init("$[0, 3]", [#"$[0] => "a""#, #"$[3] => "d""#]),
        .init("$[0:2, 5]", [#"$[0] => "a""#, #"$[1] => "b""#, #"$[5] => "f""#]),
        .init("$[0, 0]", [#"$[0] => "a""#, #"$[0] => "a""#]),
        .init("$[ 0 ,\t\n1 ]", [#"$[0] => "a""#, #"$[1] => "b""#]),
    ]

    @Test("child segment (§2.5.1.3)", arguments: childSegmentExamples)
    func childSegment(_ example: JSONPathExample) throws {
        #expect(try jsonPathResults(example.query, #"["a", "b", "c", "d", "e", "f", "g"]"#) == example.expected)
    }

    @Test("a child segment mixing every kind of selector keeps selector order")
    func mixedSelectors() throws {
        let json = #"{"a": [10, 11, 12, 13], "b": "x", "1": "one"}"#
        #expect(try jsonPathResults("$.a[3, 1:3, *, ?@ > 12, -4]", json) == [
            "$['a'][3] => 13", "$['a'][1] => 11", "$['a'][2] => 12",
            "$['a'][0] => 10", "$['a'][1] => 11", "$['a'][2] => 12", "$['a'][3] => 13",
            "$['a'][3] => 13", "$['a'][0] => 10",
        ])
        #expect(try jsonPathResults(#"$['b', "1", 1, 'a'][0]"#, json) == ["$['a'][0] => 10"])
        #expect(try jsonPathResults(#"$['b', "1", 1]"#, json) == [#"$['b'] => "x""#, #"$['1'] => "one""#])
    }

    // §2.5.2.3
    static let descendantExamples: [JSONPathExample] = [
        .init("$..j", ["$['o']['j'] => 1", "$['a'][2][0]['j'] => 4"]),
        .init("$..[0]", ["$['a'][0] => 5", #"$['a'][2][0] => {"j":4}"#]),
        .init("$..[*]", [
            #"$['o'] => {"j":1,"k":2}"#, #"$['a'] => [5,3,[{"j":4},{"k":6}]]"#, "$['o']['j'] => 1", "$['o']['k'] => 2",
            "$['a'][0] => 5", "$['a'][1] => 3", #"$['a'][2] => [{"j":4},{"k":6}]"#,
            #"$['a'][2][0] => {"j":4}"#, #"$['a'][2][1] => {"k":6}"#, "$['a'][2][0]['j'] => 4", "$['a'][2][1]['k'] => 6",
        ]),
        .init("$..*", [
            #"$['o'] => {"j":1,"k":2}"#, #"$['a'] => [5,3,[{"j":4},{"k":6}]]"#, "$['o']['j'] => 1", "$['o']['k'] => 2",
            "$['a'][0] => 5", "$['a'][1] => 3", #"$['a'][2] => [{"j":4},{"k":6}]"#,
            #"$['a'][2][0] => {"j":4}"#, #"$['a'][2][1] => {"k":6}"#, "$['a'][2][0]['j'] => 4", "$['a'][2][1]['k'] => 6",
        ]),
        .init("$..o", [#"$['o'] => {"j":1,"k":2}"#]),
        .init("$.o..[*, *]", ["$['o']['j'] => 1", "$['o']['k'] => 2", "$['o']['j'] => 1", "$['o']['k'] => 2"]),
        .init("$.a..[0, 1]", ["$['a'][0] => 5", "$['a'][1] => 3", #"$['a'][2][0] => {"j":4}"#, #"$['a'][2][1] => {"k":6}"#]),
        .init("$..['j','k']", ["$['o']['j'] => 1", "$['o']['k'] => 2", "$['a'][2][0]['j'] => 4", "$['a'][2][1]['k'] => 6"]),
        .init("$..[?@.j]", [#"$['o'] => {"j":1,"k":2}"#, #"$['a'][2][0] => {"j":4}"#]),
        .init("$.o.j..*", []),
    ]

    @Test("descendant segment (§2.5.2.3)", arguments: descendantExamples)
    func descendant(_ example: JSONPathExample) throws {
        #expect(try jsonPathResults(example.query, #"{"o": {"j": 1, "k": 2}, "a": [5, 3, [{"j": 4}, {"k": 6}]]}"#) == example.expected)
    }

    // §2.6.1
    static let nullExamples: [JSONPathExample] = [
        .init("$.a", ["$['a'] => null"]),
        .init("$.a[0]", []),
        .init("$.a.d", []),
        .init("$.b[0]", ["$['b'][0] => null"]),
        .init("$.b[*]", ["$['b'][0] => null"]),
        .init("$.b[?@]", ["$['b'][0] => null"]),
        .init("$.b[?@==null]", ["$['b'][0] => null"]),
        .init("$.c[?@.d==null]", []),
        .init("$.null", ["$['null'] => 1"]),
    ]

    @Test("semantics of null (§2.6.1)", arguments: nullExamples)
    func nullSemantics(_ example: JSONPathExample) throws {
        #expect(try jsonPathResults(example.query, #"{"a": null, "b": [null], "c": [{}], "null": 1}"#) == example.expected)
    }

    // §2.7, Table 16
    @Test("normalized paths (§2.7)")
    func normalizedPaths() throws {
        let json = #"{"a": {"b": [0, 1, 2]}, "\u000b": "vt"}"#
        #expect(try jsonPathResults("$.a", json).map { $0.components(separatedBy: " => ")[0] } == ["$['a']"])
        #expect(try jsonPathResults("$.a.b[1:2]", json) == ["$['a']['b'][1] => 1"])
        #expect(try jsonPathResults("$.a.b[-3]", json) == ["$['a']['b'][0] => 0"])
        #expect(try jsonPathResults(#"$["\u000B"]"#, json) == [#"$['\u000b'] => "vt""#])
        #expect(try jsonPathResults(#"$["\u0061"].b[1]"#, json) == ["$['a']['b'][1] => 1"])
        #expect(try jsonPathResults("$[1]", "[5, 6]") == ["$[1] => 6"])
        #expect(try jsonPathResults("$[-3]", "[0, 1, 2, 3, 4]") == ["$[2] => 2"])
    }

    @Test("normalized path escaping: only quote, backslash and control characters are escaped")
    func normalizedPathEscaping() {
        let cases: [(String, String)] = [
            ("'", #"$['\'']"#), ("\\", #"$['\\']"#), ("\u{8}", #"$['\b']"#), ("\u{C}", #"$['\f']"#),
            ("\n", #"$['\n']"#), ("\r", #"$['\r']"#), ("\t", #"$['\t']"#), ("\u{0}", #"$['\u0000']"#),
            ("\u{7}", #"$['\u0007']"#), ("\u{B}", #"$['\u000b']"#), ("\u{E}", #"$['\u000e']"#), ("\u{1F}", #"$['\u001f']"#),
            ("\"", #"$['"']"#), ("/", "$['/']"), ("\u{7F}", "$['\u{7F}']"), ("😀", "$['😀']"), ("a b", "$['a b']"),
        ]
        for (name, expected) in cases {
            #expect(JSONPath.normalizedPath([.name(name)]) == expected)
        }
        #expect(JSONPath.normalizedPath([]) == "$")
        #expect(JSONPath.normalizedPath([.name("a"), .index(0), .name("b")]) == "$['a'][0]['b']")
    }

    @Test("a node's location lists the steps from the root")
    func nodeLocation() throws {
        let nodes = try JSONPath.parse("$..c").select(in: try JSONValue.parse(#"{"a": [{"c": 1}]}"#))
        #expect(nodes.map(\.location) == [[.name("a"), .index(0), .name("c")]])
        #expect(try JSONPath.parse("$").select(in: .null).map(\.location) == [[]])
    }

    @Test("duplicate member names: a name selector takes the last, a wildcard all of them")
    func duplicateNames() throws {
        let json = #"{"a": 1, "a": 2}"#
        #expect(try jsonPathResults("$.a", json) == ["$['a'] => 2"])
        #expect(try jsonPathResults("$.*", json) == ["$['a'] => 1", "$['a'] => 2"])
    }

    @Test("blank space where the grammar allows it")
    func blankSpace() throws {
        let json = #"{"a": [{"b": 1}, {"b": 2}]}"#
        #expect(try jsonPathResults("$ .a", json).count == 1)
        #expect(try jsonPathResults("$ ['a'] [ 0 ]", json) == [#"$['a'][0] => {"b":1}"#])
        #expect(try jsonPathResults("$.a[? @.b == 2 ]", json) == [#"$['a'][1] => {"b":2}"#])
        #expect(try jsonPathResults("$.a[?( @.b==2 )]", json) == [#"$['a'][1] => {"b":2}"#])
        #expect(try jsonPathResults("$.a[?! @.c]", json).count == 2)
        #expect(try jsonPathResults("$.a[?@.b==1||@.b==2]", json).count == 2)
        #expect(try jsonPathResults("$.a[?count( @.* ) == 1]", json).count == 2)
        #expect(try jsonPathResults("$.a[?@ .b == 2]", json).count == 1)
    }

    @Test("a query can be reused across documents")
    func reuse() throws {
        let path = try JSONPath.parse("$.x")
        #expect(path.select(in: try JSONValue.parse(#"{"x": 1}"#)).map(\.value) == [.number(JSONNumber(1))])
        #expect(path.select(in: try JSONValue.parse(#"{"y": 1}"#)).isEmpty)
        #expect(path.description == "$.x")
    }
}
