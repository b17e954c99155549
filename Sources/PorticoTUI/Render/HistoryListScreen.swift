import PorticoCore

/// The history screen's list: the filters on top (each with its key), then one entry per row,
/// newest first, and the request in flight, if any, at the bottom.
func drawHistoryList(_ grid: inout CellGrid, _ layout: Layout, _ state: AppState, _ browser: HistoryBrowser, _ theme: Theme) {
    var title = "History · \(browser.records.count) \(browser.records.count == 1 ? "entry" : "entries")"
    if browser.records.count >= HistoryBrowser.listLimit { title += ", the newest" }
    if browser.isListing { title += " · reading…" }
    if !browser.warnings.isEmpty { title += " · \(browser.warnings.count) damaged line\(browser.warnings.count == 1 ? "" : "s") skipped" }
    if !state.recordsHistory { title += " · not recording (--no-history)" }
    let inner = drawBox(&grid, layout.history, title: title, focused: true, theme)
    guard inner.height > 2 else { return }
    drawHistoryFilters(&grid, row: inner.row, column: inner.column + 1, width: inner.width - 2, state, browser, theme)
    let columns = HistoryColumns(width: inner.width - 2)
    grid.put(columns.headings, row: inner.row + 1, column: inner.column + 1, style: theme.muted, limit: inner.width - 2)

    let rows = layout.historyListRows(state)
    if browser.records.isEmpty {
        let hint: String
        if browser.isListing {
            hint = "reading the history…"
        } else if browser.filter.isEmpty {
            hint = "nothing sent yet: what you send (\(state.keymap.label(for: .send))) is recorded here"
        } else {
            hint = "nothing matches the filters: \(state.keymap.label(for: .clearHistoryFilters)) clears them"
        }
        grid.put(hint, row: rows.row, column: rows.column, style: theme.muted, limit: rows.width)
    }
    let offset = layout.historyListOffset(state)
    for (index, record) in browser.records.enumerated().dropFirst(offset).prefix(rows.height) {
        let y = rows.row + index - offset
        if browser.marked?.id == record.id {
            grid.put("◆", row: y, column: rows.column, style: theme.accent)
        }
        columns.draw(&grid, record, row: y, column: rows.column + 2, width: rows.width - 2, state, theme)
        if index == browser.selection {
            grid.restyle(row: y, column: inner.column, width: inner.width) { theme.highlight(&$0); $0.bold = true }
        }
    }
    if let inFlight = state.inFlight {
        let what = inFlight.replaying.map { "replaying \($0.prefix(8))" } ?? "sending \(state.draft.name)"
        // Esc goes back on this screen; Ctrl+C always cancels.
        let text = "\(spinner[inFlight.frame % spinner.count]) \(what)…  \(formatDuration(inFlight.elapsed))  \(formatSize(inFlight.bytes))   Ctrl+C cancels"
        grid.put(text, row: inner.row + inner.height - 1, column: inner.column + 1, style: theme.accent, limit: inner.width - 2)
    }
}

/// `/ search: users   m method: GET   s status: any   …`: each filter after its key, set ones lit.
private func drawHistoryFilters(_ grid: inout CellGrid, row: Int, column: Int, width: Int, _ state: AppState, _ browser: HistoryBrowser, _ theme: Theme) {
    let end = column + width
    var x = column
    func key(_ command: Command) -> String {
        state.keymap.keys(for: command).first.map(KeyName.describe) ?? ""
    }
    x += grid.put("\(key(.searchHistory)) search: ", row: row, column: x, style: theme.muted, limit: end - x)
    if case .editingHistorySearch(let editor) = state.mode {
        let room = min(30, max(12, editor.text.count + 1), end - x)
        drawEditor(&grid, editor, row: row, column: x, width: room, active: true, theme)
        x += room
    } else {
        let text = browser.filter.text ?? "—"
        x += grid.put(text, row: row, column: x, style: browser.filter.text == nil ? theme.muted : theme.accent, limit: min(30, end - x))
    }
    let requestName = browser.filter.requestID.map { id in id == state.draft.id ? state.draft.name : id }
    let filters: [(Command, String, String?)] = [
        (.historyMethod, "method", browser.filter.method),
        (.historyStatus, "status", browser.filter.statusClass.map { $0 == 0 ? "no response" : "\($0)xx" }),
        (.historyThisRequest, "request", requestName),
        (.historyEnvironment, "env", browser.filter.environment),
    ]
    for (command, label, value) in filters {
        guard x + 3 < end else { return }
        x += 3
        x += grid.put("\(key(command)) \(label): ", row: row, column: x, style: theme.muted, limit: end - x)
        x += grid.put(value ?? "any", row: row, column: x, style: value == nil ? theme.muted : theme.accent, limit: end - x)
    }
    if !browser.filter.isEmpty, x + 3 < end {
        grid.put("   \(key(.clearHistoryFilters)) clear", row: row, column: x, style: theme.muted, limit: end - x)
    }
}

/// The columns of the list, as many as the width allows: when, method, status or error, time
/// taken, size, environment, and the request's name and URL in what is left.
struct HistoryColumns {
    let showsSize: Bool
    let showsEnvironment: Bool

    init(width: Int) {
        showsSize = width >= 96
        showsEnvironment = width >= 130
    }

    private static let time = 21, method = 8, status = 10, duration = 11, size = 10, environment = 14

    var headings: String {
        var text = "  " + pad("sent", Self.time) + pad("method", Self.method) + pad("status", Self.status) + pad("took", Self.duration)
        if showsSize { text += pad("size", Self.size) }
        if showsEnvironment { text += pad("env", Self.environment) }
        return text + "request"
    }

    func draw(_ grid: inout CellGrid, _ record: HistoryRecord, row: Int, column: Int, width: Int, _ state: AppState, _ theme: Theme) {
        let end = column + width
        var x = column
        grid.put(HistoryTime.full(record.time, state.timeZone), row: row, column: x, style: theme.base)
        x += Self.time
        let method = (try? HTTPMethod(record.request.method)).map(theme.method) ?? theme.otherMethod
        grid.put(record.request.method, row: row, column: x, style: method, limit: Self.method - 1)
        x += Self.method
        drawOutcome(&grid, record, row: row, column: x, width: Self.status - 1, theme)
        x += Self.status
        grid.put(formatDuration(.microseconds(Int64(record.timing.totalMs * 1000))), row: row, column: x, style: theme.muted, limit: Self.duration - 1)
        x += Self.duration
        if showsSize {
            grid.put(record.response?.body.map { formatSize($0.size) } ?? "—", row: row, column: x, style: theme.muted, limit: Self.size - 1)
            x += Self.size
        }
        if showsEnvironment {
            grid.put(record.environment ?? "—", row: row, column: x, style: theme.muted, limit: Self.environment - 1)
            x += Self.environment
        }
        if let name = record.requestName {
            x += grid.put(name, row: row, column: x, style: theme.base, limit: end - x) + 2
        }
        grid.put(record.request.url, row: row, column: x, style: record.requestName == nil ? theme.base : theme.muted, limit: end - x)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
}

/// The status as a badge in its class's style, or the error kind when no response came.
private func drawOutcome(_ grid: inout CellGrid, _ record: HistoryRecord, row: Int, column: Int, width: Int, _ theme: Theme) {
    if let status = record.response?.status {
        grid.put(" \(status) ", row: row, column: column, style: theme.status(status), limit: width)
    } else {
        grid.put(record.error?.kind ?? "none", row: row, column: column, style: theme.error, limit: width)
    }
}
