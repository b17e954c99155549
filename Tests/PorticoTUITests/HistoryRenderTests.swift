import Foundation
import PorticoCore
import PorticoTUI
import Testing

@Suite("render: history")
struct HistoryRenderTests {
    /// The explorer with the sidebar's history listed.
    private func sidebarState(width: Int, height: Int) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        state.timeZone = TimeZone(identifier: "UTC")!
        let effects = reduce(&state, .historyChanged)
        state.answerListing(effects, with: HistoryFixtures.all)
        return state
    }

    /// The oldest and newest entries compared, as the effect would compute it.
    private func comparisonState() -> AppState {
        var state = AppState.withHistory()
        state.press(.character("d"), .character("G"))
        let read = state.press(.character("d")).first?.historyRead ?? -1
        let old = HistoryFixtures.oldest, new = HistoryFixtures.newest
        let lines = ExchangeDiff.lines(old: old, oldBody: Data(old.response!.body!.text!.utf8), new: new, newBody: Data(new.response!.body!.text!.utf8))
        _ = reduce(&state, .comparisonReady(lines, read: read))
        return state
    }

    // MARK: Snapshots

    @Test("the sidebar's history section", arguments: [(80, 24), (120, 40)])
    func sidebar(width: Int, height: Int) {
        assertSnapshot(render(sidebarState(width: width, height: height)).text, named: "history-sidebar-\(width)x\(height)")
    }

    @Test("the history list, one entry marked and a filter set", arguments: [(80, 24), (120, 40), (200, 50)])
    func list(width: Int, height: Int) {
        var state = AppState.withHistory(width: width, height: height)
        state.press(.character("d"))
        state.answerListing(state.press(.character("E")), with: HistoryFixtures.all.filter { $0.environment == "local" })
        state.press(.character("j"))
        assertSnapshot(render(state).text, named: "history-list-\(width)x\(height)")
    }

    @Test("an entry: the request as recorded beside its response", arguments: [(80, 24), (120, 40)])
    func entry(width: Int, height: Int) {
        var state = AppState.withHistory(width: width, height: height)
        let read = state.press(.enter).first?.historyRead ?? -1
        _ = reduce(&state, .historyEntryLoaded(HistoryFixtures.loaded(HistoryFixtures.newest), read: read))
        assertSnapshot(render(state).text, named: "history-entry-\(width)x\(height)")
    }

    @Test("two entries compared")
    func comparison() {
        assertSnapshot(render(comparisonState()).text, named: "history-comparison-120x40")
    }

    // MARK: Facts

    @Test("the list shows each entry's time, method, status or error, duration and request")
    func listFacts() {
        let grid = render(AppState.withHistory())
        let rows = grid.text.split(separator: "\n").map(String.init)
        let newest = rows.first { $0.contains("2026-11-30 06:10:00") } ?? ""
        #expect(newest.contains("GET") && newest.contains(" 200 ") && newest.contains("12.5 ms") && newest.contains("List users") && newest.contains("http://example.test/users"))
        let failed = rows.first { $0.contains("2026-11-30 06:05:00") } ?? ""
        #expect(failed.contains("POST") && failed.contains("connect") && failed.contains("Create user"))
        #expect(grid.line(1).contains("History · 3 entries"))
    }

    @Test("while the history is read, and when nothing matches, the list says so")
    func emptyStates() {
        var state = Fixtures.state()
        let effects = state.press(.character("H"))
        #expect(render(state).text.contains("reading the history…"))
        state.answerListing(effects, with: [])
        #expect(render(state).text.contains("nothing sent yet"))
        state.answerListing(state.press(.character("m")), with: [])
        #expect(render(state).text.contains("nothing matches the filters: x clears them"))
    }

    @Test("a replay in flight shows on the list with how to cancel it")
    func replayInFlight() {
        var state = AppState.withHistory()
        state.press(.character("r"))
        let text = render(state).text
        #expect(text.contains("replaying c30df13a…"))
        #expect(text.contains("Ctrl+C cancels"))
    }

    @Test("the comparison colours each line by its kind")
    func comparisonColours() {
        let state = comparisonState()
        let theme = Theme.dark
        let grid = render(state, theme: theme)
        func style(ofLineContaining text: String) -> Style? {
            guard let row = (0..<grid.height).first(where: { grid.line($0).contains(text) }),
                  let column = grid.line(row).range(of: text).map({ grid.line(row).distance(from: grid.line(row).startIndex, to: $0.lowerBound) }) else { return nil }
            return grid[row, column].style
        }
        #expect(style(ofLineContaining: "+ $['users'][1]") == theme.diffAdded)
        #expect(style(ofLineContaining: "~ total: 30.0 ms → 12.5 ms") == theme.diffChanged)
        #expect(style(ofLineContaining: "Timing") == theme.accent)
        #expect(theme.diffAdded != theme.diffRemoved && theme.diffAdded != theme.diffChanged)
    }

    @Test("the sidebar says when history is off")
    func notRecording() {
        var state = Fixtures.state()
        state.recordsHistory = false
        #expect(render(state).text.contains("History · H · off"))
        #expect(render(state).text.contains("off (--no-history)"))
    }

    @Test("what a hostile server sent is drawn without a control character, on every history screen")
    func hostileRecord() {
        let evil = "\u{1B}[2J\u{1B}]0;owned\u{07}\u{9B}31m\u{202E}"
        var record = HistoryFixtures.record(id: "e5e5000000000001", at: 0, url: "http://example.test/\(evil)", name: "x\(evil)",
                                            body: "{\"a\":\"\(evil)\"}", requestHeaders: [HTTPField("X-Evil", evil)])
        record.response?.headers.append(HTTPField("X-Evil", evil))
        record.response?.reason = evil
        record.error = HistoryRecord.Failure(kind: "protocol", message: evil)
        let other = HistoryFixtures.record(id: "e5e5000000000002", at: 10, body: "{\"a\":\"\(evil)x\"}")

        var state = Fixtures.state()
        state.answerListing(reduce(&state, .historyChanged), with: [record])
        #expect(!render(state).scalars.contains(where: isTerminalControl), "sidebar")

        state = AppState.withHistory([record, other])
        #expect(!render(state).scalars.contains(where: isTerminalControl), "list")

        let read = state.press(.enter).first?.historyRead ?? -1
        _ = reduce(&state, .historyEntryLoaded(HistoryFixtures.loaded(record), read: read))
        for tab in AppState.ResponseTab.allCases {
            state.responseTab = tab
            let grid = render(state)
            #expect(!grid.scalars.contains(where: isTerminalControl), "entry, \(tab) tab")
            #expect(grid.text.contains("␛"), "the escape is still shown, as a symbol")
        }

        state.press(.escape, .character("d"), .character("j"))
        let compared = state.press(.character("d")).first?.historyRead ?? -1
        let lines = ExchangeDiff.lines(old: record, oldBody: Data(record.response!.body!.text!.utf8), new: other, newBody: Data(other.response!.body!.text!.utf8))
        _ = reduce(&state, .comparisonReady(lines, read: compared))
        #expect(!render(state).scalars.contains(where: isTerminalControl), "comparison")
    }

    @Test("a request body that is not text is shown as a hex dump, and a body history cut short says so")
    func requestBodies() {
        let record = HistoryFixtures.newest
        let binary = HistoryEntry(record: withRequestBody(record, size: 3), requestBody: Data([0x00, 0xFF, 0x1B]), responseBody: nil)
        let text = binary.requestLines.map { $0.map(\.text).joined() }
        #expect(text.contains("Body · 3 B"))
        #expect(text.contains { $0.hasPrefix("00000000  00 ff 1b") })

        var truncated = record
        truncated.response?.body = HistoryRecord.Body(size: 10_000, text: "{\"a\":1}", truncated: true)
        let entry = HistoryEntry(record: truncated, requestBody: nil, responseBody: Data("{\"a\":1}".utf8))
        #expect(entry.response.size == 10_000)
        #expect(entry.response.note == "history kept the first 7 B of 9.8 KiB")
    }

    private func withRequestBody(_ record: HistoryRecord, size: Int) -> HistoryRecord {
        var record = record
        record.request.body = HistoryRecord.Body(size: size, base64: "AP8b")
        return record
    }
}
