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
    let lines = contentLines(response, state.responseTab)
    drawScrolled(&grid, content, lines, scroll: state.responseScroll, wrap: state.wrap, marks: searchMarks(state), theme)
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
func tabLines(_ state: AppState) -> [ResponseView.Line] {
    guard let response = state.response else { return [] }
    if state.responseTab == .body, let query = state.query { return query.lines }
    return contentLines(response, state.responseTab)
}

/// Search matches by line, the current one marked, for drawing.
private func searchMarks(_ state: AppState) -> [Int: [(range: Range<Int>, isCurrent: Bool)]] {
    guard let search = state.search else { return [:] }
    var marks: [Int: [(range: Range<Int>, isCurrent: Bool)]] = [:]
    for (index, match) in search.matches.enumerated() {
        marks[match.line, default: []].append((match.range, index == search.current))
    }
    return marks
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
    drawScrolled(&grid, values, query.lines, scroll: state.responseScroll, wrap: state.wrap, marks: searchMarks(state), theme)
}

private func drawStatusLine(_ grid: inout CellGrid, _ response: ResponseView, row: Int, column: Int, width: Int, _ theme: Theme) {
    var x = column
    if let status = response.status {
        x += grid.put(" \(status) \(response.reason) ", row: row, column: x, style: theme.status(status), limit: width) + 1
    }
    if let error = response.error {
        x += grid.put("\(error.kind.rawValue): \(error.message)", row: row, column: x, style: theme.error, limit: column + width - x) + 2
    }
    var details = [formatDuration(response.total), formatSize(response.size)]
    if !response.redirects.isEmpty { details.append("\(response.redirects.count) redirect\(response.redirects.count == 1 ? "" : "s")") }
    details += response.rateLimitHeaders.map { "\($0.name): \($0.value)" }
    if !response.checks.isEmpty {
        let failed = response.checks.filter { !$0.passed }.count
        let verdict = failed == 0 ? "✓ \(response.checks.count) checks" : "✗ \(failed)/\(response.checks.count) checks failed"
        x += grid.put(verdict, row: row, column: x, style: failed == 0 ? theme.statusSuccess : theme.error, limit: column + width - x) + 2
    }
    grid.put(details.joined(separator: "  "), row: row, column: x, style: theme.muted, limit: column + width - x)
}

extension ResponseView {
    /// How many lines a tab shows (for keeping the scroll position in range).
    /// Counted without building the lines: it runs on every scrolling key.
    public func lineCount(_ tab: AppState.ResponseTab) -> Int {
        switch tab {
        case .body: bodyLines.count + (note == nil ? 0 : 1) + (protocolResponse == nil ? 0 : 1)
        case .raw: rawLines.count
        case .headers: max(1, headers.count)
        case .cookies: max(1, cookies.count)
        case .timing: redirects.count + (timeToFirstByte == nil ? 0 : 1) + (carrier.isEmpty ? 0 : 1) + 2
        case .checks: max(1, checks.count + checks.filter { !$0.passed }.count) + (captured.isEmpty ? 0 : 1) + (captureProblem == nil ? 0 : 1)
        }
    }
}

func contentLines(_ response: ResponseView, _ tab: AppState.ResponseTab) -> [ResponseView.Line] {
    switch tab {
    case .body:
        let summary = response.protocolResponse.map { [[ResponseView.Span($0.summary, $0.isError ? .error : .muted)]] } ?? []
        return (response.note.map { [[ResponseView.Span($0, .muted)]] } ?? []) + summary + response.bodyLines
    case .raw:
        return response.rawLines.map { [ResponseView.Span($0, .plain)] }
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

/// Lines from `scroll` on; with `wrap`, long lines continue on the next rows.
func drawScrolled(_ grid: inout CellGrid, _ rect: Rect, _ lines: [ResponseView.Line], scroll: Int, wrap: Bool,
                          marks: [Int: [(range: Range<Int>, isCurrent: Bool)]] = [:], _ theme: Theme) {
    guard rect.height > 0, rect.width > 0 else { return }
    if !wrap {
        let start = min(scroll, max(0, lines.count - rect.height))
        for (index, line) in lines[start...].prefix(rect.height).enumerated() {
            drawSpans(&grid, marked(line, marks[start + index]), row: rect.row + index, column: rect.column, width: rect.width, theme)
        }
        return
    }
    var visual: [(line: Int, skip: Int)] = []
    for (index, line) in lines.enumerated() {
        for row in 0..<wrappedRows(line, width: rect.width) { visual.append((index, row * rect.width)) }
        if visual.count > scroll + rect.height { break }
    }
    let start = min(scroll, max(0, visual.count - rect.height))
    for (row, piece) in visual[start...].prefix(rect.height).enumerated() {
        drawSpans(&grid, marked(lines[piece.line], marks[piece.line]), row: rect.row + row, column: rect.column, width: rect.width, skip: piece.skip, theme)
    }
}

/// The screen rows `line` takes when wrapped at `width` columns (at least one).
func wrappedRows(_ line: ResponseView.Line, width: Int) -> Int {
    let columns = line.reduce(0) { $0 + DisplayWidth.of($1.text) }
    return max(1, (columns + width - 1) / max(1, width))
}

/// `line` with its search matches split out as spans of their own roles.
private func marked(_ line: ResponseView.Line, _ marks: [(range: Range<Int>, isCurrent: Bool)]?) -> ResponseView.Line {
    guard let marks, !marks.isEmpty else { return line }
    var result: ResponseView.Line = []
    var offset = 0
    for span in line {
        let characters = Array(span.text)
        var position = 0
        while position < characters.count {
            let at = offset + position
            if let mark = marks.first(where: { $0.range.contains(at) }) {
                let end = min(characters.count, mark.range.upperBound - offset)
                result.append(ResponseView.Span(String(characters[position..<end]), mark.isCurrent ? .currentMatch : .match))
                position = end
            } else {
                let next = marks.map(\.range.lowerBound).filter { $0 > at }.min().map { min(characters.count, $0 - offset) } ?? characters.count
                result.append(ResponseView.Span(String(characters[position..<next]), span.role))
                position = next
            }
        }
        offset += characters.count
    }
    return result
}

func formatDuration(_ duration: Duration) -> String {
    let ms = duration.milliseconds
    return ms < 1000 ? String(format: "%.1f ms", ms) : String(format: "%.2f s", ms / 1000)
}

/// A size for people: bytes, KB, MB (also used by the explorer's messages).
public func formatSize(_ bytes: Int) -> String {
    switch bytes {
    case ..<1024: "\(bytes) B"
    case ..<(1 << 20): String(format: "%.1f KB", Double(bytes) / 1024)
    default: String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }
}
