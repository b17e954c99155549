/// The response viewer: scrolling, tabs, wrapping, queries, search, copy and save.
func runResponse(_ command: Command, _ state: inout AppState) -> [Effect] {
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
        guard state.response != nil else { return [] }
        state.responseTab = .body
        state.mode = .editingQuery(LineEditor(state.query?.text ?? "$"))
        runQuery(&state, state.query?.text ?? "$")
    case .nextTab:
        state.responseTab = tabs.cycling(from: state.responseTab, by: 1)
        state.responseScroll = 0
        refreshSearch(&state)
    case .previousTab:
        state.responseTab = tabs.cycling(from: state.responseTab, by: -1)
        state.responseScroll = 0
        refreshSearch(&state)
    case .search:
        guard state.response != nil else { return [] }
        // A new search starts empty (n and N repeat the last one); it stays a regex if the last was.
        state.mode = .editingSearch(LineEditor(), isRegex: state.search?.isRegex ?? false)
    case .nextMatch: stepMatch(&state, by: 1)
    case .previousMatch: stepMatch(&state, by: -1)
    case .goToLine:
        guard state.response != nil else { return [] }
        state.mode = .prompt(Prompt(purpose: .goToLine, title: "Go to line (1 to \(tabLines(state).count))"))
    case .copy:
        guard state.response != nil else { return [] }
        return [.copy(tabLines(state).map { $0.map(\.text).joined() }.joined(separator: "\n"))]
    case .saveBody:
        guard let response = state.response, state.inFlight == nil else { return [] }
        state.mode = .prompt(Prompt(purpose: .saveBody, title: "Save the body (\(formatSize(response.size))) to", text: response.suggestedFileName))
    default:
        break
    }
    return []
}

/// `text` as a line number of the tab shown: scrolls there, or says what is wrong.
func goToLine(_ state: inout AppState, _ text: String) {
    let count = tabLines(state).count
    guard let number = Int(text.trimmingCharacters(in: .whitespaces)), number >= 1 else {
        state.message = "a line number is 1 to \(count)"
        return
    }
    scrollTo(line: min(number, count) - 1, &state, context: 0)
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
        refreshSearch(&state)
    default:
        guard editor.handle(key) else { return [] }
        state.mode = .editingQuery(editor)
        // Moving the cursor changes nothing to run.
        guard editor.string != state.query?.text else { return [] }
        runQuery(&state, editor.string)
        refreshSearch(&state)
    }
    return []
}

/// Keys while a search is typed: Enter runs it and jumps to the first match from the top of the
/// view; Tab switches between plain text and a regular expression; Esc ends the search.
func handleSearchKey(_ state: inout AppState, _ editor: LineEditor, isRegex: Bool, _ key: KeyEvent) -> [Effect] {
    var editor = editor
    switch key {
    case .enter:
        state.mode = .normal
        guard !editor.string.isEmpty else {
            state.search = nil
            return []
        }
        let top = state.responseScroll
        var search = ResponseSearch.run(editor.string, isRegex: isRegex, in: tabLines(state))
        search.current = search.matches.firstIndex { $0.line >= top } ?? 0
        state.search = search
        scrollToMatch(&state)
    case .escape:
        state.mode = .normal
        state.search = nil
    case .tab:
        state.mode = .editingSearch(editor, isRegex: !isRegex)
    default:
        if editor.handle(key) { state.mode = .editingSearch(editor, isRegex: isRegex) }
    }
    return []
}

/// The search again over what the tab shows now (another tab, a new response, a query).
func refreshSearch(_ state: inout AppState) {
    guard let search = state.search else { return }
    state.search = ResponseSearch.run(search.text, isRegex: search.isRegex, in: tabLines(state))
}

/// Jumps `step` matches on, wrapping around.
func stepMatch(_ state: inout AppState, by step: Int) {
    guard var search = state.search, !search.matches.isEmpty else { return }
    search.current = ((search.current + step) % search.matches.count + search.matches.count) % search.matches.count
    state.search = search
    scrollToMatch(&state)
}

/// Scrolls so the current match is on screen, a few lines below the top for context.
func scrollToMatch(_ state: inout AppState) {
    guard let search = state.search, search.matches.indices.contains(search.current) else { return }
    scrollTo(line: search.matches[search.current].line, &state, context: 3)
}

/// Scrolls so `line` of the tab shown is `context` lines below the top.
func scrollTo(line: Int, _ state: inout AppState, context: Int) {
    var row = line
    if state.wrap {
        // With wrapping, the scroll position counts screen rows: add the extra rows of the lines above.
        let width = max(1, Layout(state).response.width - 2)
        row = tabLines(state)[..<line].reduce(0) { $0 + wrappedRows($1, width: width) }
    }
    state.responseScroll = max(0, row - context)
}

/// Runs `text` on the response body and shows the result from its top.
func runQuery(_ state: inout AppState, _ text: String) {
    guard var response = state.response else { return }
    state.query = ResponseQuery.run(text, on: &response)
    // The parsed document is kept in the response for the next key.
    state.response = response
    state.responseScroll = 0
}
