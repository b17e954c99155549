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
        state.response = view
        state.inFlight = nil
        state.responseScroll = 0
        state.message = view.error.map { "\($0.kind.rawValue): \($0.message)" }
        return []
    case .progress(let bytes):
        state.inFlight?.bytes = bytes
        return []
    case .tick(let elapsed):
        state.inFlight?.frame += 1
        state.inFlight?.elapsed = elapsed
        return []
    case .saved(let path, let collection):
        state.collection = collection
        state.draftPath = path
        // What was written, not the draft now: edits made while saving stay unsaved.
        state.savedDraft = collection.allRequests.first { $0.relativePath == path }?.template
        state.message = "saved \(path)"
        return []
    case .bodyEdited(let text):
        state.draft.body = edited(state.draft.body, text)
        return []
    case .failed(let message):
        state.inFlight = nil
        state.message = message
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
    case .help:
        state.mode = .normal
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
    case .filtering:
        return handleFilterKey(&state, key)
    case .editingURL(var editor):
        switch key {
        case .enter:
            state.draft.url = editor.string
            state.mode = .normal
            return []
        case .escape:
            state.mode = .normal
            return []
        default:
            if editor.handle(key) { state.mode = .editingURL(editor) }
            return []
        }
    case .editingCell(let row, let column, var editor):
        switch key {
        case .enter, .tab:
            setCell(&state, row: row, column: column, editor.string)
            if column == 0, key == .tab || state.tableRows[row].value.isEmpty {
                state.mode = .editingCell(row: row, column: 1, LineEditor(state.tableRows[row].value))
            } else {
                state.mode = .normal
            }
            return []
        case .escape:
            state.mode = .normal
            return []
        default:
            if editor.handle(key) { state.mode = .editingCell(row: row, column: column, editor) }
            return []
        }
    case .normal:
        break
    }

    state.message = nil
    switch key {
    case .character("q"), .control("q"):
        return requestQuit(&state)
    case .control("c"):
        if state.inFlight != nil { return cancel(&state) }
        return requestQuit(&state)
    case .character("?"), .function(1):
        state.mode = .help
        return []
    case .tab:
        state.focus = nextPane(state.focus, by: 1)
        return []
    case .backTab:
        state.focus = nextPane(state.focus, by: -1)
        return []
    case .control("r"), .function(5):
        return send(&state)
    case .control("s"):
        return [.save(state.draft, relativePath: state.draftPath)]
    case .escape:
        return state.inFlight != nil ? cancel(&state) : []
    case .character("z"):
        state.zoomed.toggle()
        return []
    case .character("e"):
        cycleEnvironment(&state)
        return []
    case .mouse(let mouse):
        return handleMouse(&state, mouse)
    default:
        break
    }
    switch state.focus {
    case .sidebar: return handleSidebarKey(&state, key)
    case .request: return handleRequestKey(&state, key)
    case .response: handleResponseKey(&state, key); return []
    }
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
        state.message = "the request has no URL: press i to type one"
        return []
    }
    var effects: [Effect] = state.inFlight != nil ? [.cancelSend] : []
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
    let panes = AppState.Pane.allCases
    let index = panes.firstIndex(of: pane)!
    return panes[(index + step + panes.count) % panes.count]
}

private func handleFilterKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect] {
    switch key {
    case .enter:
        state.mode = .normal
        state.sidebarSelection = firstRequestRow(state.sidebarRows) ?? 0
    case .escape:
        let selected = state.sidebarRows.indices.contains(state.sidebarSelection) ? state.sidebarRows[state.sidebarSelection] : nil
        state.filter = LineEditor()
        state.mode = .normal
        // Keep the same request selected once the full tree is back.
        if let selected {
            if case .request(let path, _) = selected.kind {
                let folders = path.split(separator: "/").dropLast()
                for end in folders.indices {
                    state.expandedFolders.insert(folders[...end].joined(separator: "/"))
                }
            }
            state.sidebarSelection = state.sidebarRows.firstIndex(of: selected) ?? 0
        }
    case .up, .down:
        moveSelection(&state.sidebarSelection, key == .up ? -1 : 1, count: state.sidebarRows.count)
    default:
        _ = state.filter.handle(key)
        state.sidebarSelection = firstRequestRow(state.sidebarRows) ?? 0
    }
    return []
}

private func firstRequestRow(_ rows: [SidebarRow]) -> Int? {
    rows.firstIndex { if case .request = $0.kind { true } else { false } }
}

private func moveSelection(_ selection: inout Int, _ step: Int, count: Int) {
    guard count > 0 else { selection = 0; return }
    selection = min(max(0, selection + step), count - 1)
}

private func handleSidebarKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect] {
    let rows = state.sidebarRows
    switch key {
    case .character("j"), .down: moveSelection(&state.sidebarSelection, 1, count: rows.count)
    case .character("k"), .up: moveSelection(&state.sidebarSelection, -1, count: rows.count)
    case .character("g"), .home: state.sidebarSelection = 0
    case .character("G"), .end: state.sidebarSelection = max(0, rows.count - 1)
    case .pageDown: moveSelection(&state.sidebarSelection, 10, count: rows.count)
    case .pageUp: moveSelection(&state.sidebarSelection, -10, count: rows.count)
    case .character("/"):
        state.filter = LineEditor()
        state.mode = .filtering
    case .character("n"):
        if state.isDirty {
            state.mode = .confirmDiscard(nil)
            return []
        }
        startNewRequest(&state)
    case .enter, .character("l"), .right, .character(" "):
        guard rows.indices.contains(state.sidebarSelection) else { return [] }
        switch rows[state.sidebarSelection].kind {
        case .folder(let path, let isExpanded):
            if isExpanded { state.expandedFolders.remove(path) } else { state.expandedFolders.insert(path) }
        case .request(let relativePath, _):
            guard relativePath != state.draftPath else {
                if key == .enter { state.focus = .request }
                return []
            }
            if state.isDirty {
                state.mode = .confirmDiscard(relativePath)
                return []
            }
            open(&state, relativePath)
            if key == .enter { state.focus = .request }
        }
    case .character("h"), .left:
        guard rows.indices.contains(state.sidebarSelection) else { return [] }
        if case .folder(let path, true) = rows[state.sidebarSelection].kind {
            state.expandedFolders.remove(path)
        } else if let parent = rows[..<state.sidebarSelection].lastIndex(where: { $0.depth < rows[state.sidebarSelection].depth }) {
            state.sidebarSelection = parent
        }
    default:
        break
    }
    return []
}

/// A blank, unsaved request in the composer, with its URL being typed.
private func startNewRequest(_ state: inout AppState) {
    state.draft = RequestTemplate(name: "New request", url: "")
    state.draftPath = nil
    state.savedDraft = state.draft
    state.response = nil
    state.focus = .request
    state.mode = .editingURL(LineEditor())
}

/// Loads a saved request into the composer.
func open(_ state: inout AppState, _ relativePath: String) {
    guard let stored = state.collection.allRequests.first(where: { $0.relativePath == relativePath }) else { return }
    state.draft = stored.template
    state.draftPath = relativePath
    state.savedDraft = stored.template
    state.tableSelection = 0
}

private func handleRequestKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect] {
    let tabs = AppState.RequestTab.allCases
    switch key {
    case .character("i"), .character("u"):
        state.mode = .editingURL(LineEditor(state.draft.url))
    case .paste(let text):
        // A URL copied from a wrapped line comes back whole: line breaks are dropped, not spaced.
        var editor = LineEditor(state.draft.url)
        editor.insert(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined())
        state.mode = .editingURL(editor)
    case .character("m"):
        let methods = HTTPMethod.standard
        let index = methods.firstIndex(of: state.draft.method).map { $0 + 1 } ?? 0
        state.draft.method = methods[index % methods.count]
    case .character("l"), .right:
        state.requestTab = tabs[(tabs.firstIndex(of: state.requestTab)! + 1) % tabs.count]
        state.tableSelection = 0
    case .character("h"), .left:
        state.requestTab = tabs[(tabs.firstIndex(of: state.requestTab)! + tabs.count - 1) % tabs.count]
        state.tableSelection = 0
    case .character("j"), .down:
        moveSelection(&state.tableSelection, 1, count: state.tableRows.count)
    case .character("k"), .up:
        moveSelection(&state.tableSelection, -1, count: state.tableRows.count)
    case .character("a") where state.requestTab == .params || state.requestTab == .headers:
        updateTable(&state) { $0.append(KeyValueRow("", "")) }
        state.tableSelection = state.tableRows.count - 1
        state.mode = .editingCell(row: state.tableSelection, column: 0, LineEditor())
    case .enter where state.tableRows.indices.contains(state.tableSelection):
        state.mode = .editingCell(row: state.tableSelection, column: 1, LineEditor(state.tableRows[state.tableSelection].value))
    case .character("r") where state.tableRows.indices.contains(state.tableSelection):
        state.mode = .editingCell(row: state.tableSelection, column: 0, LineEditor(state.tableRows[state.tableSelection].name))
    case .character("d"), .delete:
        guard state.tableRows.indices.contains(state.tableSelection) else { return [] }
        let row = state.tableSelection
        updateTable(&state) { $0.remove(at: row) }
        moveSelection(&state.tableSelection, 0, count: state.tableRows.count)
    case .character(" "):
        guard state.tableRows.indices.contains(state.tableSelection) else { return [] }
        let row = state.tableSelection
        updateTable(&state) { $0[row].isEnabled.toggle() }
    case .character("E") where state.requestTab == .body:
        return [.editBody(bodyText(state.draft.body) ?? "")]
    default:
        break
    }
    return []
}

private func updateTable(_ state: inout AppState, _ change: (inout [KeyValueRow]) -> Void) {
    switch state.requestTab {
    case .params: change(&state.draft.params)
    case .headers: change(&state.draft.headers)
    default: break
    }
}

private func setCell(_ state: inout AppState, row: Int, column: Int, _ text: String) {
    updateTable(&state) { rows in
        guard rows.indices.contains(row) else { return }
        if column == 0 { rows[row].name = text } else { rows[row].value = text }
    }
}

private func handleResponseKey(_ state: inout AppState, _ key: KeyEvent) {
    let tabs = AppState.ResponseTab.allCases
    switch key {
    case .character("j"), .down: state.responseScroll += 1
    case .character("k"), .up: state.responseScroll = max(0, state.responseScroll - 1)
    case .pageDown, .character(" "): state.responseScroll += max(1, state.height / 2)
    case .pageUp: state.responseScroll = max(0, state.responseScroll - max(1, state.height / 2))
    case .character("g"), .home: state.responseScroll = 0
    case .character("G"), .end: state.responseScroll = Int.max
    case .character("w"): state.wrap.toggle()
    case .character("l"), .right:
        state.responseTab = tabs[(tabs.firstIndex(of: state.responseTab)! + 1) % tabs.count]
        state.responseScroll = 0
    case .character("h"), .left:
        state.responseTab = tabs[(tabs.firstIndex(of: state.responseTab)! + tabs.count - 1) % tabs.count]
        state.responseScroll = 0
    default: break
    }
    state.responseScroll = min(state.responseScroll, max(0, (state.response?.lineCount(state.responseTab) ?? 0) - 1))
}

private func handleMouse(_ state: inout AppState, _ mouse: MouseEvent) -> [Effect] {
    let layout = Layout(state)
    guard let pane = layout.pane(at: mouse.row, mouse.column) else { return [] }
    state.focus = pane
    switch mouse.kind {
    case .wheelUp where pane == .response: state.responseScroll = max(0, state.responseScroll - 3)
    case .wheelDown where pane == .response:
        state.responseScroll = min(state.responseScroll + 3, max(0, (state.response?.lineCount(state.responseTab) ?? 0) - 1))
    case .wheelUp where pane == .sidebar: moveSelection(&state.sidebarSelection, -3, count: state.sidebarRows.count)
    case .wheelDown where pane == .sidebar: moveSelection(&state.sidebarSelection, 3, count: state.sidebarRows.count)
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

/// The text of a body that has one.
func bodyText(_ body: RequestBody) -> String? {
    switch body {
    case .raw(let text, _), .json(let text), .xml(let text): text
    default: nil
    }
}

private func edited(_ body: RequestBody, _ text: String) -> RequestBody {
    switch body {
    case .raw(_, let contentType): return .raw(text: text, contentType: contentType)
    case .xml: return .xml(text)
    case .json: return .json(text)
    default:
        if text.isEmpty { return body }
        return JSONPrettyPrinter.lines(text) != nil ? .json(text) : .raw(text: text, contentType: "text/plain")
    }
}
