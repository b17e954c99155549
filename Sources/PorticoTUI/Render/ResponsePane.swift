import Foundation
import PorticoCore

/// The frames of the in-flight indicator, one per tick.
let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

/// The response pane. An opened history entry is drawn by it too, titled as recorded, focused as
/// the entry screen says, and without the progress of a request in flight (which is not its own).
func drawResponse(_ grid: inout CellGrid, _ rect: Rect, _ state: AppState, _ theme: Theme, title: String = "Response", focused: Bool? = nil, showsProgress: Bool = true) {
    // Where a search stands goes in the title, which has room on the narrowest pane.
    let title = state.search.map { "\(title) · \($0.summary)" } ?? title
    let inner = drawBox(&grid, rect, title: title, focused: focused ?? (state.focus == .response), theme)
    guard inner.height > 0 else { return }
    // The repeat run belongs to the explorer's own response, not to a history entry shown here.
    if showsProgress, let run = state.repeatRun {
        drawRepeat(&grid, inner, run, state, theme)
        return
    }
    if showsProgress, let inFlight = state.inFlight {
        let what = inFlight.replaying.map { "replaying \($0.prefix(8))" } ?? "sending"
        let text = "\(spinner[inFlight.frame % spinner.count]) \(what)…  \(formatDuration(inFlight.elapsed))  \(formatSize(inFlight.bytes))   \(state.keymap.label(for: .cancel)) cancels"
        grid.put(text, row: inner.row, column: inner.column, style: theme.accent, limit: inner.width)
        return
    }
    guard let response = state.response else {
        grid.put("\(state.keymap.label(for: .send)) sends the request", row: inner.row, column: inner.column, style: theme.muted, limit: inner.width)
        return
    }
    drawStatusLine(&grid, response, row: inner.row, column: inner.column, width: inner.width, theme)
    guard inner.height > 2 else { return }
    let tabs = AppState.ResponseTab.allCases
    let tabsWidth = drawTabs(&grid, row: inner.row + 1, column: inner.column, width: inner.width, names: tabs.map(\.rawValue), current: tabs.firstIndex(of: state.responseTab)!, theme)
    // The search goes right of the tabs; on a narrow pane its line takes the row while typed.
    drawSearchLine(&grid, row: inner.row + 1, column: inner.column, width: inner.width, after: tabsWidth + 1, state, theme)
    let content = Rect(row: inner.row + 3, column: inner.column, width: inner.width, height: max(0, inner.height - 3))
    if state.responseTab == .body, let query = state.query {
        drawQuery(&grid, content, query, state, theme)
        return
    }
    drawScrolled(&grid, content, tabLines(state), folds: tabFolds(state), scroll: state.responseScroll,
                 cursor: (focused ?? (state.focus == .response)) ? state.responseCursor : nil, wrap: state.wrap, search: state.search, theme)
}

/// The search being typed, right of the tabs (over them when the pane is too narrow).
private func drawSearchLine(_ grid: inout CellGrid, row: Int, column: Int, width: Int, after used: Int, _ state: AppState, _ theme: Theme) {
    guard case .editingSearch(let editor, let isRegex) = state.mode else { return }
    let label = isRegex ? "regex /" : "search /"
    let room = width - used >= 20 ? min(width - used, 40) : width
    let start = column + width - room
    grid.fill(row: row, column: start, width: room, height: 1, style: theme.base)
    let labelWidth = grid.put(label, row: row, column: start, style: theme.accent, limit: room)
    drawEditor(&grid, editor, row: row, column: start + labelWidth, width: room - labelWidth, active: true, theme)
}

/// The lines the tab shows now: the query's values while a query is on, else the tab's lines.
func tabLines(_ state: AppState) -> ShownLines {
    guard let response = state.response else { return ShownLines([]) }
    if state.responseTab == .body, let query = state.query, !query.showsWholeBody { return ShownLines(query.lines) }
    return contentLines(response, state.responseTab)
}

/// The folds of the tab shown: only the body, as the response has it, has any.
func tabFolds(_ state: AppState) -> FoldSet {
    state.responseTab == .body && (state.query == nil || state.query!.showsWholeBody) ? state.folds : FoldSet()
}

/// The query line (being typed, or the one that is on), what it found or where it is wrong, and
/// the values it selected.
private func drawQuery(_ grid: inout CellGrid, _ rect: Rect, _ query: ResponseQuery, _ state: AppState, _ theme: Theme) {
    guard rect.height > 0 else { return }
    if case .editingQuery(let editor) = state.mode {
        drawEditor(&grid, editor, row: rect.row, column: rect.column, width: rect.width, active: true, theme)
    } else {
        grid.put(query.text, row: rect.row, column: rect.column, style: theme.accent, limit: rect.width)
    }
    guard rect.height > 1 else { return }
    var summary = query.summary
    if var offset = query.errorOffset {
        if case .editingQuery(let editor) = state.mode {
            // The line editor scrolls a long query: measure from what it shows first.
            let start = max(0, editor.cursor - rect.width + 1)
            offset -= DisplayWidth.of(String(editor.text[..<start]))
        }
        summary = String(repeating: " ", count: min(max(0, offset), max(0, rect.width - 2))) + "^ " + summary
    } else if case .editingQuery = state.mode {
        summary += " · Enter keeps the query on, Esc turns it off"
    } else {
        summary += " · \(state.keymap.label(for: .query)) changes the query"
    }
    grid.put(summary, row: rect.row + 1, column: rect.column, style: query.isValid ? theme.muted : theme.error, limit: rect.width)
    let values = Rect(row: rect.row + 2, column: rect.column, width: rect.width, height: max(0, rect.height - 2))
    drawScrolled(&grid, values, tabLines(state), folds: tabFolds(state), scroll: state.responseScroll,
                 cursor: state.focus == .response ? state.responseCursor : nil, wrap: state.wrap, search: state.search, theme)
}

private func drawStatusLine(_ grid: inout CellGrid, _ response: ResponseView, row: Int, column: Int, width: Int, _ theme: Theme) {
    var x = column
    if let status = response.status {
        x += grid.put(" \(status) \(response.reason) ", row: row, column: x, style: theme.status(status), limit: width) + 1
    }
    // Without a status the error is the news: it comes first.
    if response.status == nil, let error = response.error?.withKind {
        x += grid.put(error, row: row, column: x, style: theme.error, limit: column + width - x) + 2
    }
    var details = [formatDuration(response.total), formatSize(response.size)]
    if !response.document.isIndexed { details.append("reading lines \(Int(response.document.indexedFraction * 100))%") }
    if !response.redirects.isEmpty { details.append("\(response.redirects.count) redirect\(response.redirects.count == 1 ? "" : "s")") }
    details += response.rateLimitHeaders.map { "\($0.name): \($0.value)" }
    if !response.checks.isEmpty {
        let failed = response.checks.filter { !$0.passed }.count
        let verdict = failed == 0 ? "✓ \(response.checks.count) checks" : "✗ \(failed)/\(response.checks.count) checks failed"
        x += grid.put(verdict, row: row, column: x, style: failed == 0 ? theme.statusSuccess : theme.error, limit: column + width - x) + 2
    }
    x += grid.put(details.joined(separator: "  "), row: row, column: x, style: theme.muted, limit: column + width - x) + 2
    // After a status, last, so a long message cannot push the time and size off the line; such a
    // response (a body cut at the size limit) has the whole message above its body too.
    if response.status != nil, let error = response.error?.withKind {
        grid.put(error, row: row, column: x, style: theme.error, limit: column + width - x)
    }
}

extension ResponseView {
    /// How many lines a tab shows (for keeping the scroll position in range).
    public func lineCount(_ tab: AppState.ResponseTab) -> Int {
        contentLines(self, tab).count
    }

    /// Lines above the body on the Body tab: what the body is, notes, a protocol's verdict.
    var bodyHeader: [Line] {
        var lines: [Line] = []
        if status != nil, let error { lines.append([Span(error.withKind, .error)]) }
        if let note { lines.append([Span(note, .muted)]) }
        if let problem = treeLines == nil ? document.problem : nil, document.layout == .text {
            lines.append([Span("not \(document.requestedLayout == .text ? "text" : "well-formed") at byte \(problem.offset) (\(problem.reason)): shown as received", .muted)])
        }
        if let bodySummary { lines.append([Span(bodySummary, .muted)]) }
        if let protocolResponse { lines.append([Span(protocolResponse.summary, protocolResponse.isError ? .error : .muted)]) }
        return lines
    }
}

func contentLines(_ response: ResponseView, _ tab: AppState.ResponseTab) -> ShownLines {
    ShownLines(memoryLines(response, tab) ?? [], document: documentLines(response, tab))
}

/// The document a tab draws its lines from, with the lines above it.
private func documentLines(_ response: ResponseView, _ tab: AppState.ResponseTab) -> ShownLines? {
    switch tab {
    case .body:
        if let tree = response.treeLines { return ShownLines(tree, header: response.bodyHeader) }
        return ShownLines(document: response.document, header: response.bodyHeader, masker: response.masker)
    case .raw:
        return ShownLines(document: response.rawDocument, masker: response.masker)
    default:
        return nil
    }
}

/// The lines of a tab that are made on the spot.
private func memoryLines(_ response: ResponseView, _ tab: AppState.ResponseTab) -> [ResponseView.Line]? {
    switch tab {
    case .body, .raw:
        return nil
    case .headers:
        if response.headers.isEmpty { return [[ResponseView.Span("no headers", .muted)]] }
        return response.headers.map { [ResponseView.Span($0.name, .key), ResponseView.Span(": ", .punctuation), ResponseView.Span($0.value, .plain)] }
    case .cookies:
        let cookies = response.cookies
        if cookies.isEmpty { return [[ResponseView.Span("the response sets no cookies", .muted)]] }
        return cookies.map { [ResponseView.Span($0.name, .key), ResponseView.Span(" = ", .punctuation), ResponseView.Span($0.value, .string), ResponseView.Span("  \($0.attributes)", .muted)] }
    case .timing:
        var lines: [ResponseView.Line] = []
        for (index, hop) in response.redirects.enumerated() {
            lines.append([ResponseView.Span("hop \(index + 1)  ", .muted), ResponseView.Span("\(hop.status)", .number),
                          ResponseView.Span("  \(hop.method) \(hop.url.absoluteString) → \(hop.location)  ", .plain), ResponseView.Span(formatDuration(hop.duration), .number)])
        }
        if let ttfb = response.timeToFirstByte {
            lines.append([ResponseView.Span("time to first byte  ", .muted), ResponseView.Span(formatDuration(ttfb), .number)])
        }
        lines.append([ResponseView.Span("total               ", .muted), ResponseView.Span(formatDuration(response.total), .number)])
        lines.append([ResponseView.Span("size                ", .muted), ResponseView.Span(formatSize(response.size), .number)])
        if !response.carrier.isEmpty {
            lines.append([ResponseView.Span("transport           ", .muted), ResponseView.Span(response.carrier, .plain)])
        }
        return lines
    case .checks:
        var lines: [ResponseView.Line] = []
        if let problem = response.captureProblem { lines.append([ResponseView.Span(problem, .error)]) }
        if response.checks.isEmpty { lines.append([ResponseView.Span("the request has no checks: add them on its Checks tab", .muted)]) }
        for result in response.checks {
            lines.append([ResponseView.Span(result.passed ? "✓ " : "✗ ", result.passed ? .literal : .error), ResponseView.Span(result.check.source, .plain),
                          ResponseView.Span("   got ", .muted), ResponseView.Span(result.actual, result.passed ? .string : .error)])
            if let failure = result.failure { lines.append([ResponseView.Span("    \(failure)", .error)]) }
        }
        if !response.captured.isEmpty {
            lines.append([ResponseView.Span("captured: ", .muted), ResponseView.Span(response.captured.joined(separator: ", "), .key)])
        }
        return lines
    }
}

/// Rows from `scroll` on (a row is a line, or a folded object with its closing line); with
/// `wrap`, long lines continue on the next rows. Only the lines on screen are drawn, so a
/// document of millions of lines costs what a screenful does.
func drawScrolled(_ grid: inout CellGrid, _ rect: Rect, _ shown: ShownLines, folds: FoldSet = FoldSet(), scroll: Int, cursor: Int? = nil,
                  wrap: Bool, search: ResponseSearch? = nil, _ theme: Theme) {
    guard rect.height > 0, rect.width > 0 else { return }
    let rows = folds.rowCount(lineCount: shown.count)
    let matcher = search.flatMap(SearchHighlighter.init)
    var y = 0
    var row = wrap ? min(scroll, max(0, rows - 1)) : min(scroll, max(0, rows - rect.height))
    while y < rect.height, row < rows {
        let line = folds.line(atRow: row)
        var spans = shown.line(line)
        if let matcher { spans = matcher.marked(spans, line: line) }
        if let closer = folds.closer(ofFoldAt: line) {
            spans.append(ResponseView.Span(" … \(closer - line - 1) lines … ", .muted))
            spans += trimmedIndent(shown.line(closer))
        }
        let pieces = wrap ? wrappedPieces(spans, width: rect.width) : [spans]
        for piece in pieces where y < rect.height {
            drawSpans(&grid, piece, row: rect.row + y, column: rect.column, width: rect.width, theme)
            if row == cursor { grid.restyle(row: rect.row + y, column: rect.column, width: rect.width) { theme.highlight(&$0) } }
            y += 1
        }
        row += 1
    }
}

/// A line without its indentation, as it follows a fold.
private func trimmedIndent(_ line: ResponseView.Line) -> ResponseView.Line {
    var line = line
    while let first = line.first, first.text.allSatisfy(\.isWhitespace) { line.removeFirst() }
    return line
}

/// The screen rows `line` takes when wrapped at `width` columns (at least one).
func wrappedRows(_ line: ResponseView.Line, width: Int) -> Int {
    wrappedPieces(line, width: width).count
}

/// `line` cut into rows of `width` columns, as it is drawn: a character that does not fit at the
/// end of a row (a wide one, or any character of an escape such as `<U+009B>`) starts the next
/// row, so nothing is cut in two or lost between rows. An escaped character comes out as the
/// characters of its escape.
func wrappedPieces(_ line: ResponseView.Line, width: Int) -> [ResponseView.Line] {
    let width = max(1, width)
    var pieces: [ResponseView.Line] = []
    var piece: ResponseView.Line = []
    var used = 0
    for span in line {
        var text = ""
        for character in span.text {
            for shown in CellGrid.visible(character) {
                let columns = DisplayWidth.of(shown)
                if used + columns > width, used > 0 {
                    if !text.isEmpty { piece.append(ResponseView.Span(text, span.role)) }
                    pieces.append(piece)
                    piece = []
                    text = ""
                    used = 0
                }
                text.append(shown)
                used += columns
            }
        }
        if !text.isEmpty { piece.append(ResponseView.Span(text, span.role)) }
    }
    pieces.append(piece)
    return pieces
}

func formatDuration(_ duration: Duration) -> String {
    let ms = duration.milliseconds
    return ms < 1000 ? String(format: "%.1f ms", ms) : String(format: "%.2f s", ms / 1000)
}

/// A size for people: bytes, KB, MB, GB (also used by the explorer's messages).
public func formatSize(_ bytes: Int) -> String {
    ByteCountText.text(bytes)
}
