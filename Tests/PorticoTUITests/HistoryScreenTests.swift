import Foundation
import PorticoCore
import PorticoTUI
import Testing

/// The listing filters one listing effect asks for (nil when `effects` holds none, or several).
private func listedFilter(_ effects: [Effect], sourceLocation: SourceLocation = #_sourceLocation) -> HistoryFilter? {
    let filters = effects.compactMap { effect -> HistoryFilter? in
        if case .listHistory(let filter, _, .browser, _) = effect { filter } else { nil }
    }
    guard filters.count == 1 else {
        Issue.record("expected one listing for the history screen, got \(effects)", sourceLocation: sourceLocation)
        return nil
    }
    return filters[0]
}

/// The entry opened and its bodies delivered.
private func withEntryOpen(_ records: [HistoryRecord] = HistoryFixtures.all, at index: Int = 0) -> AppState {
    var state = AppState.withHistory(records)
    for _ in 0..<index { state.press(.character("j")) }
    let effects = state.press(.enter)
    if let read = effects.first?.historyRead {
        _ = reduce(&state, .historyEntryLoaded(HistoryFixtures.loaded(records[index]), read: read))
    }
    return state
}

@Suite("History screen: listing and filters")
struct HistoryListingTests {
    @Test("H opens the history with the sidebar's entries at once and asks for a listing; Esc closes it")
    func openAndClose() {
        var state = Fixtures.state()
        state.recentHistory = [HistoryFixtures.newest]
        let effects = state.press(.character("H"))
        #expect(state.historyBrowser?.records == [HistoryFixtures.newest])
        #expect(state.historyBrowser?.isListing == true)
        #expect(effects.count == 1)
        #expect(listedFilter(effects) == HistoryFilter())
        if case .listHistory(_, let limit, _, _)? = effects.first { #expect(limit == HistoryBrowser.listLimit) }
        #expect(state.focusContext == .history)
        state.answerListing(effects, with: HistoryFixtures.all)
        #expect(state.historyBrowser?.records.map(\.id) == HistoryFixtures.all.map(\.id))
        #expect(state.historyBrowser?.isListing == false)
        state.press(.escape)
        #expect(state.historyBrowser == nil)
        #expect(state.focusContext == .sidebar)
    }

    @Test("H also closes it, and the palette runs the same command")
    func toggleAndPalette() {
        var state = AppState.withHistory()
        state.press(.character("H"))
        #expect(state.historyBrowser == nil)
        state.press(.control("p"))
        state.type("history of sent")
        let effects = state.press(.enter)
        #expect(state.historyBrowser != nil)
        #expect(listedFilter(effects) == HistoryFilter())
    }

    @Test("history on disk changed: the sidebar lists its 50 newest; the result fills the section")
    func sidebarListing() {
        var state = Fixtures.state()
        let effects = reduce(&state, .historyChanged)
        guard case .listHistory(let filter, let limit, .sidebar, let read)? = effects.first, effects.count == 1 else {
            Issue.record("expected one sidebar listing, got \(effects)")
            return
        }
        #expect(filter == HistoryFilter())
        #expect(limit == 50)
        _ = reduce(&state, .historyListed(HistoryFixtures.all, warnings: [], read: read))
        #expect(state.recentHistory.map(\.id) == HistoryFixtures.all.map(\.id))
        // A listing nobody waits for any more changes nothing.
        _ = reduce(&state, .historyListed([], warnings: [], read: read))
        #expect(state.recentHistory.count == 3)
    }

    @Test("a listing overtaken by a newer one is dropped, whichever arrives first")
    func staleListingsDropped() {
        var state = AppState.withHistory()
        state.press(.character("/"))
        let first = state.type("a")
        let second = state.type("d")
        #expect(listedFilter(first)?.text == "a")
        #expect(listedFilter(second)?.text == "ad")
        let older = [HistoryFixtures.oldest, HistoryFixtures.failed]
        let newer = [HistoryFixtures.newest]
        state.answerListing(second, with: newer)
        state.answerListing(first, with: older)
        #expect(state.historyBrowser?.records == newer)

        var reordered = AppState.withHistory()
        reordered.press(.character("/"))
        let a = reordered.type("a")
        let b = reordered.type("d")
        reordered.answerListing(a, with: older)
        #expect(reordered.historyBrowser?.isListing == true, "the newer listing is still awaited")
        reordered.answerListing(b, with: newer)
        #expect(reordered.historyBrowser?.records == newer)
        #expect(reordered.historyBrowser?.isListing == false)
    }

    @Test("typing a search lists at every change; Enter keeps it, Esc clears it")
    func searchText() {
        var state = AppState.withHistory()
        state.press(.character("/"))
        #expect(state.mode == .editingHistorySearch(LineEditor()))
        #expect(listedFilter(state.type("u"))?.text == "u")
        #expect(listedFilter(state.type("s"))?.text == "us")
        // Moving the cursor changes nothing to list.
        #expect(state.press(.left).isEmpty)
        state.press(.enter)
        #expect(state.mode == .normal)
        #expect(state.historyBrowser?.filter.text == "us")
        state.press(.character("/"))
        let cleared = state.press(.escape)
        #expect(listedFilter(cleared)?.text == nil)
        #expect(state.historyBrowser?.filter == HistoryFilter())
    }

    @Test("m, s, c and E filter by method, status class, the request in the composer and environment; x clears")
    func filterKeys() {
        var state = AppState.withHistory()
        #expect(listedFilter(state.press(.character("m")))?.method == "GET")
        #expect(listedFilter(state.press(.character("m")))?.method == "POST")
        #expect(listedFilter(state.press(.character("s")))?.statusClass == 2)
        #expect(listedFilter(state.press(.character("s")))?.statusClass == 3)
        #expect(listedFilter(state.press(.character("c")))?.requestID == state.draft.id)
        let environment = listedFilter(state.press(.character("E")))
        #expect(environment == HistoryFilter(method: "POST", statusClass: 3, requestID: state.draft.id, environment: "local"))
        #expect(listedFilter(state.press(.character("E")))?.environment == nil, "after the last environment comes any")
        #expect(listedFilter(state.press(.character("c")))?.requestID == nil)
        #expect(listedFilter(state.press(.character("x"))) == HistoryFilter())
    }

    @Test("the status filter cycles any, 2xx … 5xx, 1xx, no response and back to any")
    func statusCycle() {
        var state = AppState.withHistory()
        let classes = (0..<7).map { _ in listedFilter(state.press(.character("s")))?.statusClass }
        #expect(classes == [2, 3, 4, 5, 1, 0, nil])
    }

    @Test("the selection moves within the list and stays on its entry when a listing arrives")
    func selectionFollowsEntry() {
        var state = AppState.withHistory()
        state.press(.character("j"))
        #expect(state.historyBrowser?.selected == HistoryFixtures.failed)
        state.press(.character("G"))
        #expect(state.historyBrowser?.selection == 2)
        state.press(.character("j"))
        #expect(state.historyBrowser?.selection == 2)
        state.press(.character("k"))
        // A new entry on top: the selection stays on the entry it was on.
        let effects = reduce(&state, .historyChanged)
        let newer = HistoryFixtures.record(id: "ffff000000000004", at: 900)
        state.answerListing(effects, with: [newer] + HistoryFixtures.all)
        #expect(state.historyBrowser?.selected == HistoryFixtures.failed)
    }

    @Test("damaged lines a listing skipped are said in the footer, once")
    func warnings() {
        var state = AppState.withHistory()
        let warning = "/h/records/000001.jsonl:3: a damaged record was skipped (its checksum does not match)"
        state.answerListing(state.press(.character("m")), with: HistoryFixtures.all, warnings: [warning])
        #expect(state.message == "history: \(warning)")
        #expect(state.historyBrowser?.warnings == [warning])
        state.answerListing(state.press(.character("m")), with: HistoryFixtures.all, warnings: [warning])
        #expect(state.message == nil, "the same warning is not said again after each listing")
        state.answerListing(state.press(.character("m")), with: HistoryFixtures.all, warnings: [warning, warning])
        #expect(state.message?.hasPrefix("history: 2 damaged lines skipped; the first: /h/records") == true)
    }

    @Test("a failed listing is said in the footer and the screen stops waiting")
    func failedListing() {
        var state = AppState.withHistory()
        let effects = state.press(.character("m"))
        guard let read = effects.first?.historyRead else { return }
        _ = reduce(&state, .historyReadFailed("cannot read /h/records/000001.jsonl: permission denied", read: read))
        #expect(state.message == "history: cannot read /h/records/000001.jsonl: permission denied")
        #expect(state.historyBrowser?.isListing == false)
    }

    @Test("a click on an entry of the sidebar's history opens it on the history screen")
    func sidebarClick() throws {
        var state = Fixtures.state()
        state.recentHistory = HistoryFixtures.all
        let layout = Layout(state)
        #expect(layout.recentHistory.height > 4)
        let effects = state.press(.mouse(MouseEvent(kind: .press, row: layout.recentHistory.row + 2, column: layout.recentHistory.column + 3)))
        #expect(state.historyBrowser?.page == .entry)
        #expect(state.historyBrowser?.entry?.record == HistoryFixtures.failed)
        #expect(effects.contains { if case .loadHistoryEntry(HistoryFixtures.failed, _) = $0 { true } else { false } })
        #expect(listedFilter(effects) == HistoryFilter())
    }
}

@Suite("History screen: an entry")
struct HistoryEntryTests {
    @Test("Enter reads the entry's bodies by an effect; then its response takes the response pane, and Esc gives the explorer's back")
    func openEntry() {
        var state = AppState.withHistory()
        _ = reduce(&state, .responseArrived(Fixtures.usersResponse()))
        let explorerBody = state.response?.bodyLines
        let effects = state.press(.enter)
        #expect(effects == [.loadHistoryEntry(HistoryFixtures.newest, read: effects.first?.historyRead ?? -1)])
        #expect(state.historyBrowser?.page == .entry)
        #expect(state.focusContext == .historyEntry)
        #expect(state.response == nil, "nothing shows in the pane until the entry is read")
        _ = reduce(&state, .historyEntryLoaded(HistoryFixtures.loaded(HistoryFixtures.newest), read: effects[0].historyRead!))
        #expect(state.historyBrowser?.entry?.isLoaded == true)
        #expect(state.response?.status == 200)
        #expect(state.response?.bodyLines.contains { $0.map(\.text).joined().contains("\"Grace\"") } == true)
        state.press(.escape)
        #expect(state.historyBrowser?.page == .list)
        #expect(state.response?.bodyLines == explorerBody)
    }

    @Test("an entry read that arrives after the entry was closed is dropped")
    func staleEntry() {
        var state = AppState.withHistory()
        _ = reduce(&state, .responseArrived(Fixtures.usersResponse()))
        let read = state.press(.enter).first?.historyRead
        state.press(.escape)
        _ = reduce(&state, .historyEntryLoaded(HistoryFixtures.loaded(HistoryFixtures.newest), read: read ?? -1))
        #expect(state.historyBrowser?.page == .list)
        #expect(state.response?.bodyLines == Fixtures.usersResponse().bodyLines)
    }

    @Test("a response that arrives while an entry is open waits in the explorer's pane")
    func responseWhileEntryOpen() {
        var state = AppState.withHistory()
        state.press(.control("r"), .control("r"))
        #expect(state.message?.contains("no URL") == true)
        state.draft.url = "http://example.test/users"
        let sent = state.press(.control("r"))
        guard case .send(_, _, let exchange)? = sent.first else {
            Issue.record("expected a send, got \(sent)")
            return
        }
        state = withEntryLoaded(state)
        _ = reduce(&state, .responseArrived(ResponseView(exchange: Fixtures.exchange(status: 201), body: Fixtures.usersBody), exchange: exchange))
        #expect(state.inFlight == nil)
        #expect(state.response?.status == 200, "the entry's response stays on screen")
        state.press(.escape, .escape)
        #expect(state.historyBrowser == nil)
        #expect(state.response?.status == 201)
        #expect(state.responseExchange == exchange)
    }

    private func withEntryLoaded(_ state: AppState) -> AppState {
        var state = state
        let read = state.press(.enter).first?.historyRead ?? -1
        _ = reduce(&state, .historyEntryLoaded(HistoryFixtures.loaded(HistoryFixtures.newest), read: read))
        return state
    }

    @Test("search, queries and copying work on the entry's response with the response pane's keys")
    func responseToolsOnEntry() {
        var state = withEntryOpen()
        state.press(.character("/"))
        state.type("Grace")
        state.press(.enter)
        #expect(state.search?.matches.count == 1)
        let copied = state.press(.character("y"))
        guard case .copy(let text)? = copied.first else {
            Issue.record("expected a copy, got \(copied)")
            return
        }
        #expect(text.contains("\"Grace\""))
        state.press(.character("$"))
        state.type("..name")
        #expect(state.query?.summary == "2 values")
        state.press(.enter, .character("l"))
        #expect(state.responseTab == .headers)
        state.press(.escape)
        #expect(state.query == nil && state.search == nil, "the entry's query and search go with it")
    }

    @Test("Tab moves the scrolling to the request side and back; z zooms the side in focus")
    func requestSide() {
        var state = withEntryOpen()
        state.press(.tab)
        #expect(state.historyBrowser?.entry?.focusesRequest == true)
        state.press(.character("j"), .character("j"))
        #expect(state.historyBrowser?.entry?.requestScroll == 2)
        #expect(state.responseCursor == 0)
        state.press(.tab, .character("j"))
        #expect(state.historyBrowser?.entry?.requestScroll == 2)
        #expect(state.responseCursor == 1)
        // z zooms the side in focus, not the explorer's panes.
        state.press(.tab, .character("z"))
        #expect(Layout(state).request.width == state.width)
        #expect(Layout(state).response.width == 0)
        #expect(!state.zoomed)
    }

    @Test("S saves the recorded body, not the explorer's")
    func saveRecordedBody() {
        var state = withEntryOpen()
        state.press(.character("S"))
        guard case .prompt(let prompt) = state.mode else {
            Issue.record("expected a prompt, mode is \(state.mode)")
            return
        }
        #expect(prompt.title.hasPrefix("Save the recorded body"))
        let effects = state.press(.enter)
        #expect(effects == [.saveRecordedBody(HistoryFixtures.newest.response?.body, path: "users.json")])
    }

    @Test("an entry that could not be read closes, saying why")
    func failedEntry() {
        var state = AppState.withHistory()
        let read = state.press(.enter).first?.historyRead ?? -1
        _ = reduce(&state, .historyReadFailed("the history body 3fa9 is missing", read: read))
        #expect(state.historyBrowser?.page == .list)
        #expect(state.message == "history: the history body 3fa9 is missing")
    }
}

@Suite("History screen: replay and comparison")
struct HistoryReplayTests {
    @Test("r replays exactly, like any send, and the new record is selected once written")
    func replayExactly() {
        var state = withEntryOpen()
        let effects = state.press(.character("r"))
        #expect(effects == [.replay(HistoryFixtures.newest, rendered: false, environmentName: nil, exchange: 1)])
        #expect(state.inFlight?.replaying == HistoryFixtures.newest.id)
        #expect(state.historyBrowser?.page == .list, "a replay goes back to the list, where its entry will appear")
        _ = reduce(&state, .replayFinished(status: 200, error: nil, total: .milliseconds(12), exchange: 1))
        #expect(state.inFlight == nil)
        #expect(state.message == "replayed: 200 OK · 12.0 ms")
        let replayed = HistoryFixtures.record(id: "abcdef0000000009", at: 1200)
        let listings = reduce(&state, .historyRecorded(replayed, exchange: 1))
        #expect(state.message == "replayed: 200 OK · 12.0 ms · recorded as abcdef00")
        #expect(listings.count == 2, "the sidebar and the screen list again: \(listings)")
        state.press(.character("j"))
        state.answerListing(listings, with: [replayed] + HistoryFixtures.all)
        #expect(state.historyBrowser?.selected == replayed)
        #expect(state.recentHistory.first == replayed)
    }

    @Test("R renders the saved request with the current environment; an entry without one says so")
    func replayRendered() {
        var state = AppState.withHistory()
        state.press(.character("e"))
        let effects = state.press(.character("R"))
        #expect(effects == [.replay(HistoryFixtures.newest, rendered: true, environmentName: "local", exchange: 1)])

        let fromURL = HistoryFixtures.record(id: "1111000000000001", at: 10, requestID: nil, name: nil)
        let gone = HistoryFixtures.record(id: "2222000000000002", at: 5, requestID: "deleted-request")
        var other = AppState.withHistory([fromURL, gone])
        #expect(other.press(.character("R")).isEmpty)
        #expect(other.message == "this entry was not sent from a saved request: r replays it exactly")
        other.press(.character("j"))
        #expect(other.press(.character("R")).isEmpty)
        #expect(other.message?.hasPrefix("the saved request of this entry is not in this collection") == true)
        #expect(other.inFlight == nil)
    }

    @Test("a replay that fails to start ends with the reason; Ctrl+C cancels one in flight")
    func replayFailureAndCancel() {
        var state = AppState.withHistory()
        state.press(.character("r"))
        _ = reduce(&state, .sendFailed("cannot replay c30df13a: the recorded request's Authorization header was redacted", exchange: 1))
        #expect(state.inFlight == nil)
        #expect(state.message?.contains("Authorization header was redacted") == true)
        state.press(.character("r"))
        #expect(state.press(.control("c")) == [.cancelSend])
        #expect(state.inFlight == nil)
        #expect(state.historyBrowser != nil)
    }

    @Test("d marks an entry, d on another compares the earlier with the later, Esc goes back")
    func compareTwo() {
        var state = AppState.withHistory()
        #expect(state.press(.character("d")).isEmpty)
        #expect(state.historyBrowser?.marked == HistoryFixtures.newest)
        state.press(.character("j"), .character("j"))
        let effects = state.press(.character("d"))
        guard case .compareHistory(let old, let new, let read)? = effects.first else {
            Issue.record("expected a comparison, got \(effects)")
            return
        }
        #expect(old == HistoryFixtures.oldest && new == HistoryFixtures.newest)
        #expect(state.historyBrowser?.page == .comparison)
        #expect(state.historyBrowser?.comparison?.title == "016957be (2026-11-30 06:01:00) → c30df13a (2026-11-30 06:10:00)")
        let lines = ExchangeDiff.lines(old: old, oldBody: Data(old.response!.body!.text!.utf8), new: new, newBody: Data(new.response!.body!.text!.utf8))
        _ = reduce(&state, .comparisonReady(lines, read: read))
        #expect(state.historyBrowser?.comparison?.lines == lines)
        let copied = state.press(.character("y"))
        #expect(copied == [.copy(lines.map(\.description).joined(separator: "\n"))])
        state.press(.escape)
        #expect(state.historyBrowser?.page == .list)
        #expect(state.historyBrowser?.marked == HistoryFixtures.newest, "the mark stays for the next comparison")
        state.press(.character("g"), .character("d"))
        #expect(state.historyBrowser?.marked == nil, "d on the marked entry unmarks it")
    }

    @Test("D compares the marked entry with the response the explorer shows, from the list or the entry")
    func compareWithResponse() {
        var state = AppState.withHistory()
        #expect(state.press(.character("D")).isEmpty)
        #expect(state.message == "there is no response to compare with: send a request first")
        state.draft.url = "http://example.test/users"
        state.press(.control("r"))
        _ = reduce(&state, .responseArrived(Fixtures.usersResponse(), exchange: 1))
        state.press(.character("j"), .character("d"), .character("k"), .enter)
        let effects = state.press(.character("D"))
        guard case .compareWithResponse(let record, let exchange, _)? = effects.first else {
            Issue.record("expected a comparison with the response, got \(effects)")
            return
        }
        #expect(record == HistoryFixtures.failed)
        #expect(exchange == 1)
        #expect(state.historyBrowser?.comparison?.title == "7a8b9c0d (2026-11-30 06:05:00) → the response shown")
        state.press(.escape)
        #expect(state.historyBrowser?.page == .entry, "back to where the comparison started")
    }

    @Test("a comparison result that is no longer awaited is dropped")
    func staleComparison() {
        var state = AppState.withHistory()
        state.press(.character("d"), .character("j"))
        let read = state.press(.character("d")).first?.historyRead ?? -1
        state.press(.escape)
        _ = reduce(&state, .comparisonReady([ExchangeDiff.Line(kind: .heading, text: "Request")], read: read))
        #expect(state.historyBrowser?.page == .list)
        #expect(state.historyBrowser?.comparison == nil)
    }
}

@Suite("History screen: keys")
struct HistoryKeyTests {
    @Test("the history's commands are rebindable, and a rebinding shows in help and the footer")
    func rebinding() throws {
        var state = AppState.withHistory()
        state.keymap = try Keymap.standard.applying([Keymap.Binding(command: "replay", keys: ["p"], line: 1), Keymap.Binding(command: "history", keys: ["f2"], line: 2)])
        #expect(state.press(.character("r")).isEmpty)
        #expect(state.press(.character("p")) == [.replay(HistoryFixtures.newest, rendered: false, environmentName: nil, exchange: 1)])
        #expect(render(state).line(state.height - 1).contains("p replay"))
        state.press(.function(2))
        #expect(state.historyBrowser == nil)
        #expect(helpText(state.keymap).contains("p replay exactly as recorded"))
    }

    @Test("every history command is in the help and in the palette of its screen")
    func helpAndPalette() {
        let help = helpText(.standard)
        for command in Command.allCases where command.contexts.contains(where: { [.history, .historyEntry, .comparison].contains($0) }) {
            #expect(help.contains(command.summary), "\(command.rawValue) is not in the help")
        }
        var state = AppState.withHistory()
        state.press(.control("p"))
        guard case .palette(let picker) = state.mode else {
            Issue.record("expected the palette")
            return
        }
        let titles = picker.items.map(\.title)
        #expect(titles.contains("Replay exactly as recorded"))
        #expect(titles.contains("Filter by status class"))
        #expect(!titles.contains("Rename request or folder"), "the collection's commands are not the history's")
    }

    private func helpText(_ keymap: Keymap) -> String {
        Command.Context.allCases.flatMap { KeyHelp.bindings($0, keymap) }.map { "\($0.keys) \($0.action)" }.joined(separator: "\n")
    }
}
