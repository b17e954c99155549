import Foundation
import PorticoCore
import Testing

/// Expressions that are not XPath 1.0, with where the error is reported.
struct XPathSyntaxErrorTests {
    struct InvalidExpression: CustomTestStringConvertible, Sendable {
        let expression: String
        let offset: Int
        let messageContains: String
        init(_ expression: String, at offset: Int, _ messageContains: String) {
            self.expression = expression
            self.offset = offset
            self.messageContains = messageContains
        }
        var testDescription: String { expression }
    }

    static let invalidExpressions: [InvalidExpression] = [
        .init("", at: 0, "expected an expression"),
        .init("   ", at: 3, "expected an expression"),
        .init("//", at: 2, "expected a name"),
        .init("/book/", at: 6, "expected a name"),
        .init("book[", at: 5, "expected an expression"),
        .init("book[1", at: 6, "expected ']'"),
        .init("book[]", at: 5, "empty predicate"),
        .init("a[1]]", at: 4, "unexpected ']'"),
        .init("count(//a", at: 9, "expected ',' or ')'"),
        .init("count(//a,)", at: 10, "expected an expression"),
        .init("(1 + 2", at: 6, "expected ')'"),
        .init("1 +", at: 3, "expected an expression"),
        .init("1 = = 2", at: 4, "expected an expression"),
        .init("'abc", at: 0, "unterminated string"),
        .init("\"abc'", at: 0, "unterminated string"),
        .init("//a[@id = 'x]", at: 10, "unterminated string"),
        .init("a ! b", at: 2, "'!' must be followed by '='"),
        .init("a:", at: 1, "unexpected ':'"),
        .init("a :b", at: 2, "unexpected ':'"),
        .init("foo::a", at: 0, "unknown axis 'foo'"),
        .init("p:child::a", at: 0, "unknown axis 'p:child'"),
        .init("child::", at: 7, "expected a name"),
        .init("child:: 1", at: 8, "expected a name"),
        .init("1 2", at: 2, "after a complete expression"),
        .init("//a b", at: 4, "expected an operator, found the name 'b'"),
        .init("1 and2", at: 2, "expected an operator, found the name 'and2'"),
        .init("#", at: 0, "unexpected character"),
        .init("//a[é = 1] ?", at: 11, "unexpected character"),
        .init("'日本' = 1 ?", at: 9, "unexpected character"),
        .init(".[1]", at: 1, "'.' takes no predicate"),
        .init("..[1]", at: 2, "'..' takes no predicate"),
        .init("text(1)", at: 5, "text() takes no argument"),
        .init("node(", at: 5, "expected ')'"),
        .init("processing-instruction(1)", at: 23, "expected ')' or a string"),
        .init("@", at: 1, "expected a name"),
        .init("@1", at: 1, "expected a name"),
        .init("a | ", at: 4, "expected an expression"),
        .init("$", at: 1, "variable name"),
        .init("$1", at: 1, "variable name"),
        .init("1e3", at: 1, "expected an operator, found the name 'e3'"),
        .init("-", at: 1, "expected an expression"),
        .init("()", at: 1, "expected an expression"),
        .init("f(", at: 2, "expected an expression"),
        .init("child::*::a", at: 8, "after a complete expression"),
    ]

    @Test(arguments: invalidExpressions)
    func reportsWhere(_ invalid: InvalidExpression) {
        do throws(XPathExpression.SyntaxError) {
            _ = try XPathExpression(invalid.expression)
            Issue.record("accepted \(invalid.expression)")
        } catch {
            #expect(error.offset == invalid.offset, "\(error)")
            #expect(error.message.contains(invalid.messageContains), "\(error)")
            #expect(error.description == "at offset \(error.offset): \(error.message)")
        }
    }

    /// Nesting (parentheses, predicates, arguments, unary minus) stops at 32 levels, the whole
    /// expression being the first: the parser and the evaluator recurse once per level.
    @Test(arguments: [
        ("(", ")", 1),
        ("a[", "]", 2),
        ("not(", ")", 4),
        ("-", "", 1),
    ])
    func nestingIsCapped(_ open: String, _ close: String, _ openLength: Int) throws {
        let deepest = String(repeating: open, count: 31) + "1" + String(repeating: close, count: 31)
        #expect(throws: Never.self) { try XPathExpression(deepest) }
        let tooDeep = String(repeating: open, count: 32) + "1" + String(repeating: close, count: 32)
        do throws(XPathExpression.SyntaxError) {
            _ = try XPathExpression(tooDeep)
            Issue.record("accepted nesting 33 deep")
        } catch {
            #expect(error.offset == 32 * openLength)
            #expect(error.message.contains("nests more than 32 levels"))
        }
        let hostile = String(repeating: open, count: 100_000)
        #expect(throws: XPathExpression.SyntaxError.self) { try XPathExpression(hostile) }
    }

    /// The deepest expressions parse and evaluate on a thread with a 512 KiB stack, the size of a
    /// secondary thread on macOS, in a debug build.
    @Test func deepestExpressionsFitASmallStack() throws {
        let deepest = [
            String(repeating: "(", count: 31) + "1" + String(repeating: ")", count: 31),
            "//book" + String(repeating: "[not(a", count: 15) + String(repeating: ")]", count: 15) + "/@id",
            String(repeating: "concat('a', ", count: 31) + "'b'" + String(repeating: ")", count: 31),
            String(repeating: "-", count: 31) + "1",
        ]
        let document = try XPathFixtures.document(XPathFixtures.library)
        let values = SmallStackThread.run {
            deepest.map { expression in Result { () throws -> XPathValue in try XPathExpression(expression).evaluate(in: document) } }
        }
        #expect(try values[0].get() == .number(1))
        #expect(try values[1].get() == .nodes(["b1", "b2"]))
        #expect(try values[2].get() == .string(String(repeating: "a", count: 31) + "b"))
        #expect(try values[3].get() == .number(-1))
    }

    /// Chains of one operator are lists, not nesting: any length parses and evaluates.
    @Test func longChainsAreNotNesting() throws {
        let terms = 50_000
        let sum = Array(repeating: "1", count: terms).joined(separator: " + ")
        #expect(try XPathFixtures.value(sum) == .number(Double(terms)))
        let union = Array(repeating: "//book", count: terms).joined(separator: " | ")
        #expect(try XPathFixtures.value("count(\(union))") == .number(2))
        let steps = "/library" + String(repeating: "/book/..", count: terms) + "/magazine/@id"
        #expect(try XPathFixtures.value(steps) == .nodes(["m1"]))
        let predicates = "//book" + String(repeating: "[1]", count: terms) + "/@id"
        #expect(try XPathFixtures.value(predicates) == .nodes(["b1"]))
        let comparisons = "1" + String(repeating: " = 1", count: terms)
        #expect(try XPathFixtures.value(comparisons) == .boolean(true))
    }
}

/// Well-formed expressions that cannot be evaluated: every evaluate throws, whatever the document.
struct XPathEvaluationErrorTests {
    @Test(arguments: [
        ("foo()", "unknown function foo()"),
        ("fn:count(//a)", "unknown function fn:count()"),
        ("count()", "count() takes 1 argument, not 0"),
        ("count(//a, //b)", "count() takes 1 argument, not 2"),
        ("true(1)", "true() takes 0 arguments, not 1"),
        ("concat('a')", "concat() takes at least 2 arguments, not 1"),
        ("substring('a')", "substring() takes 2 to 3 arguments, not 1"),
        ("count(1)", "count() needs a node-set"),
        ("sum('1 2')", "sum() needs a node-set"),
        ("local-name('a')", "local-name() needs a node-set"),
        ("$x", "no variable is bound, so $x has no value"),
        ("//book[@id = $id]", "$id"),
        ("namespace::*", "the namespace axis is not supported"),
        ("id('b1')", "id() is not supported"),
        ("1 | //a", "'|' joins node-sets only"),
        ("//a | 'b'", "'|' joins node-sets only"),
        ("'a'/b", "only a node-set can be filtered"),
        ("(1)[1]", "only a node-set can be filtered"),
        ("concat('a', 'b')//c", "only a node-set can be filtered"),
        // Found even where evaluation would never go.
        ("//nothing[foo()]", "unknown function foo()"),
        ("false() and count(1)", "count() needs a node-set"),
        // The first problem is the one reported.
        ("bar() + baz()", "unknown function bar()"),
    ])
    func throwsAtEveryEvaluation(_ expression: String, _ messageContains: String) throws {
        let parsed = try XPathExpression(expression)
        for xml in [XPathFixtures.library, "<a/>"] {
            let document = try XPathFixtures.document(xml)
            do throws(XPathExpression.EvaluationError) {
                let value = try parsed.evaluate(in: document)
                Issue.record("\(expression) gave \(value)")
            } catch {
                #expect(error.message.contains(messageContains), "\(error)")
                #expect(error.description == error.message)
            }
        }
    }

    @Test func aSyntaxErrorWinsOverAnEvaluationProblem() {
        do throws(XPathExpression.SyntaxError) {
            _ = try XPathExpression("foo() +")
            Issue.record("accepted foo() +")
        } catch {
            #expect(error.offset == 7)
        }
    }

    @Test func quadraticWorkOnAHostileDocumentEnds() throws {
        // Each element's string-value is the whole subtree below it: 100,000 of them are 10^10 visits.
        let depth = 100_000
        let deep = try XPathFixtures.document(String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth))
        let expression = try XPathExpression("count(//a[. = 'x'])")
        do throws(XPathExpression.EvaluationError) {
            _ = try expression.evaluate(in: deep)
            Issue.record("evaluated 10^10 node visits")
        } catch {
            #expect(error.message.contains("too much work"))
        }
        // The same expression on a document of ordinary depth.
        let shallow = try XPathFixtures.document(String(repeating: "<a>", count: 100) + "x" + String(repeating: "</a>", count: 100))
        #expect(try expression.evaluate(in: shallow) == .number(100))
    }
}

/// Runs work on a thread with a 512 KiB stack and waits for its result.
private final class SmallStackThread<Result: Sendable>: @unchecked Sendable {
    private var result: Result?
    private let done = DispatchSemaphore(value: 0)

    static func run(_ work: @escaping @Sendable () -> Result) -> Result {
        let box = SmallStackThread()
        let thread = Thread {
            box.result = work()
            box.done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        box.done.wait()
        return box.result!
    }
}
