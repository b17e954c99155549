import Foundation
import PorticoCore
@testable import PorticoTUI
import Testing

/// The JSONPath query line of the response pane: typed with `$`, run at every key, kept on with
/// Enter (also for the next response), turned off with Esc.
@Suite("Querying the response body")
struct ResponseQueryTests {
    private static let body = Data(#"{"users":[{"id":1,"name":"Ada","admin":true},{"id":2,"name":"Grace","admin":false},{"id":3,"name":"Linus"}]}"#.utf8)

    /// A response with `body` arrived and the response pane focused.
    private func answered(_ body: Data = Self.body, contentType: String = "application/json") -> AppState {
        var state = Fixtures.state(width: 120, height: 40)
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(headers: [HTTPField("Content-Type", contentType)]), body: body)))
        state.focus = .response
        return state
    }

    @Test("$ opens the query line; each key runs the query and shows the selected values")
    func typing() {
        var state = answered()
        state.press(.character("$"))
        guard case .editingQuery(let editor) = state.mode else {
            Issue.record("not editing a query: \(state.mode)")
            return
        }
        #expect(editor.string == "$")
        #expect(state.query?.summary.hasPrefix("the whole body") == true)
        // `$` is the body itself: the Body tab shows it as it is, not a copy of it.
        #expect(state.query?.showsWholeBody == true)
        #expect(tabLines(state).all == state.response?.bodyLines)
        state.type(".users[*].name")
        #expect(state.query?.text == "$.users[*].name")
        #expect(state.query?.isValid == true)
        #expect(state.query?.summary == "3 values")
        let text = state.responsePaneText.joined(separator: "\n")
        #expect(text.contains("\"Ada\""))
        #expect(text.contains("\"Linus\""))
        #expect(!text.contains("\"id\""), "the whole body is still shown:\n\(text)")
    }

    @Test("p and Y on a query's results say how to reach the body's values")
    func copyingFromResults() {
        var state = answered()
        state.press(.character("$"))
        state.type(".users[*].name")
        state.press(.enter)
        for key in ["p", "Y"] {
            state.message = nil
            state.press(.character(Character(key)))
            #expect(state.message == "a query's results are shown: y copies them; $ then Esc shows the body again for p and Y")
        }
    }

    @Test("a filter with a comparison, kept on with Enter, and again for the next response")
    func keptOn() {
        var state = answered()
        state.press(.character("$"))
        state.type(".users[?@.admin == true].name")
        state.press(.enter)
        #expect(state.mode == .normal)
        #expect(state.query?.summary == "1 value")
        #expect(state.responsePaneText.joined(separator: "\n").contains("\"Ada\""))
        let next = Data(#"{"users":[{"name":"Edsger","admin":true},{"name":"Barbara","admin":true}]}"#.utf8)
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(), body: next)))
        #expect(state.query?.summary == "2 values")
        let text = state.responsePaneText.joined(separator: "\n")
        #expect(text.contains("\"Edsger\"") && text.contains("\"Barbara\""))
    }

    @Test("a mistake is marked with a caret under it and the message; nothing is selected")
    func mistake() {
        var state = answered()
        state.press(.character("$"))
        state.type(".users[?@.id >]")
        #expect(state.query?.isValid == false)
        #expect(state.query?.lines.isEmpty == true)
        // Rows untrimmed: the caret's column is measured from where the query starts.
        let grid = render(state)
        let pane = Layout(state).response
        let rows = (pane.row..<(pane.row + pane.height)).map { grid.text(row: $0, columns: pane.column..<(pane.column + pane.width)) }
        guard let queryRow = rows.firstIndex(where: { $0.contains("$.users[?@.id >]") }),
              let queryStart = rows[queryRow].range(of: "$.users")?.lowerBound else {
            Issue.record("no query row in \(rows)")
            return
        }
        let caretRow = rows[queryRow + 1]
        let start = rows[queryRow].distance(from: rows[queryRow].startIndex, to: queryStart)
        let caret = caretRow.firstIndex(of: "^").map { caretRow.distance(from: caretRow.startIndex, to: $0) - start }
        #expect(caret == "$.users[?@.id >".count, "caret row: \(caretRow)")
        #expect(caretRow.contains("^ "), "the message follows the caret: \(caretRow)")
    }

    @Test("Esc while editing turns the query off and the whole body is back")
    func escape() {
        var state = answered()
        state.press(.character("$"))
        state.type(".users[0]")
        state.press(.escape)
        #expect(state.query == nil)
        #expect(state.mode == .normal)
        #expect(state.responsePaneText.joined(separator: "\n").contains("\"Grace\""))
    }

    @Test("a body that is not JSON says so instead of failing")
    func notJSON() {
        var state = answered(Data("plain words".utf8), contentType: "text/plain")
        state.press(.character("$"))
        state.type(".a")
        #expect(state.query?.isValid == false)
        #expect(state.query?.summary.contains("not JSON") == true)
    }

    @Test("the query's values scroll like the body")
    func scrolling() {
        let many = Data(("[" + (1...200).map { #"{"n":\#($0)}"# }.joined(separator: ",") + "]").utf8)
        var state = answered(many)
        state.press(.character("$"))
        state.type("[*].n")
        state.press(.enter)
        #expect(state.query?.summary == "200 values")
        state.press(.character("G"))
        #expect(state.responseCursor == state.query!.lines.count - 1)
        #expect(state.responseScroll == state.query!.lines.count - responseViewHeight(state))
    }

    @Test("a large result is shown up to 256 KB, and the summary says how much")
    func largeResultCapped() {
        let many = Data(("[" + (1...40_000).map { #"{"text":"value number \#($0) with some padding"}"# }.joined(separator: ",") + "]").utf8)
        var state = answered(many)
        state.press(.character("$"))
        state.type("[*]")
        let summary = state.query?.summary ?? ""
        #expect(summary.hasPrefix("40000 values, the first "), "\(summary)")
        #expect(summary.hasSuffix(" shown"))
        #expect((state.query?.lines.count ?? 0) < 40_000 * 3)
    }

    @Test("opening another request turns the query and the search off")
    func otherRequest() {
        var state = answered()
        state.press(.character("$"))
        state.type(".users")
        state.press(.enter)
        #expect(state.query != nil)
        state.press(.backTab)
        state.press(.backTab)
        #expect(state.focus == .sidebar)
        state.press(.character("j"), .enter)
        #expect(state.query == nil)
        #expect(state.search == nil)
    }
}
