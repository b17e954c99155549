import PorticoCore

/// The response viewer: the cursor, tabs, wrapping, folding, queries, search, copy and save.
func runResponse(_ command: Command, _ state: inout AppState) -> [Effect] {
    let tabs = AppState.ResponseTab.allCases
    let page = max(1, responseViewHeight(state) - 1)
    switch command {
    case .down: moveResponseCursor(&state, to: state.responseCursor + 1)
    case .up: moveResponseCursor(&state, to: state.responseCursor - 1)
    case .pageDown: moveResponseCursor(&state, to: state.responseCursor + page)
    case .pageUp: moveResponseCursor(&state, to: state.responseCursor - page)
    case .top: moveResponseCursor(&state, to: 0)
    case .bottom:
        moveResponseCursor(&state, to: Int.max / 2)
        if let document = tabLines(state).document, !document.isIndexed {
            state.message = "the body is still being read: this is the last line read so far"
        }
    case .wrap:
        state.wrap.toggle()
        moveResponseCursor(&state, to: state.responseCursor)
    case .query:
        guard state.response != nil else { return [] }
        state.responseTab = .body
        state.mode = .editingQuery(LineEditor(state.query?.text ?? "$"))
        runQuery(&state, state.query?.text ?? "$")
    case .nextTab, .previousTab:
        state.responseTab = tabs.cycling(from: state.responseTab, by: command == .nextTab ? 1 : -1)
        state.responseScroll = 0
        state.responseCursor = 0
        return refreshSearch(&state)
    case .search:
        guard state.response != nil else { return [] }
        // A new search starts empty (n and N repeat the last one); it stays a regex if the last was.
        state.mode = .editingSearch(LineEditor(), isRegex: state.search?.isRegex ?? false)
    case .nextMatch: stepMatch(&state, by: 1)
    case .previousMatch: stepMatch(&state, by: -1)
    case .goToLine:
        guard state.response != nil else { return [] }
        let shown = tabLines(state)
        let lines = shown.count - shown.header.count
        guard lines > 0 else {
            state.message = "this tab has no lines to go to"
            return []
        }
        state.mode = .prompt(Prompt(purpose: .goToLine, title: "Go to line (1 to \(lines))"))
    case .copy:
        guard state.response != nil else { return [] }
        let shown = tabLines(state)
        // A document too large for any clipboard is not read just to be refused.
        if let document = shown.document, document.bytes.count > copyLimit {
            state.message = "\(formatSize(document.bytes.count)) is too much for the terminal's clipboard; S saves the body, Y copies the value at the cursor"
            return []
        }
        return [.copy(shown.all.map { $0.map(\.text).joined() }.joined(separator: "\n"))]
    case .copyValue, .copyPath:
        return copyAtCursor(command, &state)
    case .fold: toggleFold(&state)
    case .foldLevel: toggleFoldLevel(&state)
    case .saveBody:
        guard let response = state.response, state.inFlight == nil else { return [] }
        state.mode = .prompt(Prompt(purpose: .saveBody, title: "Save the body (\(formatSize(response.size))) to", text: response.suggestedFileName))
    default:
        break
    }
    return []
}

/// What the OSC 52 clipboard is given at most (the explorer's copy effect refuses more).
let copyLimit = 1 << 20

/// `text` as a line number of the tab shown, counted from its first line of content (the notes
/// above a body are not its lines): the cursor goes there, or says what is wrong.
func goToLine(_ state: inout AppState, _ text: String) {
    let shown = tabLines(state)
    let count = shown.count - shown.header.count
    guard let number = Int(text.trimmingCharacters(in: .whitespaces)), number >= 1, count > 0 else {
        state.message = count > 0 ? "a line number is 1 to \(count)" : "the tab has no lines"
        return
    }
    showLine(shown.header.count + min(number, count) - 1, &state, context: 0)
}

/// Rows of text the response tab has room for (the pane less its border, status line and tabs,
/// and the query's two lines while a query is on).
func responseViewHeight(_ state: AppState) -> Int {
    let queryLines = state.responseTab == .body && state.query != nil ? 2 : 0
    return max(1, Layout(state).response.height - 5 - queryLines)
}

/// Rows the tab shown has: its lines less those folded away.
func responseRowCount(_ state: AppState) -> Int {
    tabFolds(state).rowCount(lineCount: tabLines(state).count)
}

/// Moves the cursor to `row` (kept in the tab) and scrolls just enough to show it.
func moveResponseCursor(_ state: inout AppState, to row: Int) {
    let rows = responseRowCount(state)
    state.responseCursor = min(max(0, row), max(0, rows - 1))
    let height = responseViewHeight(state)
    if state.responseCursor < state.responseScroll {
        state.responseScroll = state.responseCursor
    } else if !state.wrap {
        state.responseScroll = min(max(state.responseScroll, state.responseCursor - height + 1), max(0, rows - height))
    } else {
        // Wrapped lines take several rows: the top is the furthest line up that leaves the
        // cursor's line on screen.
        let shown = tabLines(state)
        let folds = tabFolds(state)
        let width = max(1, Layout(state).response.width - 2)
        var top = state.responseCursor
        var used = wrappedRows(shown.line(folds.line(atRow: top)), width: width)
        while top > state.responseScroll {
            let above = wrappedRows(shown.line(folds.line(atRow: top - 1)), width: width)
            if used + above > height { break }
            used += above
            top -= 1
        }
        state.responseScroll = max(state.responseScroll, top)
    }
}

/// Scrolls the view by `rows` (the mouse wheel), taking the cursor along when it would leave it.
func scrollResponse(_ state: inout AppState, by rows: Int) {
    let count = responseRowCount(state)
    let height = responseViewHeight(state)
    state.responseScroll = min(max(0, state.responseScroll + rows), max(0, count - (state.wrap ? 1 : height)))
    state.responseCursor = min(max(state.responseCursor, state.responseScroll), state.responseScroll + height - 1, max(0, count - 1))
}

/// Puts tab line `line` under the cursor, opening folds that hide it, `context` rows below the top.
func showLine(_ line: Int, _ state: inout AppState, context: Int) {
    if state.responseTab == .body, state.query == nil || state.query!.showsWholeBody { state.folds.reveal(line) }
    let row = tabFolds(state).row(ofLine: line)
    state.responseScroll = max(0, row - context)
    moveResponseCursor(&state, to: row)
}

/// The body document and its line under the cursor, when the Body tab shows one.
private func documentAtCursor(_ state: AppState) -> (document: BodyDocument, tabLine: Int, line: Int)? {
    guard state.responseTab == .body, state.query == nil || state.query!.showsWholeBody else { return nil }
    let shown = tabLines(state)
    let tabLine = state.folds.line(atRow: state.responseCursor)
    guard let document = shown.document, let line = shown.documentLine(tabLine) else { return nil }
    return (document, tabLine, line)
}

/// Folds what the cursor's line opens, or unfolds it; on a line inside something, folds that.
private func toggleFold(_ state: inout AppState) {
    guard let (document, tabLine, line) = documentAtCursor(state) else {
        state.message = "folding works on a JSON or XML body"
        return
    }
    let offset = tabLine - line
    if state.folds.isFolded(tabLine) {
        state.folds.unfold(tabLine)
        return
    }
    if let closer = document.closingLine(of: line) {
        state.folds.fold(tabLine, to: closer + offset)
    } else if let opener = document.enclosingOpener(of: line), let closer = document.closingLine(of: opener) {
        state.folds.fold(opener + offset, to: closer + offset)
        moveResponseCursor(&state, to: state.folds.row(ofLine: opener + offset))
    } else if !document.isIndexed {
        state.message = "the body is still being read: its end is not known yet"
    }
    moveResponseCursor(&state, to: state.responseCursor)
}

/// Folds every object and array at the cursor line's depth (every record of a list), or unfolds
/// them all when they are folded.
private func toggleFoldLevel(_ state: inout AppState) {
    guard let (document, tabLine, line) = documentAtCursor(state) else {
        state.message = "folding works on a JSON or XML body"
        return
    }
    guard document.isIndexed else {
        state.message = "the body is still being read: folding every level waits for its end"
        return
    }
    let offset = tabLine - line
    // A continuation (the rest of a long comment) has no depth of its own: its first line's counts.
    var shaped = line
    while shaped > 0, document.shape(ofLine: shaped).flags.contains(.continuation) { shaped -= 1 }
    let pairs = document.openers(atDepth: document.shape(ofLine: shaped).depth).map { (opener: $0.opener + offset, closer: $0.closer + offset) }
    guard !pairs.isEmpty else {
        state.message = "no object or array at this line's depth to fold"
        return
    }
    if pairs.allSatisfy({ state.folds.isFolded($0.opener) }) {
        state.folds.unfold(pairs.map(\.opener))
    } else {
        state.folds.fold(pairs)
    }
    let opener = pairs.last { $0.opener <= tabLine }?.opener ?? tabLine
    moveResponseCursor(&state, to: state.folds.row(ofLine: state.folds.isFolded(opener) && tabLine <= state.folds.folds[opener]! ? opener : tabLine))
    state.message = "\(pairs.count) \(pairs.count == 1 ? "value" : "values") at depth \(document.shape(ofLine: shaped).depth) \(state.folds.isFolded(pairs[0].opener) ? "folded" : "unfolded")"
}

/// Copies the JSON value at the cursor, or its JSONPath.
private func copyAtCursor(_ command: Command, _ state: inout AppState) -> [Effect] {
    guard let (document, _, line) = documentAtCursor(state), case .json = document.layout else {
        state.message = state.query != nil && state.responseTab == .body
            ? "a query's results are shown: y copies them; $ then Esc shows the body again for p and Y"
            : "the Body tab of a JSON response has values to copy"
        return []
    }
    if command == .copyPath {
        guard let found = document.jsonPath(ofLine: line) else { return [] }
        let path = state.response?.masker.mask(found) ?? found
        state.message = "copied \(path)"
        return [.copy(path)]
    }
    if !document.isIndexed, document.closingLine(of: line) == nil,
       let last = document.line(line).last(where: { !$0.text.allSatisfy(\.isWhitespace) })?.text, last == "{" || last == "[" {
        state.message = "the body is still being read: its end is not known yet"
        return []
    }
    switch document.jsonValue(ofLine: line, limit: copyLimit) {
    case .success(let text)?:
        let masked = state.response?.masker.mask(text) ?? text
        state.message = "copied \(formatSize(masked.utf8.count)) value"
        return [.copy(masked)]
    case .failure(let tooLarge)?:
        state.message = "the value is \(formatSize(tooLarge.size)), too much for the terminal's clipboard; S saves the body"
        return []
    case nil:
        return []
    }
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
        state.responseCursor = 0
        return refreshSearch(&state)
    default:
        guard editor.handle(key) else { return [] }
        state.mode = .editingQuery(editor)
        // Moving the cursor changes nothing to run.
        guard editor.string != state.query?.text else { return [] }
        runQuery(&state, editor.string)
        return refreshSearch(&state)
    }
    return []
}

/// Keys while a search is typed: Enter runs it and jumps to the first match from the cursor on;
/// Tab switches between plain text and a regular expression; Esc ends the search.
func handleSearchKey(_ state: inout AppState, _ editor: LineEditor, isRegex: Bool, _ key: KeyEvent) -> [Effect] {
    var editor = editor
    switch key {
    case .enter:
        state.mode = .normal
        guard !editor.string.isEmpty else {
            state.search = nil
            state.searchJob += 1
            return []
        }
        return startSearch(&state, ResponseSearch(text: editor.string, isRegex: isRegex), jumps: true)
    case .escape:
        state.mode = .normal
        state.search = nil
        // A search still running in the background must not come back.
        state.searchJob += 1
    case .tab:
        state.mode = .editingSearch(editor, isRegex: !isRegex)
    default:
        if editor.handle(key) { state.mode = .editingSearch(editor, isRegex: isRegex) }
    }
    return []
}

/// The search again over what the tab shows now (another tab, a new response, a query).
@discardableResult
func refreshSearch(_ state: inout AppState) -> [Effect] {
    guard let search = state.search else { return [] }
    return startSearch(&state, ResponseSearch(text: search.text, isRegex: search.isRegex), jumps: false)
}

/// Runs `search` over the tab shown: here for what is small and indexed, else in the background
/// (`searchFinished` brings the matches back); `jumps` moves the cursor to the first match on.
private func startSearch(_ state: inout AppState, _ search: ResponseSearch, jumps: Bool) -> [Effect] {
    let shown = tabLines(state)
    state.searchJob += 1
    if let document = shown.document, document.bytes.count > ResponseView.indexedAtOnce || !document.isIndexed {
        var running = search
        running.isRunning = true
        state.search = running
        return [.searchBody(SearchJob(number: state.searchJob, shown: shown, text: search.text, isRegex: search.isRegex, jumps: jumps))]
    }
    searchFinished(&state, ResponseSearch.run(search.text, isRegex: search.isRegex, in: shown), job: state.searchJob, jumps: jumps)
    return []
}

/// The matches of search `job` are in: shown, unless another search or tab replaced it.
func searchFinished(_ state: inout AppState, _ search: ResponseSearch, job: Int, jumps: Bool) {
    guard job == state.searchJob, state.search != nil || jumps else { return }
    var search = search
    let cursorLine = tabFolds(state).line(atRow: state.responseCursor)
    search.current = search.matches.firstIndex { $0.line >= cursorLine } ?? 0
    state.search = search
    if jumps { scrollToMatch(&state) }
}

/// Jumps `step` matches on, wrapping around.
func stepMatch(_ state: inout AppState, by step: Int) {
    guard var search = state.search, !search.matches.isEmpty else { return }
    search.current = ((search.current + step) % search.matches.count + search.matches.count) % search.matches.count
    state.search = search
    scrollToMatch(&state)
}

/// Puts the current match under the cursor, a few lines below the top for context.
func scrollToMatch(_ state: inout AppState) {
    guard let search = state.search, search.matches.indices.contains(search.current) else { return }
    showLine(search.matches[search.current].line, &state, context: 3)
    // Lines are not scrolled sideways: a match past the right edge is shown by wrapping.
    if !state.wrap, let end = search.currentMatchEnd(in: tabLines(state)), end > Layout(state).response.width - 2 {
        state.message = "the match is past the pane's right edge: w wraps lines to show it"
    }
}

/// Runs `text` on the response body and shows the result from its top.
func runQuery(_ state: inout AppState, _ text: String) {
    guard var response = state.response else { return }
    state.query = ResponseQuery.run(text, on: &response)
    // The parsed document is kept in the response for the next key.
    state.response = response
    state.responseScroll = 0
    state.responseCursor = 0
}
