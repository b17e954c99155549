import Foundation
import PorticoCore

func drawRequest(_ grid: inout CellGrid, _ rect: Rect, _ state: AppState, _ theme: Theme) {
    let name = state.draft.name + (state.isDirty ? " ●" : "")
    let inner = drawBox(&grid, rect, title: "Request · \(name)", focused: state.focus == .request, theme)
    guard inner.height > 0 else { return }
    var x = inner.column
    x += grid.put(state.draft.method.rawValue, row: inner.row, column: x, style: theme.method(state.draft.method)) + 1
    if case .editingURL(let editor) = state.mode {
        drawEditor(&grid, editor, row: inner.row, column: x, width: inner.column + inner.width - x, active: true, theme)
    } else if state.draft.url.isEmpty {
        grid.put("press \(state.keymap.label(for: .editURL)) to type a URL", row: inner.row, column: x, style: theme.muted, limit: inner.column + inner.width - x)
    } else {
        drawTemplate(&grid, state.draft.url, row: inner.row, column: x, width: inner.column + inner.width - x, state, theme)
    }
    guard inner.height > 2 else { return }
    let tabs = AppState.RequestTab.allCases
    drawTabs(&grid, row: inner.row + 2, column: inner.column, width: inner.width, names: tabs.map { tabTitle($0, state.draft) }, current: tabs.firstIndex(of: state.requestTab)!, theme)
    let content = Rect(row: inner.row + 4, column: inner.column, width: inner.width, height: max(0, inner.height - 4))
    switch state.requestTab {
    case .params, .headers: drawTable(&grid, content, state, theme)
    case .body where state.hasTable:
        grid.put("form · application/x-www-form-urlencoded", row: content.row, column: content.column, style: theme.muted, limit: content.width)
        drawTable(&grid, Rect(row: content.row + 1, column: content.column, width: content.width, height: content.height - 1), state, theme)
    case .body:
        if case .editingBody(let editor) = state.mode {
            drawBodyEditor(&grid, content, editor, state, theme)
        } else if !BodyField.all(in: state.draft.body).isEmpty {
            drawProtocolBody(&grid, content, state, theme)
        } else {
            drawBody(&grid, content, state, theme)
        }
    case .auth: drawAuth(&grid, content, state, theme)
    case .checks: drawChecks(&grid, content, state, theme)
    case .options:
        let options = state.draft.options
        drawLines(&grid, content, [
            "timeout          \(options.timeout) s (total, redirects included)",
            "follow redirects \(options.followRedirects ? "yes" : "no")",
            "max redirects    \(options.maxRedirects)",
        ] + connectionLines(options.connection, collection: state.collection.connection), theme)
    }
}

/// Transport, proxy and TLS settings as they apply to the request: its own, or its collection's
/// (marked), or the default; config.yaml's `network:` and the environment fill in the rest when sent.
func connectionLines(_ own: ConnectionOptions, collection: ConnectionOptions) -> [String] {
    func line(_ label: String, _ value: (ConnectionOptions) -> String?, default fallback: String) -> String {
        let padded = label.padding(toLength: 17, withPad: " ", startingAt: 0)
        if let mine = value(own) { return padded + mine }
        if let shared = value(collection) { return padded + shared + " (collection)" }
        return padded + fallback
    }
    return [
        line("transport", { $0.transport?.rawValue }, default: "auto"),
        line("proxy", { $0.proxy.map { $0.isEmpty ? "none" : $0 } }, default: "from settings or the environment"),
        line("no proxy for", { $0.noProxy?.joined(separator: ", ") }, default: "—"),
        line("connect timeout", { $0.connectTimeout.map { "\($0) s" } }, default: "—"),
        line("verify TLS", { $0.verifyTLS.map { $0 ? "yes" : "no" } }, default: "yes"),
        line("CA file", { $0.caFile }, default: "—"),
        line("client cert", { $0.clientCertificate }, default: "—"),
        line("client key", { $0.clientKey }, default: "—"),
    ]
}

private func tabTitle(_ tab: AppState.RequestTab, _ draft: RequestTemplate) -> String {
    switch tab {
    case .params: draft.params.isEmpty ? tab.rawValue : "\(tab.rawValue) \(draft.params.count)"
    case .headers: draft.headers.isEmpty ? tab.rawValue : "\(tab.rawValue) \(draft.headers.count)"
    case .checks: draft.checks.isEmpty ? tab.rawValue : "\(tab.rawValue) \(draft.checks.count)"
    default: tab.rawValue
    }
}

/// A template with `{{variables}}` coloured: known ones in the variable colour, undefined ones marked.
func drawTemplate(_ grid: inout CellGrid, _ text: String, row: Int, column: Int, width: Int, _ state: AppState, _ theme: Theme) {
    guard let template = try? Template(parsing: text) else {
        grid.put(text, row: row, column: column, style: theme.error, limit: width)
        return
    }
    let scope = VariableScope(environment: state.environment, collection: state.collection.variables)
    var x = column
    for segment in template.segments {
        let limit = column + width - x
        guard limit > 0 else { break }
        switch segment {
        case .literal(let literal):
            x += grid.put(literal, row: row, column: x, style: theme.base, limit: limit)
        case .variable(let name):
            x += grid.put("{{\(name)}}", row: row, column: x, style: scope.lookup(name) == nil ? theme.undefinedVariable : theme.variable, limit: limit)
        case .dynamic(let name, let arguments):
            x += grid.put("{{$\(([name] + arguments).joined(separator: " "))}}", row: row, column: x, style: theme.variable, limit: limit)
        case .reference(let reference):
            x += grid.put(reference.description, row: row, column: x, style: theme.variable, limit: limit)
        }
    }
}

private func drawTable(_ grid: inout CellGrid, _ rect: Rect, _ state: AppState, _ theme: Theme) {
    let rows = state.tableRows
    if rows.isEmpty {
        grid.put("none: \(state.keymap.label(for: .addRow)) adds a row", row: rect.row, column: rect.column + 1, style: theme.muted, limit: rect.width - 1)
        return
    }
    let nameWidth = min(max(8, rows.map { DisplayWidth.of($0.name) }.max() ?? 0), rect.width / 3)
    for (index, row) in rows.enumerated().prefix(rect.height) {
        let y = rect.row + index
        let style = row.isEnabled ? theme.base : theme.muted
        grid.put(row.isEnabled ? "✓" : "·", row: y, column: rect.column, style: row.isEnabled ? theme.accent : theme.muted)
        let nameColumn = rect.column + 2
        let valueColumn = nameColumn + nameWidth + 2
        if case .editingCell(index, 0, let editor) = state.mode {
            drawEditor(&grid, editor, row: y, column: nameColumn, width: nameWidth, active: true, theme)
        } else {
            grid.put(row.name, row: y, column: nameColumn, style: row.isEnabled ? theme.key : theme.muted, limit: nameWidth)
        }
        if case .editingCell(index, 1, let editor) = state.mode {
            drawEditor(&grid, editor, row: y, column: valueColumn, width: rect.column + rect.width - valueColumn, active: true, theme)
        } else if row.isEnabled {
            drawTemplate(&grid, row.value, row: y, column: valueColumn, width: rect.column + rect.width - valueColumn, state, theme)
        } else {
            grid.put(row.value, row: y, column: valueColumn, style: style, limit: rect.column + rect.width - valueColumn)
        }
        if index == state.tableSelection, state.focus == .request {
            grid.restyle(row: y, column: rect.column, width: rect.width) { theme.highlight(&$0) }
        }
    }
}

private func drawBody(_ grid: inout CellGrid, _ rect: Rect, _ state: AppState, _ theme: Theme) {
    let kind: String
    var lines: [String] = []
    let keys = state.keymap
    switch state.draft.body {
    case .none: kind = "no body: \(keys.label(for: .editValue)) writes one, \(keys.label(for: .bodyType)) picks its type, \(keys.label(for: .externalEditor)) opens $EDITOR"
    case .json(let text): kind = "JSON"; lines = text.components(separatedBy: "\n")
    case .xml(let text): kind = "XML"; lines = text.components(separatedBy: "\n")
    case .raw(let text, let type): kind = type.isEmpty ? "text" : "text · \(type)"; lines = text.components(separatedBy: "\n")
    case .formURLEncoded(let rows): kind = "form"; lines = rows.map { "\($0.isEnabled ? "" : "# ")\($0.name) = \($0.value)" }
    case .multipart(let parts):
        kind = "multipart"
        lines = parts.map { part in
            switch part.content {
            case .text(let value): "\(part.name) = \(value)"
            case .file(let path): "\(part.name) = @\(path)"
            }
        }
    case .binaryFile(let path, _): kind = "file"; lines = [path]
    case .graphQL, .jsonRPC, .soap, .xmlRPC: kind = bodyKindName(state.draft.body)
    }
    grid.put(kind, row: rect.row, column: rect.column, style: theme.muted, limit: rect.width)
    drawLines(&grid, Rect(row: rect.row + 1, column: rect.column, width: rect.width, height: rect.height - 1), lines, theme)
}

/// The body being edited: line numbers, the visible slice of the text, and the cursor.
private func drawBodyEditor(_ grid: inout CellGrid, _ rect: Rect, _ editor: TextEditor, _ state: AppState, _ theme: Theme) {
    let part = state.selectedBodyField.map { "\(bodyKindName(state.draft.body)) \($0.label(in: state.draft.body))" } ?? bodyKindName(state.draft.body)
    let position = "\(part) · line \(editor.cursor.line + 1)/\(editor.lines.count), column \(editor.cursor.column + 1) · Esc done"
    grid.put(position, row: rect.row, column: rect.column, style: theme.accent, limit: rect.width)
    let gutter = Layout.gutterWidth(editor)
    let text = Rect(row: rect.row + 1, column: rect.column + gutter, width: max(0, rect.width - gutter), height: max(0, rect.height - 1))
    guard text.height > 0, text.width > 0 else { return }
    for (offset, line) in editor.visibleSlice(height: text.height, width: text.width).enumerated() {
        let number = String(line.lineNumber + 1)
        grid.put(number, row: text.row + offset, column: rect.column + gutter - 1 - number.count, style: theme.muted)
        grid.put(line.text, row: text.row + offset, column: text.column, style: theme.base, limit: text.width)
    }
    let cursorRow = text.row + editor.cursor.line - editor.scroll.line
    let cursorColumn = text.column + editor.displayColumn(of: editor.cursor) - editor.scroll.column
    if cursorRow >= text.row, cursorRow < text.row + text.height, cursorColumn >= text.column, cursorColumn < text.column + text.width {
        grid.restyle(row: cursorRow, column: cursorColumn, width: 1) { $0.reverse = true }
    }
}

func drawLines(_ grid: inout CellGrid, _ rect: Rect, _ lines: [String], _ theme: Theme) {
    for (index, line) in lines.prefix(max(0, rect.height)).enumerated() {
        grid.put(line, row: rect.row + index, column: rect.column, style: theme.base, limit: rect.width)
    }
}

/// The Auth tab: the request's own auth as parts to edit (secrets masked unless they are
/// `{{variables}}`), or, when it inherits, what it inherits and from where.
private func drawAuth(_ grid: inout CellGrid, _ rect: Rect, _ state: AppState, _ theme: Theme) {
    guard rect.height > 0 else { return }
    let kindKey = state.keymap.label(for: .bodyType)
    let auth = state.draft.auth
    if auth == .inherit || auth == .none {
        var lines: [String]
        if auth == .none {
            lines = ["none: this request sends no credentials"]
        } else {
            // The draft's own path, when it is saved: a walk down its folders, not a search of the collection.
            let inherited = state.draftPath.map(state.collection.inheritedAuth(atPath:)) ?? state.collection.inheritedAuth(for: state.draft)
            lines = [inherited.folder.map { "inherited from the folder \($0)/:" } ?? "inherited from the collection:"]
            lines += [authKindName(inherited.auth == .inherit ? .none : inherited.auth)]
            lines += AuthField.all(in: inherited.auth).map { field in authLine(field, inherited.auth) }
        }
        lines += ["", "\(kindKey) gives the request auth of its own"]
        drawLines(&grid, rect, lines, theme)
        return
    }
    grid.put("\(authKindName(auth)) · \(kindKey): kind · \(state.keymap.label(for: .editValue)): edit", row: rect.row, column: rect.column, style: theme.muted, limit: rect.width)
    for (index, field) in AuthField.all(in: auth).enumerated().prefix(max(0, rect.height - 1)) {
        let y = rect.row + 1 + index
        let valueColumn = rect.column + authLabelWidth
        grid.put(field.label, row: y, column: rect.column, style: theme.key, limit: authLabelWidth - 1)
        if case .editingCell(index, 1, let editor) = state.mode {
            drawEditor(&grid, editor, row: y, column: valueColumn, width: rect.column + rect.width - valueColumn, active: true, theme)
        } else {
            grid.put(authValue(field, auth), row: y, column: valueColumn, style: theme.base, limit: rect.column + rect.width - valueColumn)
        }
        if index == state.tableSelection, state.focus == .request {
            grid.restyle(row: y, column: rect.column, width: rect.width) { theme.highlight(&$0) }
        }
    }
}

private let authLabelWidth = 16

private func authLine(_ field: AuthField, _ auth: Auth) -> String {
    field.label.padding(toLength: authLabelWidth, withPad: " ", startingAt: 0) + authValue(field, auth)
}

private func authValue(_ field: AuthField, _ auth: Auth) -> String {
    let text = field.text(in: auth)
    if text.isEmpty { return field == .redirectPort ? "(any free port)" : "(empty)" }
    if let choices = field.choices { return "\(text)  (\(choices.joined(separator: " / ")))" }
    return field.isSecret && !text.hasPrefix("{{") ? SecretMasker.mask : text
}
