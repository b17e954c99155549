import Foundation
import PorticoCore

/// The request composer: method, URL, the tabs, and the params, headers and form tables.
func runRequest(_ command: Command, _ state: inout AppState) -> [Effect] {
    if let effects = runProtocolBody(command, &state) { return effects }
    if let effects = runAuthTab(command, &state) { return effects }
    if let effects = runChecksTab(command, &state) { return effects }
    let tabs = AppState.RequestTab.allCases
    switch command {
    case .editURL:
        state.mode = .editingURL(LineEditor(state.draft.url))
    case .nextMethod:
        state.draft.method = HTTPMethod.standard.cycling(from: state.draft.method, by: 1)
    case .nextTab:
        state.requestTab = tabs.cycling(from: state.requestTab, by: 1)
        state.tableSelection = 0
    case .previousTab:
        state.requestTab = tabs.cycling(from: state.requestTab, by: -1)
        state.tableSelection = 0
    case .down:
        moveSelection(&state.tableSelection, 1, count: state.tableRows.count)
    case .up:
        moveSelection(&state.tableSelection, -1, count: state.tableRows.count)
    case .addRow:
        guard state.hasTable else {
            state.message = state.requestTab == .body ? "rows are for form bodies: \(state.keymap.label(for: .bodyType)) changes the body type" : "this tab has no rows"
            return []
        }
        updateTable(&state) { $0.append(KeyValueRow("", "")) }
        state.tableSelection = state.tableRows.count - 1
        state.mode = .editingCell(row: state.tableSelection, column: 0, LineEditor())
    case .editValue where state.requestTab == .body && !state.hasTable:
        return editBody(&state)
    case .editValue where state.tableRows.indices.contains(state.tableSelection):
        state.mode = .editingCell(row: state.tableSelection, column: 1, LineEditor(state.tableRows[state.tableSelection].value))
    case .editName where state.tableRows.indices.contains(state.tableSelection):
        state.mode = .editingCell(row: state.tableSelection, column: 0, LineEditor(state.tableRows[state.tableSelection].name))
    case .deleteRow where state.tableRows.indices.contains(state.tableSelection):
        let row = state.tableSelection
        updateTable(&state) { $0.remove(at: row) }
        moveSelection(&state.tableSelection, 0, count: state.tableRows.count)
    case .toggleRow where state.tableRows.indices.contains(state.tableSelection):
        let row = state.tableSelection
        updateTable(&state) { $0[row].isEnabled.toggle() }
    case .bodyType:
        cycleBodyType(&state)
    case .externalEditor:
        guard let text = bodyText(state.draft.body) ?? (state.draft.body == .none ? "" : nil) else {
            state.message = "this body kind is edited in the request file (see docs/collection-format.md)"
            return []
        }
        return [.editBody(text)]
    default:
        break
    }
    return []
}

/// Opens the body in the editor inside the pane; a body with no text gets one.
private func editBody(_ state: inout AppState) -> [Effect] {
    switch state.draft.body {
    case .none, .raw, .json, .xml:
        state.mode = .editingBody(TextEditor(bodyText(state.draft.body) ?? ""))
    default:
        state.message = "this body kind is edited in the request file (see docs/collection-format.md)"
    }
    return []
}

/// Keys while the body editor is open: editing keys edit; Esc leaves; the global commands (send,
/// save, help, palette) still work, with the text as it is now.
func handleBodyEditorKey(_ state: inout AppState, _ editor: TextEditor, _ key: KeyEvent) -> [Effect] {
    let before = editor
    var editor = editor
    let viewport = Layout(state).bodyEditorViewport(editor)
    if editor.handle(key, viewport: viewport) {
        // Cheap: lines not touched still share their storage.
        if editor.lines != before.lines { state.bodyEditorChanged = true }
        state.mode = .editingBody(editor)
        return []
    }
    applyBodyEditor(&state, editor)
    switch key {
    case .escape, .control("c"):
        state.mode = .normal
        return []
    case .mouse:
        state.mode = .normal
        return reduce(&state, .key(key))
    default:
        guard let command = state.keymap.command(for: key, in: .global) else {
            state.mode = .editingBody(editor)
            return []
        }
        state.message = nil
        return run(command, &state)
    }
}

/// Puts the editor's text into the draft's body.
func applyBodyEditor(_ state: inout AppState, _ editor: TextEditor) {
    if state.bodyEditorChanged { state.draft.body = bodyAfterEditing(state, editor.text) }
    state.bodyEditorChanged = false
}

/// Cycles the body kinds without ever dropping what was typed. An empty body goes through them
/// all: none → JSON → XML → text → form → GraphQL → JSON-RPC → SOAP → XML-RPC → none. A body
/// holding one text only (JSON, XML, text, a GraphQL query, a SOAP envelope) moves among the kinds
/// that hold such a text; anything more (form rows, variables, calls, params) stays until emptied.
private func cycleBodyType(_ state: inout AppState) {
    let body = state.draft.body
    let emptyKinds: [RequestBody] = [.none, .json(""), .xml(""), .raw(text: "", contentType: "text/plain"), .formURLEncoded([]),
                                     .graphQL(GraphQLBody()), .jsonRPC(JSONRPCBody()), .soap(SOAPBody()), .xmlRPC(XMLRPCCall())]
    if let text = soleText(body), !text.isEmpty {
        let textKinds: [RequestBody] = [.json(text), .xml(text), .raw(text: text, contentType: "text/plain"), .graphQL(GraphQLBody(query: text)), .soap(SOAPBody(envelope: text))]
        let index = textKinds.firstIndex { kindIndex($0) == kindIndex(body) } ?? 0
        state.draft.body = textKinds[(index + 1) % textKinds.count]
    } else if soleText(body) != nil || emptyKinds.contains(body) {
        state.draft.body = emptyKinds[(kindIndex(body) + 1) % emptyKinds.count]
    } else {
        switch body {
        case .formURLEncoded: state.message = "delete the form's rows first: a body type change never drops them"
        case .multipart, .binaryFile: state.message = "this body kind is edited in the request file (see docs/collection-format.md)"
        default: state.message = "empty the \(body.protocolName ?? "body")'s parts first: a body type change never drops them"
        }
        return
    }
    state.tableSelection = 0
    state.message = "body: \(bodyKindName(state.draft.body))"
}

/// The place of a body's kind in the cycle.
private func kindIndex(_ body: RequestBody) -> Int {
    switch body {
    case .none: 0
    case .json: 1
    case .xml: 2
    case .raw: 3
    case .formURLEncoded, .multipart, .binaryFile: 4
    case .graphQL: 5
    case .jsonRPC: 6
    case .soap: 7
    case .xmlRPC: 8
    }
}

/// The text of a body whose only content is one text (a GraphQL query without variables, a SOAP
/// envelope without an action); nil for the rest.
private func soleText(_ body: RequestBody) -> String? {
    switch body {
    case .raw(let text, _), .json(let text), .xml(let text): text
    case .graphQL(let graphQL) where graphQL.variables.isEmpty && graphQL.operationName.isEmpty: graphQL.query
    case .soap(let soap) where soap.action.isEmpty: soap.envelope
    default: nil
    }
}

func bodyKindName(_ body: RequestBody) -> String {
    switch body {
    case .none: "none"
    case .json: "JSON"
    case .xml: "XML"
    case .raw(_, let type): type.isEmpty ? "text" : "text (\(type))"
    case .formURLEncoded: "form (application/x-www-form-urlencoded)"
    case .multipart: "multipart"
    case .binaryFile: "file"
    case .graphQL, .jsonRPC, .soap, .xmlRPC: body.protocolName ?? ""
    }
}

extension AppState {
    /// Whether the current tab shows a table of rows.
    public var hasTable: Bool {
        switch requestTab {
        case .params, .headers: true
        case .body: if case .formURLEncoded = draft.body { true } else { false }
        default: false
        }
    }
}

private func updateTable(_ state: inout AppState, _ change: (inout [KeyValueRow]) -> Void) {
    switch state.requestTab {
    case .params: change(&state.draft.params)
    case .headers: change(&state.draft.headers)
    case .body:
        if case .formURLEncoded(var rows) = state.draft.body {
            change(&rows)
            state.draft.body = .formURLEncoded(rows)
        }
    default: break
    }
}

func setCell(_ state: inout AppState, row: Int, column: Int, _ text: String) {
    updateTable(&state) { rows in
        guard rows.indices.contains(row) else { return }
        if column == 0 { rows[row].name = text } else { rows[row].value = text }
    }
}

/// The text of a body that has one.
func bodyText(_ body: RequestBody) -> String? {
    switch body {
    case .raw(let text, _), .json(let text), .xml(let text): text
    default: nil
    }
}

/// The body after its text was edited, keeping its kind; text typed into no body becomes JSON
/// when it is JSON, else plain text.
func edited(_ body: RequestBody, _ text: String) -> RequestBody {
    switch body {
    case .raw(_, let contentType): return .raw(text: text, contentType: contentType)
    case .xml: return .xml(text)
    case .json: return .json(text)
    default:
        if text.isEmpty { return body }
        return JSONPrettyPrinter.lines(text) != nil ? .json(text) : .raw(text: text, contentType: "text/plain")
    }
}
