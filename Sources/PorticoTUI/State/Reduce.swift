import Foundation
import PorticoCore

/// The explorer's update function: no I/O, only state changes and requested effects.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key):
        return handleKey(&state, key)
    case .sendDraft:
        return send(&state)
    case .responseArrived(let view, let exchange):
        if let exchange, exchange != state.inFlight?.id { return [] }
        state.responseExchange = exchange ?? state.inFlight?.id
        state.inFlight = nil
        var effects: [Effect] = []
        withExplorerResponse(&state) { state in
            state.response = view
            state.responseScroll = 0
            state.responseCursor = 0
            state.folds = FoldSet()
            // A query that is on stays on: the same question of the next answer.
            if let query = state.query { runQuery(&state, query.text) }
            effects = refreshSearch(&state)
        }
        state.message = view.error?.withKind
            ?? view.protocolResponse.flatMap { $0.isError ? $0.summary : nil }
        return effects
    case .progress(let bytes):
        state.inFlight?.bytes = bytes
        return []
    case .bodyIndexed(_, let exchange):
        guard exchange == nil || exchange == state.responseExchange else { return [] }
        // The status line reads the progress from the document; this redraws it with new lines.
        var effects: [Effect] = []
        withExplorerResponse(&state) { state in
            // A body that broke its format part way is shown as text from the top: folds made on
            // its pretty lines no longer mean anything, the cursor may be past the end, and a
            // search's lines are other lines now.
            if let response = state.response, response.document.problem != nil, !response.fallbackSeen {
                state.response?.fallbackSeen = true
                state.folds = FoldSet()
                effects = refreshSearch(&state)
            }
            moveResponseCursor(&state, to: state.responseCursor)
        }
        return effects
    case .searchFinished(let search, let job, let jumps):
        withExplorerResponse(&state) { searchFinished(&$0, search, job: job, jumps: jumps) }
        return []
    case .tick(let elapsed):
        state.inFlight?.frame += 1
        state.inFlight?.elapsed = elapsed
        return []
    case .saved(let path, let collection):
        let isNew = state.draftPath != path
        state.draftPath = path
        // A request saved for the first time is selected in the sidebar, ready to rename or move.
        collectionChanged(&state, collection, select: isNew ? path : nil)
        // What was written, not the draft now: edits made while saving stay unsaved.
        state.savedDraft = collection.request(at: path)?.template
        // A .http file gives a request its id from its name: the draft takes the id it now has.
        if let saved = state.savedDraft, saved.id != state.draft.id {
            var draft = state.draft
            draft.id = saved.id
            if draft == saved { state.draft = draft }
        }
        // A .http file's requests have no files of their own: name the request and the file.
        state.message = state.collectionFolder.map(HTTPFileStore.isHTTPFile) == true
            ? "saved \(state.savedDraft?.name ?? path) into \(state.collectionFolder?.lastPathComponent ?? "")" : "saved \(path)"
        return []
    case .collectionWritten(let collection, let message, let select):
        collectionChanged(&state, collection, select: select)
        state.message = message
        return []
    case .bodyEdited(let text):
        state.draft.body = bodyAfterEditing(state, text)
        return []
    case .curlImported(let template, let warnings):
        CurlPaste.apply(template, to: &state.draft)
        state.message = warnings.isEmpty
            ? "imported the curl command; Ctrl+R sends it, Ctrl+S saves it"
            : "imported the curl command; \(warnings.count == 1 ? warnings[0] : "\(warnings.count) warnings: \(warnings.joined(separator: "; "))")"
        return []
    case .signInWaiting(let url):
        state.inFlight?.signInURL = url.absoluteString
        return []
    case .signInEnded:
        state.inFlight?.signInURL = nil
        return []
    case .cookiesChanged(let cookies):
        state.cookies = cookies
        if case .cookieJar(var screen) = state.mode {
            screen.selection = min(screen.selection, max(0, cookies.count - 1))
            state.mode = .cookieJar(screen)
        }
        return []
    case .themeSwitched(let name):
        state.themeName = name
        state.message = "theme: \(name)"
        return []
    case .sendFailed(let message, let exchange):
        if state.inFlight?.id == exchange { state.inFlight = nil }
        if state.repeatRun?.id == exchange { state.repeatRun = nil }
        state.message = message
        return []
    case .failed(let message), .done(let message):
        state.message = message
        return []
    case .historyChanged:
        return historyChanged(&state)
    case .historyRecorded(let record, let exchange):
        return historyRecorded(&state, record, exchange: exchange)
    case .historyListed(let records, let warnings, let read):
        historyListed(&state, records, warnings: warnings, read: read)
        return []
    case .historyEntryLoaded(let entry, let read):
        historyEntryLoaded(&state, entry, read: read)
        return []
    case .comparisonReady(let lines, let read):
        comparisonReady(&state, lines, read: read)
        return []
    case .historyReadFailed(let message, let read):
        historyReadFailed(&state, message, read: read)
        return []
    case .replayFinished(let status, let error, let total, let exchange):
        replayFinished(&state, status: status, error: error, total: total, exchange: exchange)
        return []
    case .repeatProgress(let progress, let run):
        repeatReported(&state, progress, run: run, ended: false)
        return []
    case .repeatEnded(let progress, let run):
        repeatReported(&state, progress, run: run, ended: true)
        return []
    }
}

private func handleKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect] {
    if case .resize(let width, let height) = key {
        state.width = width
        state.height = height
        return []
    }
    switch state.mode {
    case .normal:
        break
    case .cookieJar(let screen):
        return handleCookieJarKey(&state, screen, key)
    case .help:
        switch state.keymap.command(for: key, in: .sidebar) {
        case .down?: state.helpScroll += 1
        case .up?: state.helpScroll = max(0, state.helpScroll - 1)
        case .pageDown?: state.helpScroll += 10
        case .pageUp?: state.helpScroll = max(0, state.helpScroll - 10)
        default: state.mode = .normal
        }
        return []
    case .confirmQuit:
        if key == .character("y") { state.quitRequested = true; return [.quit] }
        state.mode = .normal
        state.message = nil
        return []
    case .confirmDiscard(let path):
        state.mode = .normal
        guard key == .character("y") else { return [] }
        if let path {
            open(&state, path)
            state.focus = .request
        } else {
            startNewRequest(&state)
        }
        return []
    case .confirmDelete(let kind):
        state.mode = .normal
        guard key == .character("y") else { return [] }
        return delete(&state, kind)
    case .palette(let picker):
        return handlePickerKey(&state, picker, key)
    case .prompt(let prompt):
        return handlePromptKey(&state, prompt, key)
    case .filtering:
        return handleFilterKey(&state, key)
    case .editingQuery(let editor):
        return handleQueryKey(&state, editor, key)
    case .editingSearch(let editor, let isRegex):
        return handleSearchKey(&state, editor, isRegex: isRegex, key)
    case .editingBody(let editor):
        return handleBodyEditorKey(&state, editor, key)
    case .editingHistorySearch(let editor):
        return handleHistorySearchKey(&state, editor, key)
    case .editingURL(var editor):
        switch key {
        case .paste(let text) where CurlPaste.isCurlCommand(text):
            state.mode = .normal
            return [.importCurl(text)]
        case .enter:
            state.draft.url = editor.string
            state.mode = .normal
        case .escape:
            state.mode = .normal
        default:
            if editor.handle(key) { state.mode = .editingURL(editor) }
        }
        return []
    case .editingCell(let row, _, let editor) where state.requestTab == .checks:
        return handleCheckLineKey(&state, row: row, editor, key)
    case .editingCell(let row, _, let editor) where state.requestTab == .auth:
        return handleAuthFieldKey(&state, row: row, editor, key)
    case .editingCell(let row, let column, let editor) where state.requestTab == .body && !state.hasTable:
        return handleBodyFieldKey(&state, row: row, column: column, editor, key)
    case .editingCell(let row, let column, var editor):
        switch key {
        case .enter, .tab:
            setCell(&state, row: row, column: column, editor.string)
            if column == 0, key == .tab || state.tableRows[row].value.isEmpty {
                state.mode = .editingCell(row: row, column: 1, LineEditor(state.tableRows[row].value))
            } else {
                state.mode = .normal
            }
        case .escape:
            state.mode = .normal
        default:
            if editor.handle(key) { state.mode = .editingCell(row: row, column: column, editor) }
        }
        return []
    }

    state.message = nil
    switch key {
    case .control("c"):
        // Not rebindable: Ctrl+C must always get the user out (or stop what runs).
        if state.repeatRun?.isRunning == true { return stopRepeat(&state) }
        return state.inFlight != nil ? cancel(&state) : requestQuit(&state)
    case .mouse(let mouse):
        return state.historyBrowser != nil ? handleHistoryMouse(&state, mouse) : handleMouse(&state, mouse)
    case .paste(let text) where state.focus == .request && state.historyBrowser == nil && CurlPaste.isCurlCommand(text):
        return [.importCurl(text)]
    case .paste(let text) where state.focus == .request && state.historyBrowser == nil:
        // A URL copied from a wrapped line comes back whole: line breaks are dropped, not spaced.
        var editor = LineEditor(state.draft.url)
        editor.insert(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined())
        state.mode = .editingURL(editor)
        return []
    default:
        break
    }
    guard let command = state.keymap.command(for: key, in: state.focusContext) else { return [] }
    return run(command, &state)
}

extension AppState {
    /// The keymap context of the focused pane.
    public var focusContext: Command.Context {
        if let browser = historyBrowser {
            switch browser.page {
            case .list: return .history
            case .entry: return .historyEntry
            case .comparison: return .comparison
            }
        }
        return switch focus {
        case .sidebar: .sidebar
        case .request: .request
        case .response: .response
        }
    }
}

/// Runs a command in the focused pane, as its key or the palette asks.
func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    if let effects = runHistory(command, &state) { return effects }
    switch command {
    case .quit: return requestQuit(&state)
    case .send: return send(&state)
    case .repeatSend: return toggleRepeat(&state)
    case .cancel:
        if state.repeatRun?.isRunning == true { return stopRepeat(&state) }
        return state.inFlight != nil ? cancel(&state) : []
    case .save: return [.save(state.draft, relativePath: state.draftPath, folder: state.newRequestFolder)]
    case .help:
        state.mode = .help
        state.helpScroll = 0
    case .palette: openPalette(&state)
    case .zoom: state.zoomed.toggle()
    case .nextPane: state.focus = nextPane(state.focus, by: 1)
    case .previousPane: state.focus = nextPane(state.focus, by: -1)
    case .nextEnvironment: cycleEnvironment(&state)
    case .history: return toggleHistory(&state)
    case .cookies: openCookieJar(&state)
    default:
        switch state.focus {
        case .sidebar: return runSidebar(command, &state)
        case .request: return runRequest(command, &state)
        case .response: return runResponse(command, &state)
        }
    }
    return []
}

private func requestQuit(_ state: inout AppState) -> [Effect] {
    if state.isDirty {
        state.mode = .confirmQuit
        return []
    }
    state.quitRequested = true
    return [.quit]
}

private func send(_ state: inout AppState) -> [Effect] {
    guard !state.draft.url.isEmpty else {
        state.message = "the request has no URL: press \(state.keymap.label(for: .editURL)) to type one"
        return []
    }
    var effects: [Effect] = state.inFlight != nil ? [.cancelSend] : []
    if state.repeatRun?.isRunning == true { effects.append(.stopRepeat) }
    state.repeatRun = nil
    state.exchangeCount += 1
    state.inFlight = InFlight(id: state.exchangeCount)
    effects.append(.send(state.draft, environmentName: state.environmentName, exchange: state.exchangeCount))
    return effects
}

private func cancel(_ state: inout AppState) -> [Effect] {
    state.inFlight = nil
    state.message = "cancelled"
    return [.cancelSend]
}

private func cycleEnvironment(_ state: inout AppState) {
    let names = [nil] + state.collection.environments.map(\.name)
    let index = names.firstIndex(of: state.environmentName) ?? 0
    state.environmentName = names[(index + 1) % names.count]
    state.message = "environment: \(state.environmentName ?? "none")"
}

func nextPane(_ pane: AppState.Pane, by step: Int) -> AppState.Pane {
    Array(AppState.Pane.allCases).cycling(from: pane, by: step)
}

func moveSelection(_ selection: inout Int, _ step: Int, count: Int) {
    guard count > 0 else { selection = 0; return }
    selection = min(max(0, selection + step), count - 1)
}

/// Moves `position` in a list of `count` rows for a cursor command (a row, a page of `page` rows,
/// the top or the bottom); false, and nothing moved, for any other command.
@discardableResult
func moveCursor(_ position: inout Int, for command: Command, page: Int, count: Int) -> Bool {
    switch command {
    case .down: moveSelection(&position, 1, count: count)
    case .up: moveSelection(&position, -1, count: count)
    case .pageDown: moveSelection(&position, page, count: count)
    case .pageUp: moveSelection(&position, -page, count: count)
    case .top: position = 0
    case .bottom: position = max(0, count - 1)
    default: return false
    }
    return true
}

private func handleMouse(_ state: inout AppState, _ mouse: MouseEvent) -> [Effect] {
    let layout = Layout(state)
    if layout.recentHistory.contains(mouse.row, mouse.column) {
        // A click on an entry of the sidebar's history opens it on the history screen.
        let index = mouse.row - layout.recentHistory.row - 1
        guard mouse.kind == .press, state.recentHistory.indices.contains(index) else { return [] }
        return openHistory(&state, entry: state.recentHistory[index])
    }
    guard let pane = layout.pane(at: mouse.row, mouse.column) else { return [] }
    state.focus = pane
    switch mouse.kind {
    case .wheelUp where pane == .response: scrollResponse(&state, by: -3)
    case .wheelDown where pane == .response: scrollResponse(&state, by: 3)
    case .wheelUp where pane == .sidebar: moveSelection(&state.sidebarSelection, -3, count: state.sidebarRows.count)
    case .wheelDown where pane == .sidebar: moveSelection(&state.sidebarSelection, 3, count: state.sidebarRows.count)
    case .press where pane == .sidebar && mouse.row == layout.sidebar.row + layout.sidebar.height - 2:
        cycleEnvironment(&state)
    case .press where pane == .sidebar:
        let index = mouse.row - layout.sidebar.row - 1 + layout.sidebarOffset(state)
        if state.sidebarRows.indices.contains(index) {
            state.sidebarSelection = index
            if case .request(let path, _) = state.sidebarRows[index].kind, path != state.draftPath {
                if state.isDirty { state.mode = .confirmDiscard(path) } else { open(&state, path) }
            }
        }
    default: break
    }
    return []
}
