import Foundation
import PorticoCore
@testable import PorticoTUI
import Testing

/// `/` in the response pane: plain or regular-expression search over the tab shown, every match
/// highlighted, the count shown, n / N to jump.
@Suite("Searching the response")
struct ResponseSearchTests {
    /// A JSON response of `count` users, the response pane focused.
    private func answered(users count: Int = 60) -> AppState {
        let users = (1...count).map { #"{"id":\#($0),"name":"user\#($0)","mail":"u\#($0)@Example.org"}"# }
        let body = Data(("[" + users.joined(separator: ",") + "]").utf8)
        var state = Fixtures.state(width: 120, height: 40)
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(), body: body)))
        state.focus = .response
        return state
    }

    private func search(_ state: inout AppState, _ text: String, regex: Bool = false) {
        state.press(.character("/"))
        if regex { state.press(.tab) }
        state.type(text)
        state.press(.enter)
    }

    @Test("plain text, case-insensitive while it has no capital; the count and the first match are shown")
    func plain() throws {
        var state = answered()
        search(&state, "example.org")
        let found = try #require(state.search)
        #expect(found.matches.count == 60)
        #expect(found.summary == "match 1 of 60")
        let text = render(state).text
        #expect(text.contains("match 1 of 60"))
        // A capital makes it exact: the body says "Example".
        search(&state, "EXAMPLE")
        #expect(state.search?.matches.isEmpty == true)
        #expect(state.search?.summary == "no match for “EXAMPLE”")
    }

    @Test("a regular expression after Tab; an invalid one says so")
    func regex() {
        var state = answered()
        search(&state, #"user\d*7\b"#, regex: true)
        // user7, user17, user27, user37, user47, user57
        #expect(state.search?.matches.count == 6)
        #expect(state.search?.isRegex == true)
        search(&state, "user(")
        #expect(state.search?.problem == "not a valid regular expression")
    }

    @Test("in a regular expression the letters of an escape are syntax: they do not make it match case", arguments: [
        (#"\Dser"#, true), (#"\p{Lu}x"#, true), (#"\pLx"#, true), (#"\x{41}b"#, true), (#"\xFFa"#, true), (#"\uFFFFa"#, true),
        (#"\SX"#, false), (#"\p{Lu}X"#, false), (#"A\d"#, false), (#"\\A"#, false),
    ])
    func smartCaseInARegularExpression(_ text: String, ignoresCase: Bool) {
        #expect(ResponseSearch(text: text, isRegex: true).ignoresCase == ignoresCase)
        // As plain text every capital counts.
        #expect(ResponseSearch(text: text, isRegex: false).ignoresCase == !text.contains(where: \.isUppercase))
    }

    @Test("a regular expression with an escape finds text in either case")
    func escapedRegexIgnoresCase() {
        var state = answered()
        search(&state, #"\DXAMPLE"#, regex: true)
        #expect(state.search?.matches.isEmpty == true)
        // Still a regular expression: the mode stays for the next search.
        search(&state, #"\Dxample\.org"#)
        #expect(state.search?.matches.count == 60)
    }

    @Test("a match past the pane's right edge says that w shows it")
    func matchPastTheRightEdge() {
        var state = Fixtures.state(width: 120, height: 40)
        let body = Data(("padding " + String(repeating: "x", count: 300) + " needle\n").utf8)
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(headers: [HTTPField("Content-Type", "text/plain")]), body: body)))
        state.focus = .response
        search(&state, "needle")
        #expect(state.search?.matches.count == 1)
        #expect(state.message == "the match is past the pane's right edge: w wraps lines to show it")
        state.message = nil
        search(&state, "padding")
        #expect(state.message == nil)
        state.press(.character("w"))
        state.message = nil
        search(&state, "needle")
        #expect(state.message == nil)
    }

    @Test("n and N jump between matches, wrapping, and scroll the match into view")
    func jumping() throws {
        var state = answered()
        search(&state, "\"user5")
        // "user5" and user50 to user59.
        #expect(state.search?.matches.count == 11)
        let first = try #require(state.search?.matches.first)
        state.press(.character("n"))
        #expect(state.search?.current == 1)
        state.press(.character("N"), .character("N"))
        #expect(state.search?.current == 10)
        let last = try #require(state.search?.matches.last)
        // The cursor is on the match's line, and the line is on screen.
        #expect(state.responseCursor == last.line)
        #expect(state.responseScroll <= last.line && last.line < state.responseScroll + responseViewHeight(state))
        #expect(last.line > first.line)
    }

    @Test("matches are drawn highlighted, the current one differently")
    func highlighted() throws {
        var state = answered(users: 3)
        search(&state, "user2")
        let grid = render(state)
        let row = try #require((0..<grid.height).first { grid.line($0).contains("\"user2\"") })
        let line = grid.line(row)
        let column = line.distance(from: line.startIndex, to: line.range(of: "user2")!.lowerBound)
        #expect(grid[row, column].style.reverse, "the current match is in reverse video")
        #expect(!grid[row, column - 2].style.reverse)
    }

    @Test("Esc while typing ends the search; switching tabs searches the new tab")
    func escapeAndTabs() {
        var state = answered(users: 3)
        search(&state, "content-type")
        #expect(state.search?.matches.isEmpty == true)
        state.press(.character("l"))
        #expect(state.responseTab == .headers)
        #expect(state.search?.matches.count == 1)
        state.press(.character("/"), .escape)
        #expect(state.search == nil)
    }
}

@Suite("Going to a line, copying and saving the response")
struct ResponseCopyAndSaveTests {
    private func answered(url: String = "http://example.test/api/users", contentType: String = "application/json", body: String = #"{"a":[1,2,3,4,5,6,7,8,9,10]}"#) -> AppState {
        var state = Fixtures.state(width: 120, height: 40)
        var exchange = Fixtures.exchange(headers: [HTTPField("Content-Type", contentType)])
        exchange.response?.url = URL(string: url)!
        _ = reduce(&state, .responseArrived(ResponseView(exchange: exchange, body: Data(body.utf8))))
        state.focus = .response
        return state
    }

    @Test(": goes to a line; a bad number says what is allowed")
    func goToLine() {
        var state = answered()
        state.press(.character(":"))
        state.type("8")
        state.press(.enter)
        #expect(state.responseCursor == 7)
        state.press(.character(":"))
        state.type("x")
        state.press(.enter)
        #expect(state.message?.hasPrefix("a line number is 1 to") == true)

        // A note above the body is not one of its lines: line 2 is the body's second line.
        var broken = answered(body: "{\"a\": 1,\nnot json\n")
        #expect(broken.responsePaneText.joined(separator: "\n").contains("not well-formed at byte"), "\(broken.responsePaneText)")
        broken.press(.character(":"))
        guard case .prompt(let prompt) = broken.mode else {
            Issue.record("no prompt: \(broken.mode)")
            return
        }
        #expect(prompt.title == "Go to line (1 to 2)")
        broken.type("2")
        broken.press(.enter)
        #expect(tabLines(broken).line(broken.responseCursor).map(\.text).joined() == "not json")

        // An empty body has no line to go to: no prompt for "1 to 0".
        var empty = answered(body: "")
        #expect(empty.responsePaneText.contains { $0.contains("empty body") }, "\(empty.responsePaneText)")
        empty.press(.character(":"))
        #expect(empty.mode == .normal)
        #expect(empty.message == "this tab has no lines to go to")
    }

    @Test("y copies what the tab shows: the query's values while a query is on")
    func copy() {
        var state = answered()
        #expect(state.press(.character("y")) == [.copy("{\n  \"a\": [\n    1,\n    2,\n    3,\n    4,\n    5,\n    6,\n    7,\n    8,\n    9,\n    10\n  ]\n}")])
        state.press(.character("$"))
        state.type(".a[-1]")
        state.press(.enter)
        #expect(state.press(.character("y")) == [.copy("[\n  10\n]")])
    }

    @Test("S offers a file name from the URL and asks for a save of the body")
    func save() {
        var state = answered()
        state.press(.character("S"))
        guard case .prompt(let prompt) = state.mode else {
            Issue.record("no prompt: \(state.mode)")
            return
        }
        #expect(prompt.editor.string == "users.json")
        #expect(state.press(.enter) == [.saveBody(path: "users.json")])
    }

    @Test("the offered name never lets the server choose a folder or a control character", arguments: [
        ("http://x.test/a/..%2F..%2Fetc%2Fpasswd", "application/json", "etcpasswd.json"),
        ("http://x.test/report.csv", "text/csv", "report.csv"),
        ("http://x.test/", "text/html", "response.html"),
        ("http://x.test/%1B%5D0%3Bx%07", "text/plain", "0x.txt"),
        ("http://x.test/download", nil, "download.bin"),
    ] as [(String, String?, String)])
    func fileNames(url: String, contentType: String?, expected: String) {
        var state = Fixtures.state()
        var exchange = Fixtures.exchange(headers: contentType.map { [HTTPField("Content-Type", $0)] } ?? [])
        exchange.response?.url = URL(string: url)!
        _ = reduce(&state, .responseArrived(ResponseView(exchange: exchange, body: Data("x".utf8))))
        let name = state.response?.suggestedFileName ?? ""
        #expect(!name.contains("/") && !name.hasPrefix("."), "\(name)")
        #expect(name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
        #expect(name == expected)
    }
}
