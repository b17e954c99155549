import Foundation
import PorticoCore
import Testing

/// `JSONValue`: the strict RFC 8259 parser and the serializer the JSONPath engine works on.
struct JSONPathDocumentTests {
    @Test("parsing keeps member order, duplicates, and numbers as written")
    func keepsWhatWasWritten() throws {
        let text = #"{"z": 1.50, "a": [1e3, -0, 12345678901234567890123], "m": {"x": true, "x": false}, "n": null, "s": "é\n"}"#
        let value = try JSONValue.parse(text)
        #expect(value.serialized() == #"{"z":1.50,"a":[1e3,-0,12345678901234567890123],"m":{"x":true,"x":false},"n":null,"s":"é\n"}"#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.name) == ["z", "a", "m", "n", "s"])
        #expect(value["m"]?["x"] == .bool(false))
        #expect(value["missing"] == nil)
    }

    @Test("indented serialization uses two spaces and keeps empty containers whole")
    func indented() throws {
        let value = try JSONValue.parse(#"{"a": [1, {"b": null}], "c": {}, "d": []}"#)
        #expect(value.serialized(.indented) == """
        {
          "a": [
            1,
            {
              "b": null
            }
          ],
          "c": {},
          "d": []
        }
        """)
        #expect(try JSONValue.parse("[]").serialized(.indented) == "[]")
        #expect(try JSONValue.parse("\"x\"").serialized(.indented) == "\"x\"")
    }

    @Test("the serializer escapes every control character and never writes a raw one")
    func serializerEscaping() throws {
        let text = "q\"b\\s/\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1B}[31m\u{1F}\u{7F}\u{80}\u{9B}\u{9F}\u{A0}é😀\u{2028}"
        let json = JSONValue.string(text).serialized()
        #expect(json == #""q\"b\\s/\u0000\u0001\b\t\n\u000b\f\r\u001b[31m\u001f\u007f\u0080\u009b\u009f"# + "\u{A0}é😀\u{2028}\"")
        #expect(!json.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(try JSONValue.parse(json) == .string(text))
        let member = JSONValue.object([.init(name: "k\u{1B}", value: .null)]).serialized()
        #expect(member == #"{"k\u001b":null}"#)
    }

    @Test("round trip: parse(serialized) gives the same document")
    func roundTrip() throws {
        let text = #"{"a":[1,2.5e-3,"x",{"b":[[]]},true,false,null],"c":{"d":"\u00e9\ud83d\ude00"}}"#
        let value = try JSONValue.parse(text)
        #expect(try JSONValue.parse(value.serialized()) == value)
        #expect(try JSONValue.parse(value.serialized(.indented)) == value)
        #expect(value["c"]?["d"] == .string("é😀"))
    }

    @Test("string escapes decode, and a lone surrogate becomes U+FFFD")
    func stringEscapes() throws {
        #expect(try JSONValue.parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9\uD83D\uDE00""#) == .string("\"\\/\u{8}\u{C}\n\r\tAé😀"))
        #expect(try JSONValue.parse(#""\uD800""#) == .string("\u{FFFD}"))
        #expect(try JSONValue.parse(#""\uDC00x""#) == .string("\u{FFFD}x"))
        #expect(try JSONValue.parse(#""\uD800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONValue.parse(#""\uD83D\uD83D\uDE00""#) == .string("\u{FFFD}😀"))
    }

    @Test("whitespace and a byte order mark around the value are accepted")
    func whitespace() throws {
        #expect(try JSONValue.parse(" \t\r\n[ 1 , 2 ]\n ") == .array([.number(JSONNumber(1)), .number(JSONNumber(2))]))
        #expect(try JSONValue.parse(Data([0xEF, 0xBB, 0xBF] + Array("1".utf8))) == .number(JSONNumber(1)))
    }

    /// Invalid documents: the text, then the expected line, column, byte offset, and part of the message.
    static let invalidDocuments: [(String, Int, Int, Int, String)] = [
        ("", 1, 1, 0, "expected a JSON value"),
        ("   ", 1, 4, 3, "end of the input"),
        ("[1,]", 1, 4, 3, "expected a JSON value"),
        ("[1 2]", 1, 4, 3, "expected ',' or ']'"),
        ("{\"a\" 1}", 1, 6, 5, "expected ':'"),
        ("{\"a\": 1,}", 1, 9, 8, "member name"),
        ("{a: 1}", 1, 2, 1, "member name"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, 8, "expected ',' or '}'"),
        ("[1] x", 1, 5, 4, "after the JSON value"),
        ("1 2", 1, 3, 2, "after the JSON value"),
        ("{}}", 1, 3, 2, "after the JSON value"),
        ("[\n  1,\n  tru\n]", 3, 3, 9, "true"),
        ("{\n  \"é\": nul\n}", 2, 8, 10, "null"),
        ("[\"é\", x]", 1, 7, 7, "expected a JSON value"),
        ("01", 1, 2, 1, "leading zeros"),
        ("-", 1, 2, 1, "digit"),
        ("1.", 1, 3, 2, "decimal point"),
        (".5", 1, 1, 0, "expected a JSON value"),
        ("1e", 1, 3, 2, "exponent"),
        ("+1", 1, 1, 0, "expected a JSON value"),
        ("NaN", 1, 1, 0, "expected a JSON value"),
        ("\"abc", 1, 5, 4, "unterminated"),
        ("\"a\nb\"", 1, 3, 2, "control character U+000A"),
        ("\"a\u{1}\"", 1, 3, 2, "control character"),
        ("\"\\x\"", 1, 2, 1, "invalid escape"),
        ("\"\\u12G4\"", 1, 6, 5, "hex digits"),
        ("'a'", 1, 1, 0, "expected a JSON value"),
        ("[1] // comment", 1, 5, 4, "after the JSON value"),
        ("[", 1, 2, 1, "expected a JSON value"),
        ("{\"a\":1", 1, 7, 6, "expected ',' or '}'"),
        ("True", 1, 1, 0, "expected a JSON value"),
    ]

    @Test("invalid documents report line, column, offset and why", arguments: invalidDocuments)
    func invalid(_ text: String, _ line: Int, _ column: Int, _ offset: Int, _ message: String) {
        do {
            _ = try JSONValue.parse(text)
            Issue.record("\(text.debugDescription) parsed but should not")
        } catch {
            #expect(error.line == line, "\(text.debugDescription): \(error)")
            #expect(error.column == column, "\(text.debugDescription): \(error)")
            #expect(error.offset == offset, "\(text.debugDescription): \(error)")
            #expect(error.message.contains(message), "\(text.debugDescription): \(error)")
        }
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() throws {
        let sequences: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0x80]]
        for bytes in sequences {
            #expect(throws: JSONValue.ParseError.self, "\(bytes)") { try JSONValue.parse(Data([0x22] + bytes + [0x22])) }
        }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Data([0xC3, 0xA9])) }
        #expect(try JSONValue.parse(Data([0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22])) == .string("😀"))
    }

    @Test("numbers compare by value, exactly")
    func numberComparison() throws {
        func number(_ literal: String) -> JSONNumber { JSONNumber(literal: literal)! }
        #expect(number("1") == number("1.0"))
        #expect(number("1") == number("1e0"))
        #expect(number("100") == number("1E2"))
        #expect(number("0.01") == number("1e-2"))
        #expect(number("-0") == number("0"))
        #expect(number("0.0e10") == number("-0.000"))
        #expect(number("120") == number("12e1"))
        #expect(number("9007199254740993") != number("9007199254740992"))
        #expect(number("9007199254740992") < number("9007199254740993"))
        #expect(number("99999999999999999999") < number("100000000000000000000"))
        #expect(number("-99999999999999999999") > number("-100000000000000000000"))
        #expect(number("1.0000000000000000000001") > number("1"))
        #expect(number("-1") < number("0"))
        #expect(number("0") < number("1e-999"))
        #expect(number("-1e-999") < number("0"))
        #expect(number("1e999") > number("9e998"))
        #expect(number("1e99999999999999999999999") > number("1e999"))
        #expect(!(number("2") < number("2.0")))
        #expect(number("-2.5") < number("-2.25"))
        #expect(Set([number("1"), number("1.0"), number("10e-1")]).count == 1)
        #expect(JSONNumber(literal: "01") == nil)
        #expect(JSONNumber(literal: "1.") == nil)
        #expect(JSONNumber(literal: "+1") == nil)
        #expect(JSONNumber(literal: "") == nil)
        #expect(JSONNumber(literal: "-0.5E+3")?.doubleValue == -500)
        #expect(JSONNumber(-42).literal == "-42")
    }

    @Test("document equality follows RFC 9535: members in any order, elements in order")
    func equality() throws {
        #expect(try JSONValue.parse(#"{"a": 1, "b": [1, 2]}"#) == JSONValue.parse(#"{"b": [1.0, 2], "a": 1}"#))
        #expect(try JSONValue.parse("[1, 2]") != JSONValue.parse("[2, 1]"))
        #expect(try JSONValue.parse(#"{"a": 1}"#) != JSONValue.parse(#"{"a": 1, "b": 2}"#))
        #expect(try JSONValue.parse(#"{"a": 1}"#) != JSONValue.parse(#"{"b": 1}"#))
        #expect(try JSONValue.parse("1") != JSONValue.parse("\"1\""))
        #expect(try JSONValue.parse("null") != JSONValue.parse("false"))
        #expect(JSONValue.string("caf\u{E9}") != JSONValue.string("cafe\u{301}"))
    }

    static func nested(depth: Int) -> String {
        String(repeating: #"{"a":["#, count: depth) + "1" + String(repeating: "]}", count: depth)
    }

    @Test("10,000 levels of nesting parse, serialize, compare and query without exhausting the stack")
    func deepDocument() throws {
        let depth = JSONValue.maximumNestingDepth / 2
        let text = Self.nested(depth: depth)
        let value = try JSONValue.parse(text)
        #expect(value.serialized() == text)
        let lines = value.serialized(.indented).split(separator: "\n")
        #expect(lines.count == 4 * depth + 1)
        #expect(lines.map(\.count).max() == 2 * JSONValue.maximumIndentLevels + #""a": ["#.count)
        #expect(try JSONValue.parse(value.serialized(.indented)) == value)
        #expect(try JSONValue.parse(text) == value)
        let leaves = try JSONPath.parse("$..*").select(in: value)
        #expect(leaves.count == 2 * depth)
        #expect(leaves.last?.value == .number(JSONNumber(1)))
        #expect(leaves.last?.location.count == 2 * depth)
        #expect(try JSONPath.parse("$..[?@ == 1]").select(in: value).count == 1)
        let arrays = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(try JSONValue.parse(arrays).serialized() == arrays)
    }

    @Test("nesting past the documented limit is an error, not a crash")
    func tooDeep() {
        let limit = JSONValue.maximumNestingDepth
        let text = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        do {
            _ = try JSONValue.parse(text)
            Issue.record("parsed past the limit")
        } catch {
            #expect(error.offset == limit)
            #expect(error.message.contains("\(limit)"))
        }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(String(repeating: "[", count: 1_000_000)) }
    }
}
