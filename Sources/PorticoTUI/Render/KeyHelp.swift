/// The key bindings, as shown in the footer and the help overlay. One list, so the two never
/// disagree with each other.
public enum KeyHelp {
    public struct Binding: Hashable, Sendable {
        public var keys: String
        public var action: String
    }

    public static let global: [Binding] = [
        Binding(keys: "Tab / S-Tab", action: "next / previous pane"),
        Binding(keys: "Ctrl+R / F5", action: "send the request"),
        Binding(keys: "Esc", action: "cancel the request"),
        Binding(keys: "Ctrl+S", action: "save the request"),
        Binding(keys: "e", action: "next environment"),
        Binding(keys: "z", action: "zoom the pane / back"),
        Binding(keys: "? / F1", action: "this help"),
        Binding(keys: "q / Ctrl+Q", action: "quit"),
    ]

    public static let sidebar: [Binding] = [
        Binding(keys: "j k / ↑ ↓", action: "move"),
        Binding(keys: "Enter / l", action: "open / fold"),
        Binding(keys: "h", action: "fold / go to parent"),
        Binding(keys: "/", action: "filter"),
        Binding(keys: "n", action: "new request"),
        Binding(keys: "g G", action: "first / last"),
    ]

    public static let request: [Binding] = [
        Binding(keys: "i", action: "edit URL"),
        Binding(keys: "m", action: "next method"),
        Binding(keys: "h l / ← →", action: "tabs"),
        Binding(keys: "a", action: "add row"),
        Binding(keys: "Enter / r", action: "edit value / name"),
        Binding(keys: "Space", action: "enable / disable row"),
        Binding(keys: "d", action: "delete row"),
        Binding(keys: "E", action: "edit body in $EDITOR"),
    ]

    public static let response: [Binding] = [
        Binding(keys: "j k / PgUp PgDn", action: "scroll"),
        Binding(keys: "g G", action: "top / bottom"),
        Binding(keys: "h l / ← →", action: "tabs"),
        Binding(keys: "w", action: "wrap lines"),
    ]

    public static let editing: [Binding] = [
        Binding(keys: "Enter", action: "accept"),
        Binding(keys: "Esc", action: "cancel"),
        Binding(keys: "Ctrl+B / Ctrl+F", action: "word left / right"),
        Binding(keys: "Ctrl+W / Ctrl+U", action: "delete word / line"),
        Binding(keys: "Ctrl+Z", action: "undo"),
    ]
}
