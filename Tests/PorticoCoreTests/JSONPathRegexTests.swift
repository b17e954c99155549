import PorticoCore
import Testing

/// I-Regexp (RFC 9485) through `match()` and `search()`.
struct JSONPathRegexTests {
    /// Whether `match(text, pattern)` holds; the pattern is written as a JSONPath string literal.
    func matches(_ text: String, _ pattern: String, search: Bool = false) throws -> Bool {
        let document = JSONValue.array([.string(text)])
        let function = search ? "search" : "match"
        return try !JSONPath.parse("$[?\(function)(@, '\(pattern)')]").select(in: document).isEmpty
    }

    static let cases: [(String, String, Bool, Bool)] = [
        // text, pattern, match, search
        ("abc", "abc", true, true),
        ("xabcx", "abc", false, true),
        ("abc", "a.c", true, true),
        ("a\nc", "a.c", false, false),
        ("a\rc", "a.c", false, false),
        ("a😀c", "a.c", true, true),
        ("aaa", "a*", true, true),
        ("", "a*", true, true),
        ("ab", "a+b?", true, true),
        ("aaaa", "a{2,3}", false, true),
        ("aaa", "a{2,3}", true, true),
        ("aaa", "a{2,}", true, true),
        ("aa", "a{2}", true, true),
        ("b", "a|b", true, true),
        ("ab", "(a|b)+", true, true),
        ("a$", "a$", true, true),
        ("^a", "^a", true, true),
        ("a", "^a", false, false),
        ("d", "[a-c]", false, false),
        ("b", "[a-c]", true, true),
        ("-", "[-a]", true, true),
        ("-", "[a-]", true, true),
        ("x", "[^a-c]", true, true),
        ("b", "[^a-c]", false, false),
        ("&", "[&&]", true, true),
        ("[", "[\\\\[]", true, true),
        ("é", "\\\\p{L}", true, true),
        ("É", "\\\\p{Lu}", true, true),
        ("é", "\\\\p{Lu}", false, false),
        ("5", "\\\\P{L}", true, true),
        ("٣", "\\\\p{Nd}", true, true),
        ("a.b", "a\\\\.b", true, true),
        ("axb", "a\\\\.b", false, false),
        ("\t", "\\\\t", true, true),
        ("a\nb", "a\\\\nb", true, true),
        ("a|b", "a\\\\|b", true, true),
        ("(", "\\\\(", true, true),
        ("\\", "\\\\\\\\", true, true),
        ("ab", "ab\\\\z", false, false),
        ("a", "\\\\d", false, false),
        ("a", "\\\\w", false, false),
        ("a", "(?:a)", false, false),
        ("a", "a*?", false, false),
        ("a", "a{,2}", false, false),
        ("a", "[]", false, false),
        ("a", "(a", false, false),
        ("a", "a)", false, false),
        ("a", "a{2,1}", false, false),
        ("a", "\\\\p{Xx}", false, false),
        ("a", "[a-\\\\p{L}]", false, false),
        ("a", "[b-a]", false, false),
        ("}", "}", false, false),
        ("a", "[a-b-c]", false, false),
    ]

    @Test("I-Regexp syntax and semantics; an invalid pattern makes match() and search() false", arguments: cases)
    func regex(_ text: String, _ pattern: String, _ matchExpected: Bool, _ searchExpected: Bool) throws {
        #expect(try matches(text, pattern) == matchExpected, "match(\(text.debugDescription), \(pattern))")
        #expect(try matches(text, pattern, search: true) == searchExpected, "search(\(text.debugDescription), \(pattern))")
    }

    @Test("non-string arguments make match() and search() false rather than an error")
    func nonStrings() throws {
        let document = try JSONValue.parse(#"[1, null, ["a"], {"a": "a"}, "a"]"#)
        #expect(try JSONPath.parse("$[?match(@, 'a')]").select(in: document).map(\.path) == ["$[4]"])
        #expect(try JSONPath.parse("$[?search(@, 1)]").select(in: document).isEmpty)
        #expect(try JSONPath.parse("$[?search(@.a, $[4])]").select(in: document).map(\.path) == ["$[3]"])
    }
}
