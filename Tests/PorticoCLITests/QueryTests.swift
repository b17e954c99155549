import Foundation
import Testing

/// `portico query` as a script uses it: the document from a file or standard input, the node list
/// as JSON, exit codes, and errors that point at the mistake.
@Suite("portico query")
struct QueryTests {
    /// The bookstore document of RFC 9535, section 1.5.
    static let store = Data("""
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
        """.utf8)

    @Test("values of a filter, from a file, as a JSON array that keeps numbers as written")
    func valuesFromFile() async throws {
        let sandbox = try Sandbox()
        try Self.store.write(to: sandbox.path("store.json"))
        let result = try await sandbox.run(["query", "$..book[?@.price < 10].price", "store.json", "--compact"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutText == "[8.95,8.99]\n")
    }

    @Test("normalized paths with --paths, from standard input")
    func pathsFromStdin() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["query", "$.store.book[?@.isbn].title", "--paths", "--compact"], stdin: Self.store)
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutText == #"["$['store']['book'][2]['title']","$['store']['book'][3]['title']"]"# + "\n")
    }

    @Test("the default output is indented, and nothing selected is an empty array with exit 0")
    func indentedAndEmpty() async throws {
        let sandbox = try Sandbox()
        let found = try await sandbox.run(["query", "$.store.bicycle", "-"], stdin: Self.store)
        #expect(found.exitCode == 0, "\(found)")
        #expect(found.stdoutText.contains("\n"))
        #expect(found.stdoutText.contains("\"color\": \"red\""), "\(found.stdoutText)")
        let none = try await sandbox.run(["query", "$.nothing", "--compact"], stdin: Self.store)
        #expect(none.exitCode == 0)
        #expect(none.stdoutText == "[]\n")
    }

    @Test("an invalid query exits 2 and points at the position of the mistake")
    func invalidQuery() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["query", "$.store[?@.price <]"], stdin: Self.store)
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("portico: invalid JSONPath") == true, "\(result.stderr)")
        // The caret sits under the character where the query went wrong: the "]".
        let queryLine = try #require(lines.first { $0.hasSuffix("$.store[?@.price <]") })
        let caretLine = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces) == "^" })
        let queryStart = queryLine.count - "$.store[?@.price <]".count
        #expect(caretLine.count - 1 - queryStart == "$.store[?@.price <".count, "\(result.stderr)")
    }

    @Test("a document that is not JSON, or a file that is missing, exits 2 with where and why")
    func badInput() async throws {
        let sandbox = try Sandbox()
        let notJSON = try await sandbox.run(["query", "$"], stdin: Data("{\"a\": 1,\n \"b\": }".utf8))
        #expect(notJSON.exitCode == 2, "\(notJSON)")
        #expect(notJSON.stderr.contains("standard input:2:"), "\(notJSON.stderr)")
        let missing = try await sandbox.run(["query", "$", "missing.json"])
        #expect(missing.exitCode == 2, "\(missing)")
        #expect(missing.stderr.contains("missing.json"), "\(missing.stderr)")
    }

    @Test("control characters in the document come out escaped, never raw")
    func escapes() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["query", "$.t", "--compact"], stdin: Data(#"{"t": "\u001b]0;pwned\u0007"}"#.utf8))
        #expect(result.exitCode == 0, "\(result)")
        #expect(!result.stdout.contains(0x1B))
        #expect(!result.stdout.contains(0x07))
        #expect(result.stdoutText == #"["\u001b]0;pwned\u0007"]"# + "\n")
    }

    @Test("the caret counts screen columns: wide characters before the mistake take two")
    func caretUnderWideCharacters() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["query", "$['日本'] x"], stdin: Data("{}".utf8))
        #expect(result.exitCode == 2, "\(result)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let queryLine = try #require(lines.first { $0.hasSuffix("$['日本'] x") })
        let caretLine = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces) == "^" })
        // "$['日本'] " is 8 characters but 10 columns wide; the caret goes under the "x".
        #expect(caretLine.count - 1 == queryLine.count - 1 + 2, "\(result.stderr)")
    }
}
