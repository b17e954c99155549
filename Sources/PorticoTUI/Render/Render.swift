import PorticoCore

/// Draws the whole screen from the state. Pure: the same state gives the same grid.
public func render(_ state: AppState, theme: Theme = .dark) -> CellGrid {
    var grid = CellGrid(width: state.width, height: state.height)
    let layout = Layout(state)
    if layout.isTooSmall {
        let message = "Portico needs \(Layout.minimumWidth)×\(Layout.minimumHeight) (now \(state.width)×\(state.height))"
        grid.put(message, row: state.height / 2, column: max(0, (state.width - DisplayWidth.of(message)) / 2), style: theme.accent)
        return grid
    }
    drawTitle(&grid, state, theme)
    if let browser = state.historyBrowser {
        switch browser.page {
        case .list: drawHistoryList(&grid, layout, state, browser, theme)
        case .entry: drawHistoryEntry(&grid, layout, state, browser, theme)
        case .comparison: drawComparison(&grid, layout.history, browser, theme)
        }
    } else {
        if layout.sidebar.width > 0 { drawSidebar(&grid, layout.sidebar, state, theme, offset: layout.sidebarOffset(state)) }
        if layout.recentHistory.width > 0 { drawRecentHistory(&grid, layout.recentHistory, state, theme) }
        if layout.request.width > 0 { drawRequest(&grid, layout.request, state, theme) }
        if layout.response.width > 0 { drawResponse(&grid, layout.response, state, theme) }
    }
    drawFooter(&grid, state, theme)
    if let url = state.inFlight?.signInURL { drawSignIn(&grid, url: url, cancelKey: state.keymap.label(for: .cancel), theme) }
    switch state.mode {
    case .help: drawHelp(&grid, state, theme)
    case .cookieJar(let screen): drawCookieJar(&grid, screen, state, theme)
    case .palette(let picker): drawPicker(&grid, picker, theme)
    case .prompt(let prompt): drawPrompt(&grid, prompt, theme)
    case .confirmQuit: drawConfirm(&grid, title: "Unsaved changes", "Quit without saving the changes to \(state.draft.name)?  y: quit   any other key: stay", theme)
    case .confirmDiscard: drawConfirm(&grid, title: "Unsaved changes", "Drop the unsaved changes to \(state.draft.name)?  y: drop them   any other key: keep editing", theme)
    case .confirmDelete(let kind):
        let what: String
        switch kind {
        case .folder(let path, _):
            let count = state.collection.folder(at: path)?.allRequestCount ?? 0
            what = "the folder \(path)/ and the \(count) request\(count == 1 ? "" : "s") in it"
        case .request(let path, _): what = "\(state.collection.request(at: path)?.template.name ?? path) (\(path))"
        }
        drawConfirm(&grid, title: "Delete", "Delete \(what)?  y: delete   any other key: keep", theme)
    default: break
    }
    return grid
}

private func drawTitle(_ grid: inout CellGrid, _ state: AppState, _ theme: Theme) {
    grid.fill(row: 0, column: 0, width: grid.width, height: 1, style: theme.titleBar)
    let title = " Portico  \(state.collection.name)  env: \(state.environmentName ?? "none")"
    grid.put(title, row: 0, column: 0, style: theme.titleBar)
    if state.isDirty {
        let marker = "● unsaved "
        grid.put(marker, row: 0, column: grid.width - DisplayWidth.of(marker), style: theme.titleBar)
    }
}

private func drawFooter(_ grid: inout CellGrid, _ state: AppState, _ theme: Theme) {
    let row = grid.height - 1
    grid.fill(row: row, column: 0, width: grid.width, height: 1, style: theme.muted)
    if let message = state.message {
        grid.put(" " + message, row: row, column: 0, style: theme.accent)
        return
    }
    let bindings: [KeyHelp.Binding]
    switch state.mode {
    case .editingURL, .editingCell, .editingQuery, .filtering, .prompt, .palette, .editingHistorySearch: bindings = KeyHelp.lineEditing
    // On the history screen its own keys come first: the global ones are the same as elsewhere.
    case _ where state.historyBrowser != nil: bindings = KeyHelp.footer(state.focusContext, state.keymap) + KeyHelp.footer(.global, state.keymap)
    case .editingSearch: bindings = [KeyHelp.Binding(keys: "Enter", action: "search"), KeyHelp.Binding(keys: "Tab", action: "plain / regular expression")] + KeyHelp.lineEditing.dropFirst()
    case .editingBody: bindings = KeyHelp.bodyEditing
    default: bindings = KeyHelp.footer(.global, state.keymap) + KeyHelp.footer(state.focusContext, state.keymap)
    }
    var column = 1
    for binding in bindings {
        let used = grid.put(binding.keys, row: row, column: column, style: theme.accent)
        column += used + 1
        column += grid.put(binding.action, row: row, column: column, style: theme.muted) + 2
        if column >= grid.width { break }
    }
}

/// A bordered box with a title; returns the inner rectangle.
@discardableResult
func drawBox(_ grid: inout CellGrid, _ rect: Rect, title: String, focused: Bool, _ theme: Theme) -> Rect {
    let style = focused ? theme.focusedBorder : theme.border
    let right = rect.column + rect.width - 1
    let bottom = rect.row + rect.height - 1
    for x in rect.column...right {
        grid.put("─", row: rect.row, column: x, style: style)
        grid.put("─", row: bottom, column: x, style: style)
    }
    for y in rect.row...bottom {
        grid.put("│", row: y, column: rect.column, style: style)
        grid.put("│", row: y, column: right, style: style)
    }
    grid.put("┌", row: rect.row, column: rect.column, style: style)
    grid.put("┐", row: rect.row, column: right, style: style)
    grid.put("└", row: bottom, column: rect.column, style: style)
    grid.put("┘", row: bottom, column: right, style: style)
    grid.put(" \(title) ", row: rect.row, column: rect.column + 2, style: style, limit: max(0, rect.width - 4))
    return Rect(row: rect.row + 1, column: rect.column + 1, width: max(0, rect.width - 2), height: max(0, rect.height - 2))
}

/// A row of tab names with the current one highlighted; returns the columns used.
@discardableResult
func drawTabs(_ grid: inout CellGrid, row: Int, column: Int, width: Int, names: [String], current: Int, _ theme: Theme) -> Int {
    var x = column
    // Padded tabs where they all fit; on a narrow pane tighter, so that none is cut off.
    let padded = names.reduce(0) { $0 + DisplayWidth.of($1) + 3 } <= width
    for (index, name) in names.enumerated() {
        let style = index == current ? theme.selection : theme.muted
        x += grid.put(padded ? " \(name) " : name, row: row, column: x, style: style, limit: column + width - x)
        x += 1
        if x >= column + width { break }
    }
    return x - column
}

/// Draws spans on one row, clipped to `width`; returns the columns used.
@discardableResult
func drawSpans(_ grid: inout CellGrid, _ spans: [ResponseView.Span], row: Int, column: Int, width: Int, _ theme: Theme) -> Int {
    var x = column
    for span in spans {
        x += grid.put(span.text, row: row, column: x, style: style(for: span.role, theme), limit: column + width - x)
        if x >= column + width { break }
    }
    return x - column
}

func style(for role: ResponseView.Role, _ theme: Theme) -> Style {
    switch role {
    case .plain: theme.base
    case .key: theme.key
    case .string: theme.string
    case .number: theme.number
    case .literal: theme.literal
    case .punctuation: theme.punctuation
    case .muted: theme.muted
    case .error: theme.error
    case .match:
        // The selection's look, so every theme (monochrome too) shows it.
        { var style = theme.base; theme.highlight(&style); return style }()
    case .currentMatch: Style(foreground: theme.base.foreground, background: theme.base.background, bold: true, reverse: true)
    }
}
