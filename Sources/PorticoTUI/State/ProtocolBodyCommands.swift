import PorticoCore

/// The Body tab of a protocol body: its parts are a list (j/k choose one); Enter edits the chosen
/// part, r an XML-RPC param's type, a adds a param or a batch call, d deletes it, Space switches the
/// SOAP version.
func runProtocolBody(_ command: Command, _ state: inout AppState) -> [Effect]? {
    let fields = BodyField.all(in: state.draft.body)
    guard state.requestTab == .body, !fields.isEmpty else { return nil }
    let selected = fields.indices.contains(state.tableSelection) ? fields[state.tableSelection] : nil
    switch command {
    case .down:
        moveSelection(&state.tableSelection, 1, count: fields.count)
    case .up:
        moveSelection(&state.tableSelection, -1, count: fields.count)
    case .editValue:
        guard let selected else { return [] }
        let text = selected.text(in: state.draft.body)
        if selected == .soapVersion {
            toggleSOAPVersion(&state)
        } else if selected.isMultiline {
            state.mode = .editingBody(TextEditor(text))
        } else if case .xmlRPC(let call) = state.draft.body, case .xmlRPCParam(let index) = selected, case .array = call.params[index] {
            state.message = BodyField.containerProblem.message
        } else if case .xmlRPC(let call) = state.draft.body, case .xmlRPCParam(let index) = selected, case .structure = call.params[index] {
            state.message = BodyField.containerProblem.message
        } else {
            state.mode = .editingCell(row: state.tableSelection, column: 1, LineEditor(text))
        }
    case .editName:
        guard case .xmlRPCParam(let index)? = selected, case .xmlRPC(let call) = state.draft.body else {
            state.message = "only XML-RPC params have a type to change (\(state.keymap.label(for: .editName)) on a param)"
            return []
        }
        state.mode = .editingCell(row: state.tableSelection, column: 0, LineEditor(BodyField.typeName(call.params[index])))
    case .toggleRow:
        if selected == .soapVersion { toggleSOAPVersion(&state) }
    case .addRow:
        addPart(&state)
    case .deleteRow:
        deletePart(&state, selected)
    case .externalEditor:
        guard let selected, selected.isMultiline else {
            state.message = "choose a part edited on several lines (\(state.keymap.label(for: .down))/\(state.keymap.label(for: .up))) to open it in $EDITOR"
            return []
        }
        return [.editBody(selected.text(in: state.draft.body))]
    default:
        return nil
    }
    return []
}

/// Keys while a one-line part (or an XML-RPC type, column 0) is being edited: Enter keeps the text
/// when it fits the part, Esc drops it.
func handleBodyFieldKey(_ state: inout AppState, row: Int, column: Int, _ editor: LineEditor, _ key: KeyEvent) -> [Effect] {
    handleFieldEditorKey(&state, row: row, column: column, editor, key) { state, text in
        let fields = BodyField.all(in: state.draft.body)
        guard fields.indices.contains(row) else { return .success(()) }
        let field = fields[row]
        return (column == 0 ? field.settingType(text, in: state.draft.body) : field.setting(text, in: state.draft.body)).map { state.draft.body = $0 }
    }
}

/// Keys while one field (a protocol body's part, an auth part) is being typed: Enter keeps the
/// text when `apply` takes it and says why not otherwise, Esc drops it.
func handleFieldEditorKey(_ state: inout AppState, row: Int, column: Int, _ editor: LineEditor, _ key: KeyEvent,
                          apply: (inout AppState, String) -> Result<Void, FieldProblem>) -> [Effect] {
    var editor = editor
    switch key {
    case .enter, .tab:
        switch apply(&state, editor.string) {
        case .success: state.mode = .normal
        case .failure(let problem): state.message = problem.message
        }
    case .escape:
        state.mode = .normal
    default:
        if editor.handle(key) { state.mode = .editingCell(row: row, column: column, editor) }
    }
    return []
}

extension AppState {
    /// The protocol body part chosen on the Body tab, if the body is a protocol's.
    public var selectedBodyField: BodyField? {
        guard requestTab == .body else { return nil }
        let fields = BodyField.all(in: draft.body)
        return fields.indices.contains(tableSelection) ? fields[tableSelection] : nil
    }
}

/// The draft's body with `text` from the body editor or $EDITOR: into the chosen part of a
/// protocol body, else the body's own text.
func bodyAfterEditing(_ state: AppState, _ text: String) -> RequestBody {
    if let field = state.selectedBodyField, field.isMultiline, case .success(let body) = field.setting(text, in: state.draft.body) {
        return body
    }
    return edited(state.draft.body, text)
}

private func toggleSOAPVersion(_ state: inout AppState) {
    guard case .soap(var soap) = state.draft.body else { return }
    soap.version = soap.version == .v1_1 ? .v1_2 : .v1_1
    state.draft.body = .soap(soap)
    state.message = "SOAP \(soap.version.rawValue): \(soap.contentType(action: "…"))"
}

private func addPart(_ state: inout AppState) {
    switch state.draft.body {
    case .xmlRPC(var call):
        call.params.append(.scalar(.string, ""))
        state.draft.body = .xmlRPC(call)
        state.tableSelection = call.params.count
        state.mode = .editingCell(row: state.tableSelection, column: 1, LineEditor())
        state.message = "a string param: \(state.keymap.label(for: .editName)) changes its type"
    case .jsonRPC(var jsonRPC):
        jsonRPC.calls.append(JSONRPCCall())
        jsonRPC.isBatch = true
        state.draft.body = .jsonRPC(jsonRPC)
        state.tableSelection = BodyField.all(in: state.draft.body).firstIndex(of: .jsonRPCMethod(call: jsonRPC.calls.count - 1)) ?? 0
        state.mode = .editingCell(row: state.tableSelection, column: 1, LineEditor())
        state.message = "a batch of \(jsonRPC.calls.count) calls"
    default:
        state.message = "only XML-RPC params and JSON-RPC batch calls are added"
    }
}

private func deletePart(_ state: inout AppState, _ selected: BodyField?) {
    switch (state.draft.body, selected) {
    case (.xmlRPC(var call), .xmlRPCParam(let index)?):
        call.params.remove(at: index)
        state.draft.body = .xmlRPC(call)
    case (.jsonRPC(var jsonRPC), let field?):
        let index: Int
        switch field {
        case .jsonRPCMethod(let call), .jsonRPCParams(let call), .jsonRPCID(let call): index = call
        default: return
        }
        guard jsonRPC.calls.count > 1 else {
            state.message = "a JSON-RPC body has at least one call"
            return
        }
        jsonRPC.calls.remove(at: index)
        state.draft.body = .jsonRPC(jsonRPC)
    default:
        state.message = "only XML-RPC params and JSON-RPC batch calls are deleted"
        return
    }
    moveSelection(&state.tableSelection, 0, count: BodyField.all(in: state.draft.body).count)
}
