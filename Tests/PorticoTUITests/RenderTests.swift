import Foundation
import PorticoCore
import PorticoTUI
import Testing

/// The sizes every snapshot is taken at: the classic terminal, the side-by-side threshold, a wide one.
private let sizes = [(80, 24), (120, 40), (200, 50)]

@Suite("render")
struct RenderTests {
    /// The explorer as it opens.
    private func startState(width: Int, height: Int) -> AppState {
        Fixtures.state(width: width, height: height)
    }

    /// "local" chosen, "List users" opened and sent, and the users response arrived.
    private func responseState(width: Int, height: Int, body: Data = Fixtures.usersBody, headers: [HTTPField] = [HTTPField("Content-Type", "application/json")]) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        state.press(.character("e"), .character("j"), .enter, .control("r"))
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(headers: headers), body: body)))
        return state
    }

    /// The rows of the response pane's inside, without its borders and padding.
    private func responsePaneLines(_ state: AppState, _ grid: CellGrid) -> [String] {
        let pane = Layout(state).response
        return (pane.row..<(pane.row + pane.height)).map { row in
            grid.text(row: row, columns: pane.column..<(pane.column + pane.width))
                .trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }
    }

    // MARK: Snapshots

    @Test("start screen", arguments: sizes)
    func startScreen(width: Int, height: Int) {
        let grid = render(startState(width: width, height: height))
        #expect(grid.width == width)
        #expect(grid.height == height)
        assertSnapshot(grid.text, named: "start-\(width)x\(height)")
    }

    @Test("after a response arrived", arguments: sizes)
    func afterResponse(width: Int, height: Int) {
        let grid = render(responseState(width: width, height: height))
        assertSnapshot(grid.text, named: "response-\(width)x\(height)")
    }

    // MARK: Facts

    @Test("the start screen shows the collection, the title and the hints")
    func startScreenFacts() {
        let state = startState(width: 120, height: 40)
        let grid = render(state)
        #expect(grid.line(0).hasPrefix(" Portico  Demo API  env: none"))
        #expect(grid.text.contains("List users"))
        #expect(grid.text.contains("press i / u to type a URL"))
        #expect(grid.text.contains("Ctrl+R / F5 sends the request"))
        #expect(!grid.text.contains("unsaved"))
    }

    @Test("from 120 columns request and response sit side by side", arguments: [120, 200])
    func sideBySide(width: Int) {
        let grid = render(responseState(width: width, height: 40))
        #expect(grid.line(1).contains("Request · List users"))
        #expect(grid.line(1).contains(" Response "))
        #expect(grid.line(1).contains(" Collection "))
    }

    @Test("below 120 columns the response is below the request", arguments: [80, 119])
    func stacked(width: Int) {
        let state = responseState(width: width, height: 24)
        let grid = render(state)
        #expect(grid.line(1).contains("Request · List users"))
        #expect(!grid.line(1).contains("Response"))
        let responseRow = (0..<grid.height).first { grid.line($0).contains(" Response ") }
        #expect(responseRow != nil)
        #expect(responseRow.map { $0 > 1 && $0 < grid.height - 1 } == true)
    }

    @Test("the status line shows the status and its reason", arguments: sizes)
    func statusLine(width: Int, height: Int) {
        let state = responseState(width: width, height: height)
        let lines = responsePaneLines(state, render(state))
        #expect(lines.contains { $0.hasPrefix("200 OK") && $0.contains("12.0 ms") && $0.contains("33 B") })
    }

    @Test("the pretty JSON shows each member on its own line", arguments: sizes)
    func prettyJSON(width: Int, height: Int) {
        let state = responseState(width: width, height: height)
        let lines = responsePaneLines(state, render(state))
        #expect(lines.contains("\"name\": \"Ada\""))
        #expect(lines.contains("\"id\": 1,"))
        #expect(lines.contains("\"users\": ["))
    }

    @Test("below 60×12 a message replaces the layout", arguments: [(59, 24), (80, 11), (20, 5)])
    func tooSmall(width: Int, height: Int) {
        let grid = render(startState(width: width, height: height))
        #expect(grid.width == width)
        #expect(!grid.text.contains("Collection"))
        #expect(!grid.text.contains("┌"))
        if width >= 59 {
            #expect(grid.text.contains("needs 60×12"))
            #expect(grid.text.contains("(now \(width)×\(height))"))
        } else {
            #expect(grid.text.contains("Portico needs"))
        }
    }

    @Test("exactly 60×12 draws the layout")
    func smallestLayout() {
        let grid = render(startState(width: 60, height: 12))
        #expect(!grid.text.contains("Portico needs"))
        #expect(grid.text.contains(" Collection "))
        #expect(grid.text.contains("Request"))
        #expect(grid.text.contains("Response"))
    }

    @Test("a zoomed pane takes the whole width")
    func zoomed() {
        var state = responseState(width: 120, height: 40)
        state.press(.tab, .character("z"))
        #expect(state.focus == .response)
        #expect(state.zoomed)
        let grid = render(state)
        #expect(grid.line(1).hasPrefix("┌─ Response "))
        #expect(grid.line(1).hasSuffix("┐"))
        #expect(grid.line(state.height - 2).hasPrefix("└"))
        #expect(!grid.text.contains("Collection"))
        #expect(!grid.text.contains("Request ·"))
        #expect(responsePaneLines(state, grid).contains("\"name\": \"Ada\""))

        state.press(.character("z"))
        #expect(render(state).line(1).contains(" Collection "))
    }

    @Test("a zoomed request pane hides the others")
    func zoomedRequest() {
        var state = responseState(width: 80, height: 24)
        state.press(.character("z"))
        let grid = render(state)
        #expect(grid.line(1).hasPrefix("┌─ Request · List users "))
        #expect(grid.line(1).hasSuffix("┐"))
        #expect(!grid.text.contains("Response"))
    }

    @Test("the help overlay lists Ctrl+R")
    func helpOverlay() {
        var state = startState(width: 120, height: 40)
        state.press(.character("?"))
        let grid = render(state)
        #expect(grid.text.contains("any other key closes"))
        #expect((0..<grid.height).contains { grid.line($0).contains("Ctrl+R / F5") && grid.line($0).contains("send the request") })
    }

    @Test("the help overlay reaches every binding at 80×24 by scrolling, and shows all at once at 200×50")
    func helpOverlayComplete() {
        var small = startState(width: 80, height: 24)
        small.press(.character("?"))
        var seen = render(small).text
        #expect(seen.contains("Ctrl+R / F5"))
        for _ in 0..<100 {
            small.press(.character("j"))
            seen += render(small).text
        }
        #expect(small.mode == .help, "j scrolls the help, it does not close it")
        var large = startState(width: 200, height: 50)
        large.press(.character("?"))
        let all = render(large).text
        let bindings = Command.Context.allCases.flatMap { KeyHelp.bindings($0, .standard) } + KeyHelp.lineEditing + KeyHelp.fixed
        for binding in bindings {
            #expect(seen.contains(binding.action), "help at 80×24 never shows '\(binding.keys): \(binding.action)'")
            #expect(all.contains(binding.action), "help at 200×50 does not show '\(binding.keys): \(binding.action)'")
        }
        small.press(.character("x"))
        #expect(small.mode == .normal)
    }

    @Test("an action too long for its column in the help overlay goes on over the next row")
    func helpOverlayWraps() {
        var state = startState(width: 160, height: 45)
        state.press(.character("?"))
        let grid = render(state)
        let rows = (0..<grid.height).map { grid.line($0) }
        guard let at = rows.firstIndex(where: { $0.contains("search (Tab while typing:") }) else {
            Issue.record("no search line:\n\(grid.text)")
            return
        }
        #expect(rows[at].contains("search (Tab while typing: regular expression)") || rows[at + 1].contains("expression)"), "\(rows[at])\n\(rows[at + 1])")
    }

    @Test("the quit question names the request")
    func confirmQuit() {
        var state = responseState(width: 120, height: 40)
        state.press(.character("m"), .character("q"))
        let grid = render(state)
        #expect(grid.text.contains("Unsaved changes"))
        #expect(grid.text.contains("Quit without saving the changes to List users?"))
        #expect(grid.line(0).hasSuffix("● unsaved "))
    }

    @Test("a request in flight shows the spinner and how to cancel")
    func inFlight() {
        var state = startState(width: 120, height: 40)
        state.press(.character("j"), .enter, .control("r"))
        let text = render(state).text
        #expect(text.contains("sending…"))
        #expect(text.contains("Esc cancels"))
    }

    @Test("a response cut at the size limit keeps its time and size on the status line, and its whole message above the body")
    func cutResponse() throws {
        var state = Fixtures.state(width: 120, height: 40)
        var exchange = Fixtures.exchange(headers: [HTTPField("Content-Type", "application/json")])
        exchange.error = BodySizeLimit.exceeded(2_000_000)
        _ = reduce(&state, .responseArrived(ResponseView(exchange: exchange, body: Fixtures.usersBody)))
        let response = try #require(state.response)
        state.wrap = true
        let lines = render(state).text.split(separator: "\n")
        let statusLine = lines.first { $0.contains(" 200 OK ") } ?? ""
        #expect(statusLine.contains("ms  \(formatSize(response.size))  protocol: the response"), "\(statusLine)")
        // Above the body, wrapped, the message to its end.
        let text = lines.joined(separator: "\n")
        #expect(text.contains("config.yaml raises it"), "\(text)")
    }

    @Test("a body whose bytes overrule its type says so once")
    func binaryNoteOnce() {
        let view = ResponseView(exchange: Fixtures.exchange(headers: [HTTPField("Content-Type", "text/plain")]), body: Data([0x00, 0xFF, 0x01, 0x02, 0x7F, 0x00]))
        let summary = view.bodySummary ?? ""
        #expect(summary == "binary, 6 B (text/plain); sent as text/plain, but the bytes are binary")
    }

    // MARK: Hostile responses

    @Test("a body with terminal escapes draws no control character", arguments: [
        ("text/plain", "hi \u{1B}[2J\u{1B}]0;owned\u{07} \u{9B}31m \u{202E}evil\nnext\rline\u{7F}\u{08}"),
        ("application/json", "{\"a\":\"\u{1B}[31mred\u{1B}[0m\",\"b\":\"\u{07}\u{9B}\"}"),
        ("text/plain", "\u{1B}]52;c;cHduZWQ=\u{07} pay\u{200B}pal \u{FEFF}bom a\u{200D}b \u{2066}x\u{2069} \u{200F}"),
    ])
    func hostileBody(contentType: String, body: String) {
        for tab in [AppState.ResponseTab.body, .raw] {
            for wrap in [false, true] {
                var state = responseState(width: 120, height: 40, body: Data(body.utf8), headers: [HTTPField("Content-Type", contentType)])
                state.responseTab = tab
                state.wrap = wrap
                let grid = render(state)
                let controls = grid.scalars.filter(isTerminalControl)
                #expect(controls.isEmpty, "\(tab) tab (wrap \(wrap)) draws \(controls.map { String($0.value, radix: 16) })")
                #expect(grid.text.contains("␛"), "the escape is still shown, as a symbol")
            }
        }
    }

    @Test("a header with terminal escapes draws no control character")
    func hostileHeader() {
        var state = responseState(width: 120, height: 40, headers: [
            HTTPField("Content-Type", "application/json"), HTTPField("X-Evil", "\u{1B}[2J\u{07}"),
            HTTPField("Set-Cookie", "id=\u{1B}]52;c;AAAA\u{07}; Path=/"),
        ])
        for tab in [AppState.ResponseTab.headers, .cookies] {
            state.responseTab = tab
            let grid = render(state)
            #expect(!grid.scalars.contains(where: isTerminalControl), "\(tab) tab")
        }
    }

    @Test("a CR LF text body draws no control character")
    func crlfBody() {
        let state = responseState(width: 120, height: 40, body: Data("line one\r\nline two\r\n".utf8), headers: [HTTPField("Content-Type", "text/plain")])
        let grid = render(state)
        #expect(!grid.scalars.contains(where: isTerminalControl))
        let lines = responsePaneLines(state, grid)
        #expect(lines.contains { $0.hasPrefix("line one") })
        #expect(lines.contains { $0.hasPrefix("line two") })
    }
}

@Suite("secrets in the explorer")
struct ExplorerSecretTests {
    @Test("a response that repeats a secret shows it masked in body, headers and errors")
    func responseMasksSecrets() {
        let masker = SecretMasker(secrets: ["s3cr3t-token"])
        let body = Data("{\"echo\":\"Bearer s3cr3t-token\"}".utf8)
        let view = ResponseView(exchange: Fixtures.exchange(headers: [HTTPField("X-Seen", "s3cr3t-token")]), body: body, masker: masker)
        var state = Fixtures.state(width: 120, height: 40)
        _ = reduce(&state, .responseArrived(view))
        let text = render(state).text
        #expect(!text.contains("s3cr3t-token"))
        #expect(text.contains("Bearer ••••••"))
        #expect(view.headers.first(named: "X-Seen") == "••••••")
        #expect(view.rawLines.joined().contains("••••••"))
    }
}
