/// The response viewer: scrolling, tabs, wrapping.
func runResponse(_ command: Command, _ state: inout AppState) {
    let tabs = AppState.ResponseTab.allCases
    let page = max(1, state.height / 2)
    switch command {
    case .down: scrollResponse(&state, by: 1)
    case .up: scrollResponse(&state, by: -1)
    case .pageDown: scrollResponse(&state, by: page)
    case .pageUp: scrollResponse(&state, by: -page)
    case .top: state.responseScroll = 0
    case .bottom: scrollResponse(&state, by: Int.max / 2)
    case .wrap: state.wrap.toggle()
    case .query:
        guard state.response != nil else { return }
        state.responseTab = .body
        state.mode = .editingQuery(LineEditor(state.query?.text ?? "$"))
        runQuery(&state, state.query?.text ?? "$")
    case .nextTab:
        state.responseTab = tabs.cycling(from: state.responseTab, by: 1)
        state.responseScroll = 0
    case .previousTab:
        state.responseTab = tabs.cycling(from: state.responseTab, by: -1)
        state.responseScroll = 0
    default:
        break
    }
}

/// Scrolls by `lines`, never past the last line of the tab shown.
func scrollResponse(_ state: inout AppState, by lines: Int) {
    let count = state.responseTab == .body && state.query != nil ? state.query!.lines.count : state.response?.lineCount(state.responseTab) ?? 0
    state.responseScroll = min(max(0, state.responseScroll + lines), max(0, count - 1))
}

/// Keys while a JSONPath query is typed: every change runs it; Enter keeps it on, Esc turns it off.
func handleQueryKey(_ state: inout AppState, _ editor: LineEditor, _ key: KeyEvent) -> [Effect] {
    var editor = editor
    switch key {
    case .enter:
        state.mode = .normal
    case .escape:
        state.mode = .normal
        state.query = nil
        state.responseScroll = 0
    default:
        guard editor.handle(key) else { return [] }
        state.mode = .editingQuery(editor)
        runQuery(&state, editor.string)
    }
    return []
}

/// Runs `text` on the response body and shows the result from its top.
func runQuery(_ state: inout AppState, _ text: String) {
    guard var response = state.response else { return }
    state.query = ResponseQuery.run(text, on: &response)
    // The parsed document is kept in the response for the next key.
    state.response = response
    state.responseScroll = 0
}
