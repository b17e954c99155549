/// The key bindings as the footer and the help overlay show them, read from the keymap in use so
/// that a rebinding shows everywhere at once.
public enum KeyHelp {
    public struct Binding: Hashable, Sendable {
        public var keys: String
        public var action: String
    }

    /// Every command of a context with its keys, for the help overlay.
    /// An opened history entry's response works with the response pane's keys: those are listed
    /// under Response only, not a second time.
    public static func bindings(_ context: Command.Context, _ keymap: Keymap) -> [Binding] {
        Command.allCases.filter { command in
            command.contexts.contains(context) && !keymap.keys(for: command).isEmpty
                && !(context == .historyEntry && command.contexts.contains(.response))
        }
        .map { Binding(keys: keymap.label(for: $0), action: $0.summary) }
    }

    /// The few commands the footer shows for a pane, most used first.
    public static func footer(_ context: Command.Context, _ keymap: Keymap) -> [Binding] {
        let commands: [Command]
        switch context {
        case .global: commands = [.help, .palette, .send, .history]
        case .sidebar: commands = [.open, .filter, .newRequest, .newFolder, .rename, .move, .delete]
        case .request: commands = [.editURL, .nextMethod, .nextTab, .addRow, .editValue, .toggleRow, .bodyType]
        case .response: commands = [.down, .pageDown, .nextTab, .wrap]
        case .history: commands = [.back, .openEntry, .searchHistory, .historyMethod, .historyStatus, .historyThisRequest, .replay, .replayRendered, .compare]
        case .historyEntry: commands = [.back, .nextTab, .search, .query, .replay, .replayRendered, .compare]
        case .comparison: commands = [.back, .down, .pageDown, .copy]
        }
        return commands.compactMap { command in
            // Only the first key: the footer is one line.
            keymap.keys(for: command).first.map { Binding(keys: KeyName.describe($0), action: command.shortSummary) }
        }
    }

    /// Keys of the text fields (URL, table cells, filter, palette and prompts).
    public static let lineEditing: [Binding] = [
        Binding(keys: "Enter", action: "accept"),
        Binding(keys: "Esc", action: "cancel"),
        Binding(keys: "Ctrl+B / Ctrl+F", action: "word left / right"),
        Binding(keys: "Ctrl+A / Ctrl+E", action: "start / end"),
        Binding(keys: "Ctrl+W / Ctrl+U", action: "delete word / to start"),
        Binding(keys: "Ctrl+Z", action: "undo"),
    ]

    /// Keys of the body editor.
    public static let bodyEditing: [Binding] = [
        Binding(keys: "Esc", action: "done (the text stays in the draft)"),
        Binding(keys: "arrows PgUp PgDn", action: "move"),
        Binding(keys: "Home / Ctrl+A", action: "line start (again: column 1)"),
        Binding(keys: "End / Ctrl+E", action: "line end"),
        Binding(keys: "Ctrl+B / Ctrl+F", action: "word left / right"),
        Binding(keys: "Enter", action: "new line, keeping the indent"),
        Binding(keys: "Tab / S-Tab", action: "indent / outdent"),
        Binding(keys: "Ctrl+W / Ctrl+U / Ctrl+K", action: "delete word / to start / to end"),
        Binding(keys: "Ctrl+Z / Ctrl+Y", action: "undo / redo"),
    ]

    /// The request keys as they act on a GraphQL, JSON-RPC, SOAP or XML-RPC body, whose parts the
    /// Body tab lists.
    public static func protocolBodies(_ keymap: Keymap) -> [Binding] {
        [
            Binding(keys: keymap.label(for: .bodyType), action: "next body type (GraphQL, JSON-RPC, SOAP, XML-RPC after form)"),
            Binding(keys: "\(keymap.label(for: .down)) / \(keymap.label(for: .up))", action: "choose a part (query, variables, method, params, id, …)"),
            Binding(keys: keymap.label(for: .editValue), action: "edit the part (long ones in the body editor)"),
            Binding(keys: keymap.label(for: .externalEditor), action: "edit a long part in $EDITOR"),
            Binding(keys: keymap.label(for: .editName), action: "XML-RPC: the param's type (int, boolean, string, double, …)"),
            Binding(keys: keymap.label(for: .addRow), action: "XML-RPC: add a param · JSON-RPC: add a batch call"),
            Binding(keys: keymap.label(for: .deleteRow), action: "delete the param or batch call"),
            Binding(keys: keymap.label(for: .toggleRow), action: "SOAP: switch between 1.1 and 1.2"),
        ]
    }

    /// The request keys as they act on the Auth tab.
    public static func authTab(_ keymap: Keymap) -> [Binding] {
        [
            Binding(keys: keymap.label(for: .bodyType), action: "next auth kind (inherit, none, Basic, Digest, Bearer, …)"),
            Binding(keys: "\(keymap.label(for: .down)) / \(keymap.label(for: .up))", action: "choose a part (username, token URL, …)"),
            Binding(keys: keymap.label(for: .editValue), action: "edit the part, or move a choice on"),
        ]
    }

    /// The request keys as they act on the Checks tab.
    public static func checksTab(_ keymap: Keymap) -> [Binding] {
        [
            Binding(keys: keymap.label(for: .addRow), action: "add a check line: status == 200, jsonpath \"$.id\" exists, …"),
            Binding(keys: keymap.label(for: .editValue), action: "edit the check (an emptied line deletes it)"),
            Binding(keys: keymap.label(for: .deleteRow), action: "delete the check"),
        ]
    }

    /// The cookie jar screen's own keys.
    public static let cookieJar: [Binding] = [
        Binding(keys: "Enter", action: "edit the selected cookie's value"),
        Binding(keys: "a", action: "add a cookie (name=value; Domain=host; Path=/)"),
        Binding(keys: "d", action: "delete the selected cookie"),
        Binding(keys: "X", action: "clear the jar"),
        Binding(keys: "Esc / q", action: "close the jar"),
    ]

    /// Fixed keys that the keymap does not hold.
    public static let fixed: [Binding] = [
        Binding(keys: "Ctrl+C", action: "cancel or stop repeat, else quit"),
        Binding(keys: "mouse", action: "click to focus and select; wheel scrolls"),
    ]
}
