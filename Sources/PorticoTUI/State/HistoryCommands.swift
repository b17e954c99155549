import Foundation
import PorticoCore

// The history screen: listing under filters, opening an entry, replaying, comparing. Every read of
// the history runs as an effect and comes back numbered; a result that is no longer awaited (the
// filter changed again, the entry was closed) is dropped.

/// How many entries the sidebar's history section lists.
let recentHistoryLimit = 50

/// Opens the history full screen, or closes it.
func toggleHistory(_ state: inout AppState) -> [Effect] {
    if state.historyBrowser != nil {
        closeHistory(&state)
        return []
    }
    return openHistory(&state)
}

/// Opens the history screen; with `entry`, that entry is selected and opened at once.
func openHistory(_ state: inout AppState, entry: HistoryRecord? = nil) -> [Effect] {
    // The sidebar's entries show at once; the listing replaces them when it arrives.
    var browser = HistoryBrowser(records: state.recentHistory)
    browser.selectOnListing = entry?.id
    browser.selection = entry.flatMap { record in browser.records.firstIndex { $0.id == record.id } } ?? 0
    state.historyBrowser = browser
    var effects = listBrowser(&state)
    if let entry { effects += openEntry(&state, entry) }
    return effects
}

/// Leaves the history screen; the explorer's response pane comes back as it was.
func closeHistory(_ state: inout AppState) {
    unparkResponse(&state)
    state.historyBrowser = nil
}

/// Asks for the history screen's listing under its filters.
func listBrowser(_ state: inout AppState) -> [Effect] {
    guard var browser = state.historyBrowser else { return [] }
    state.historyReads += 1
    browser.awaitedListing = state.historyReads
    state.historyBrowser = browser
    return [.listHistory(browser.filter, limit: HistoryBrowser.listLimit, purpose: .browser, read: state.historyReads)]
}

/// Asks for the sidebar's newest entries.
func listRecentHistory(_ state: inout AppState) -> [Effect] {
    state.historyReads += 1
    state.awaitedRecentHistory = state.historyReads
    return [.listHistory(HistoryFilter(), limit: recentHistoryLimit, purpose: .sidebar, read: state.historyReads)]
}

/// Runs a command on the history screen; nil for commands it leaves to the explorer (send, save,
/// help, palette, quit, environments).
func runHistory(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard let browser = state.historyBrowser else { return nil }
    switch browser.page {
    case .list: return runHistoryList(command, &state)
    case .entry: return runHistoryEntry(command, &state)
    case .comparison: return runComparison(command, &state)
    }
}

private func runHistoryList(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard var browser = state.historyBrowser else { return nil }
    let count = browser.records.count
    let page = max(1, state.height - 6)
    switch command {
    case .down, .up, .pageDown, .pageUp, .top, .bottom:
        moveCursor(&browser.selection, for: command, page: page, count: count)
    case .openEntry:
        guard let record = browser.selected else { return [] }
        return openEntry(&state, record)
    case .searchHistory:
        state.mode = .editingHistorySearch(LineEditor(browser.filter.text ?? ""))
        return []
    case .historyMethod:
        let methods: [String?] = [nil] + HTTPMethod.standard.map(\.rawValue)
        browser.filter.method = methods.cycling(from: browser.filter.method, by: 1)
        return refilter(&state, browser)
    case .historyStatus:
        browser.filter.statusClass = statusClasses.cycling(from: browser.filter.statusClass, by: 1)
        return refilter(&state, browser)
    case .historyThisRequest:
        browser.filter.requestID = browser.filter.requestID == nil ? state.draft.id : nil
        return refilter(&state, browser)
    case .historyEnvironment:
        let names: [String?] = [nil] + state.collection.environments.map(\.name)
        browser.filter.environment = names.cycling(from: browser.filter.environment, by: 1)
        return refilter(&state, browser)
    case .clearHistoryFilters:
        browser.filter = HistoryFilter()
        return refilter(&state, browser)
    case .replay, .replayRendered, .compare, .compareWithResponse:
        return runOnEntry(command, &state)
    case .back:
        closeHistory(&state)
        return []
    case .nextPane, .previousPane, .zoom:
        return []
    default:
        return nil
    }
    state.historyBrowser = browser
    return []
}

/// Status classes in the order the filter cycles through them: any, 2xx … 5xx, 1xx, no response.
private let statusClasses: [Int?] = [nil, 2, 3, 4, 5, 1, 0]

private func refilter(_ state: inout AppState, _ browser: HistoryBrowser) -> [Effect] {
    state.historyBrowser = browser
    return listBrowser(&state)
}

/// Keys while the history's search text is typed: the list follows at every change; Enter keeps
/// the text, Esc clears it.
func handleHistorySearchKey(_ state: inout AppState, _ editor: LineEditor, _ key: KeyEvent) -> [Effect] {
    var editor = editor
    guard var browser = state.historyBrowser else {
        state.mode = .normal
        return []
    }
    switch key {
    case .enter:
        state.mode = .normal
        return []
    case .escape:
        state.mode = .normal
        guard browser.filter.text != nil else { return [] }
        browser.filter.text = nil
        return refilter(&state, browser)
    case .down, .up:
        moveSelection(&browser.selection, key == .down ? 1 : -1, count: browser.records.count)
        state.historyBrowser = browser
        return []
    default:
        guard editor.handle(key) else { return [] }
        state.mode = .editingHistorySearch(editor)
        let text = editor.string.isEmpty ? nil : editor.string
        guard text != browser.filter.text else { return [] }
        browser.filter.text = text
        return refilter(&state, browser)
    }
}

// MARK: - An entry

/// Opens `record`: its bodies are read by an effect; meanwhile the response pane is set aside.
private func openEntry(_ state: inout AppState, _ record: HistoryRecord) -> [Effect] {
    guard var browser = state.historyBrowser else { return [] }
    state.historyReads += 1
    var entry = OpenEntry(record: record)
    entry.awaitedLoad = state.historyReads
    browser.entry = entry
    browser.page = .entry
    if browser.parkedResponse == nil { browser.parkedResponse = ParkedResponse.take(from: &state) }
    state.historyBrowser = browser
    return [.loadHistoryEntry(record, read: state.historyReads)]
}

/// Back from an entry to the list.
private func closeEntry(_ state: inout AppState) {
    unparkResponse(&state)
    state.historyBrowser?.entry = nil
    state.historyBrowser?.page = .list
}

/// Gives the response pane back to the explorer, dropping the entry's response.
private func unparkResponse(_ state: inout AppState) {
    guard let parked = state.historyBrowser?.parkedResponse else { return }
    _ = ParkedResponse.take(from: &state)
    parked.put(into: &state)
    state.historyBrowser?.parkedResponse = nil
}

/// Runs `change` on the explorer's own response pane, also while an entry is shown in its place:
/// a response that arrives then is kept for when the entry is closed.
func withExplorerResponse(_ state: inout AppState, _ change: (inout AppState) -> Void) {
    guard let parked = state.historyBrowser?.parkedResponse else {
        change(&state)
        return
    }
    let shown = ParkedResponse.take(from: &state)
    parked.put(into: &state)
    change(&state)
    let explorers = ParkedResponse.take(from: &state)
    state.historyBrowser?.parkedResponse = explorers
    shown.put(into: &state)
}

private func runHistoryEntry(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard var entry = state.historyBrowser?.entry else { return nil }
    switch command {
    case .back:
        closeEntry(&state)
        return []
    case .replay, .replayRendered, .compare, .compareWithResponse:
        return runOnEntry(command, &state)
    case .nextPane, .previousPane:
        entry.focusesRequest.toggle()
    case .zoom:
        entry.zoomed.toggle()
    case .down, .up, .pageDown, .pageUp, .top, .bottom:
        guard entry.focusesRequest else { return entry.isLoaded ? runResponse(command, &state) : [] }
        let count = entry.requestLines?.count ?? 0
        moveCursor(&entry.requestScroll, for: command, page: max(1, state.height / 2), count: count)
    case .saveBody:
        guard entry.isLoaded, let response = state.response, let body = entry.record.response?.body, body.size > 0 else {
            state.message = "this entry has no response body to save"
            return []
        }
        state.mode = .prompt(Prompt(purpose: .saveBody, title: "Save the recorded body (\(formatSize(response.size))) to", text: response.suggestedFileName))
        return []
    default:
        guard command.contexts.contains(.historyEntry) else { return nil }
        // Everything else is the response pane's, working on the entry's response.
        return entry.isLoaded ? runResponse(command, &state) : []
    }
    state.historyBrowser?.entry = entry
    return []
}

/// Replay and comparison, on the entry opened or selected.
private func runOnEntry(_ command: Command, _ state: inout AppState) -> [Effect] {
    guard let record = state.historyBrowser?.current else { return [] }
    switch command {
    case .replay: return replay(&state, record, rendered: false)
    case .replayRendered: return replay(&state, record, rendered: true)
    case .compare: return compare(&state, record)
    default: return compareWithResponse(&state, record)
    }
}

// MARK: - Replay

/// Sends the entry again, like any request (one exchange at a time, cancelled by the cancel keys),
/// and back on the list; the new record is selected once it is written.
private func replay(_ state: inout AppState, _ record: HistoryRecord, rendered: Bool) -> [Effect] {
    if rendered {
        guard let requestID = record.requestID else {
            state.message = "this entry was not sent from a saved request: \(state.keymap.label(for: .replay)) replays it exactly"
            return []
        }
        guard state.collection.allRequests.contains(where: { $0.template.id == requestID }) else {
            state.message = "the saved request of this entry is not in this collection (any more): \(state.keymap.label(for: .replay)) replays it exactly"
            return []
        }
    }
    var effects: [Effect] = state.inFlight != nil ? [.cancelSend] : []
    state.exchangeCount += 1
    state.inFlight = InFlight(id: state.exchangeCount, replaying: record.id)
    if state.historyBrowser?.page == .entry { closeEntry(&state) }
    state.historyBrowser?.replayExchange = state.exchangeCount
    state.message = nil
    effects.append(.replay(record, rendered: rendered, environmentName: state.environmentName, exchange: state.exchangeCount))
    return effects
}

/// Says how a replay ended.
func replayFinished(_ state: inout AppState, status: Int?, error: PorticoError?, total: Duration, exchange: Int) {
    guard state.inFlight?.id == exchange else { return }
    state.inFlight = nil
    var outcome: [String] = []
    if let status { outcome.append("\(status) \(HTTPStatus.reason(for: status))") }
    if let error { outcome.append(error.withKind) }
    outcome.append(formatDuration(total))
    state.message = "replayed: " + outcome.joined(separator: " · ") + (state.recordsHistory ? "" : " · not recorded (--no-history)")
}

// MARK: - Comparison

/// The first entry chosen is marked; the next one is compared with it (the earlier as the old
/// side). Choosing the marked entry again unmarks it.
private func compare(_ state: inout AppState, _ record: HistoryRecord) -> [Effect] {
    guard let marked = state.historyBrowser?.marked else {
        state.historyBrowser?.marked = record
        state.message = "marked \(shortID(record)): \(state.keymap.label(for: .compare)) on another entry compares them, \(state.keymap.label(for: .compareWithResponse)) compares it with the response shown"
        return []
    }
    guard marked.id != record.id else {
        state.historyBrowser?.marked = nil
        state.message = "unmarked \(shortID(record))"
        return []
    }
    let (old, new) = marked.time <= record.time ? (marked, record) : (record, marked)
    let title = "\(describe(old, state.timeZone)) → \(describe(new, state.timeZone))"
    return startComparison(&state, title: title) { .compareHistory(old: old, new: new, read: $0) }
}

/// Compares the marked entry (else the one chosen) with the response the explorer shows.
private func compareWithResponse(_ state: inout AppState, _ record: HistoryRecord) -> [Effect] {
    let entry = state.historyBrowser?.marked ?? record
    guard let exchange = state.responseExchange else {
        state.message = "there is no response to compare with: send a request first"
        return []
    }
    let title = "\(describe(entry, state.timeZone)) → the response shown"
    return startComparison(&state, title: title) { .compareWithResponse(entry, exchange: exchange, read: $0) }
}

private func startComparison(_ state: inout AppState, title: String, _ effect: (Int) -> Effect) -> [Effect] {
    guard var browser = state.historyBrowser else { return [] }
    state.historyReads += 1
    var comparison = Comparison(title: title, returnsTo: browser.page)
    comparison.awaitedRead = state.historyReads
    browser.comparison = comparison
    browser.page = .comparison
    state.historyBrowser = browser
    return [effect(state.historyReads)]
}

private func runComparison(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard var comparison = state.historyBrowser?.comparison else { return nil }
    let count = comparison.lines?.count ?? 0
    let page = max(1, state.height - 5)
    switch command {
    case .back:
        state.historyBrowser?.page = comparison.returnsTo
        state.historyBrowser?.comparison = nil
        return []
    case .down, .up, .pageDown, .pageUp, .top, .bottom:
        moveCursor(&comparison.scroll, for: command, page: page, count: count)
    case .copy:
        guard let lines = comparison.lines else { return [] }
        return [.copy(lines.map(\.description).joined(separator: "\n"))]
    case .nextPane, .previousPane, .zoom:
        return []
    default:
        return nil
    }
    state.historyBrowser?.comparison = comparison
    return []
}

/// The wheel scrolls what is under it; a click selects an entry of the list.
func handleHistoryMouse(_ state: inout AppState, _ mouse: MouseEvent) -> [Effect] {
    guard let browser = state.historyBrowser else { return [] }
    let layout = Layout(state)
    let step = mouse.kind == .wheelUp ? -3 : 3
    switch (browser.page, mouse.kind) {
    case (.list, .press):
        let rows = layout.historyListRows(state)
        let index = mouse.row - rows.row + layout.historyListOffset(state)
        if rows.contains(mouse.row, mouse.column), browser.records.indices.contains(index) { state.historyBrowser?.selection = index }
    case (.list, _):
        var selection = browser.selection
        moveSelection(&selection, step, count: browser.records.count)
        state.historyBrowser?.selection = selection
    case (.entry, .press):
        state.historyBrowser?.entry?.focusesRequest = layout.request.contains(mouse.row, mouse.column)
    case (.entry, _):
        if layout.request.contains(mouse.row, mouse.column), var entry = browser.entry {
            moveSelection(&entry.requestScroll, step, count: entry.requestLines?.count ?? 0)
            state.historyBrowser?.entry = entry
        } else if layout.response.contains(mouse.row, mouse.column) {
            scrollResponse(&state, by: step)
        }
    case (.comparison, .press):
        break
    case (.comparison, _):
        guard var comparison = browser.comparison else { break }
        moveSelection(&comparison.scroll, step, count: comparison.lines?.count ?? 0)
        state.historyBrowser?.comparison = comparison
    }
    return []
}

// MARK: - Results

/// A listing arrived: for the sidebar, for the history screen, or for neither any more.
func historyListed(_ state: inout AppState, _ records: [HistoryRecord], warnings: [String], read: Int) {
    var wanted = false
    if read == state.awaitedRecentHistory {
        state.recentHistory = records
        state.awaitedRecentHistory = nil
        wanted = true
    }
    if var browser = state.historyBrowser, read == browser.awaitedListing {
        let keep = browser.selectOnListing ?? browser.selected?.id
        browser.records = records
        browser.warnings = warnings
        browser.awaitedListing = nil
        browser.selectOnListing = nil
        browser.selection = records.firstIndex { $0.id == keep } ?? min(browser.selection, max(0, records.count - 1))
        state.historyBrowser = browser
        wanted = true
    }
    // Damaged lines are said once, not after every send.
    if wanted, warnings != state.reportedHistoryWarnings {
        state.reportedHistoryWarnings = warnings
        if let first = warnings.first {
            state.message = warnings.count == 1 ? "history: \(first)" : "history: \(warnings.count) damaged lines skipped; the first: \(first)"
        }
    }
}

func historyEntryLoaded(_ state: inout AppState, _ loaded: HistoryEntry, read: Int) {
    guard var browser = state.historyBrowser, var entry = browser.entry, entry.awaitedLoad == read, browser.parkedResponse != nil else { return }
    entry.awaitedLoad = nil
    entry.requestLines = loaded.requestLines
    browser.entry = entry
    state.historyBrowser = browser
    // The response pane is the entry's while it is open (the explorer's is parked).
    state.response = loaded.response
}

func comparisonReady(_ state: inout AppState, _ lines: [ExchangeDiff.Line], read: Int) {
    guard state.historyBrowser?.comparison?.awaitedRead == read else { return }
    state.historyBrowser?.comparison?.lines = lines
    state.historyBrowser?.comparison?.awaitedRead = nil
}

/// A read failed: said in the footer; a screen that waited for it goes back.
func historyReadFailed(_ state: inout AppState, _ message: String, read: Int) {
    var wanted = false
    if read == state.awaitedRecentHistory {
        state.awaitedRecentHistory = nil
        wanted = true
    }
    if var browser = state.historyBrowser {
        if read == browser.awaitedListing {
            browser.awaitedListing = nil
            wanted = true
        }
        state.historyBrowser = browser
        if browser.entry?.awaitedLoad == read, browser.page == .entry {
            closeEntry(&state)
            wanted = true
        }
        if let comparison = browser.comparison, comparison.awaitedRead == read {
            state.historyBrowser?.page = comparison.returnsTo
            state.historyBrowser?.comparison = nil
            wanted = true
        }
    }
    if wanted { state.message = "history: \(message)" }
}

/// A record of an exchange sent from here is on disk: the lists are read again, and a replay
/// started on the history screen gets its record selected.
func historyRecorded(_ state: inout AppState, _ record: HistoryRecord, exchange: Int) -> [Effect] {
    if let browser = state.historyBrowser, browser.replayExchange == exchange {
        state.historyBrowser?.replayExchange = nil
        state.historyBrowser?.selectOnListing = record.id
        state.message = (state.message.map { $0 + " · " } ?? "") + "recorded as \(shortID(record))"
    }
    return historyChanged(&state)
}

func historyChanged(_ state: inout AppState) -> [Effect] {
    listRecentHistory(&state) + listBrowser(&state)
}

// MARK: - Words

/// The first 8 digits of an entry's id, as the command line accepts them.
func shortID(_ record: HistoryRecord) -> String { String(record.id.prefix(8)) }

/// An entry in a few words: its id and when it was sent.
private func describe(_ record: HistoryRecord, _ timeZone: TimeZone) -> String {
    "\(shortID(record)) (\(HistoryTime.full(record.time, timeZone)))"
}
