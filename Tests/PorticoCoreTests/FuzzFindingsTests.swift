import Foundation
@testable import PorticoCore
import Testing

/// Inputs the libFuzzer targets (Fuzz/, docs/security.md) found breaking a parser or an invariant,
/// kept so the fix stays.
@Suite("Inputs the fuzzers found")
struct FuzzFindingsTests {
    /// The `json` target: a HAR file with `"size": 060` was pretty-printed as if it were JSON,
    /// though a leading zero makes it invalid (and Portico's own JSON reader refused it).
    @Test(arguments: ["{\"size\": 060}", "[1-2]", "[-]", "[1e]", "[1.]", "[.5]", "[01]", "[\"a\\x\"]", "[\"\\u12\"]", "[\"tab\there\"]"])
    func theJSONPrettyPrinterRefusesWhatIsNotJSON(_ text: String) {
        #expect(JSONPrettyPrinter.lines(text) == nil)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(text) }
    }

    @Test(arguments: ["[0, -0, 0.5, -1.25e+3, 1E-7, 10]", "[\"\\u00e9\\n\\\"\\\\\\/\"]"])
    func theJSONPrettyPrinterStillAcceptsJSON(_ text: String) throws {
        let lines = try #require(JSONPrettyPrinter.lines(text))
        let printed = lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
        #expect(try JSONValue.parse(printed) == JSONValue.parse(text))
    }

    /// The `jsonpath` target: a `search()` pattern of 81 non-ASCII characters, over 256 UTF-16 units
    /// once rewritten for ICU, leaked Foundation's copy of it (Fuzz/lsan-suppressions.txt). The
    /// leak is Foundation's; what stays Portico's is that such a pattern matches as written.
    @Test func aLongNonASCIIPatternMatchesAsWritten() throws {
        let letters = "αβγδεζηθικλμνξοπρστυφχψωАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯ"
        let query = try JSONPath.parse("$[?match(@, \"[\(letters)]+ (Ω|Ж){2,}\")]")
        let document = try JSONValue.parse(#"["αβγ ΩΩ", "αβγ Ω", "ada ΩΩ", "Я ЖΩЖ"]"#)
        #expect(query.select(in: document).map(\.value) == [.string("αβγ ΩΩ"), .string("Я ЖΩЖ")])
    }
}
